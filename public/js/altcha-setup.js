// ALTCHA widget set-up, served from our origin (strict CSP). This module imports the widget itself, so its body runs
// in the same synchronous module evaluation as the widget's definition: before the widget first renders (a custom
// element renders a microtask after it is defined), so it never shows its built-in English, not even for a frame.
// 1. The strict-CSP build ships without workers: register the SHA worker.
// 2. Altcha 3 takes its texts from the global $altcha.i18n registry, keyed by language (the `language` attribute picks
//    one); the strict-CSP build carries English only. The page hands our Korean or English strings in
//    data-altcha-strings.
// 3. The error popover's tooltip is the library's own English error text: dropped (the popover says it in the
//    page's language).
import '/vendor/altcha/altcha.min.js';

var altcha = globalThis.$altcha;
if (altcha && altcha.algorithms) {
  ['SHA-256', 'SHA-384', 'SHA-512'].forEach(function (name) {
    altcha.algorithms.set(name, function () { return new Worker('/vendor/altcha-workers/sha.js'); });
  });
}
if (altcha && altcha.i18n) {
  document.querySelectorAll('[data-altcha-strings][data-altcha-lang]').forEach(function (box) {
    try {
      var lang = box.getAttribute('data-altcha-lang');
      var strings = JSON.parse(box.getAttribute('data-altcha-strings'));
      altcha.i18n.set(lang, Object.assign({}, altcha.i18n.get('en') || {}, strings));
    } catch { /* keep the widget's own strings */ }
  });
}
document.querySelectorAll('altcha-widget').forEach(function (widget) {
  var untitle = function () { widget.querySelectorAll('.altcha-error[title]').forEach(function (el) { el.removeAttribute('title'); }); };
  new MutationObserver(untitle).observe(widget, { subtree: true, childList: true, attributes: true, attributeFilter: ['title'] });
});
