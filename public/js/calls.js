// Counts call taps: a click on any tel: link that names its phone and listing sends a beacon before the dialler opens.
// A listing reached in this tab through a printed short code (kept by listing.js) sends the code along: via=CODE.
// Without JavaScript every number is still a plain tel: link; nothing is counted and nothing breaks.
(function () {
  'use strict';
  if (!navigator.sendBeacon) return;
  document.addEventListener('click', function (e) {
    var link = e.target.closest && e.target.closest('a[href^="tel:"][data-phone-id][data-listing-id]');
    if (!link) return;
    try {
      var listingId = link.getAttribute('data-listing-id');
      var data = { phone: link.getAttribute('data-phone-id') };
      // A call on a page reached from a featured "광고" slot (?ad=) also counts for that placement.
      var ad = new URLSearchParams(location.search).get('ad');
      if (ad && /^[1-9][0-9]{0,8}$/.test(ad)) data.ad = ad;
      // A call on a page reached through a short code (/p/CODE, kept for the tab) counts for that code.
      var via = null;
      try { via = sessionStorage.getItem('golmok.via.' + listingId); } catch { /* storage off */ }
      if (via) data.via = via;
      navigator.sendBeacon('/listings/' + listingId + '/calls', new URLSearchParams(data));
    } catch { /* never block the dial */ }
  });
})();
