// ALTCHA widget set-up, served from our origin (strict CSP).
// 1. The strict-CSP build ships without workers: register the SHA worker.
// 2. Altcha 3 takes its texts from the global $altcha.i18n registry, keyed by language (the `language` attribute picks
//    one); the strict-CSP build carries English only. The page hands our Korean or English strings in
//    data-altcha-strings; the registry is reactive, so widgets already on the page switch to them.
(function () {
  var altcha = globalThis.$altcha;
  if (!altcha) return;
  if (altcha.algorithms) {
    ['SHA-256', 'SHA-384', 'SHA-512'].forEach(function (name) {
      altcha.algorithms.set(name, function () { return new Worker('/vendor/altcha-workers/sha.js'); });
    });
  }
  if (!altcha.i18n) return;
  document.querySelectorAll('[data-altcha-strings][data-altcha-lang]').forEach(function (box) {
    try {
      var lang = box.getAttribute('data-altcha-lang');
      var strings = JSON.parse(box.getAttribute('data-altcha-strings'));
      altcha.i18n.set(lang, Object.assign({}, altcha.i18n.get('en') || {}, strings));
    } catch { /* keep the widget's own strings */ }
  });
})();
