// The strict-CSP build of the ALTCHA widget ships without workers: register the SHA worker, served from our origin.
(function () {
  var altcha = globalThis.$altcha;
  if (!altcha || !altcha.algorithms) return;
  ['SHA-256', 'SHA-384', 'SHA-512'].forEach(function (name) {
    altcha.algorithms.set(name, function () { return new Worker('/vendor/altcha-workers/sha.js'); });
  });
})();
