// Counts call taps: a click on any tel: link that names its phone and listing sends a beacon before the dialler opens.
// Without JavaScript every number is still a plain tel: link; nothing is counted and nothing breaks.
(function () {
  'use strict';
  if (!navigator.sendBeacon) return;
  document.addEventListener('click', function (e) {
    var link = e.target.closest && e.target.closest('a[href^="tel:"][data-phone-id][data-listing-id]');
    if (!link) return;
    try {
      var data = { phone: link.getAttribute('data-phone-id') };
      // A call on a page reached from a featured "광고" slot (?ad=) also counts for that placement.
      var ad = new URLSearchParams(location.search).get('ad');
      if (ad && /^[1-9][0-9]{0,8}$/.test(ad)) data.ad = ad;
      navigator.sendBeacon('/listings/' + link.getAttribute('data-listing-id') + '/calls', new URLSearchParams(data));
    } catch { /* never block the dial */ }
  });
})();
