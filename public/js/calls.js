// Counts call taps: a click on any tel: link that names its phone and listing sends a beacon before the dialler opens.
// Without JavaScript every number is still a plain tel: link; nothing is counted and nothing breaks.
(function () {
  'use strict';
  if (!navigator.sendBeacon) return;
  document.addEventListener('click', function (e) {
    var link = e.target.closest && e.target.closest('a[href^="tel:"][data-phone-id][data-listing-id]');
    if (!link) return;
    try {
      navigator.sendBeacon('/listings/' + link.getAttribute('data-listing-id') + '/calls', new URLSearchParams({ phone: link.getAttribute('data-phone-id') }));
    } catch { /* never block the dial */ }
  });
})();
