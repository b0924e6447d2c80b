// Listing page enhancements: copy buttons, Web Share, and counting beacons for page views (from a QR code: ?src=qr;
// from a search page: its query), map taps, vCard downloads and shares (call taps: /js/calls.js).
// A visit through a printed short code arrives as #via=CODE: the code is kept in sessionStorage (this tab only, gone
// when it closes) so that calls.js can name it, and taken out of the address bar so a shared link does not carry it.
// Without JavaScript every number is still a plain tel: link, 공유 jumps to the link and QR section, nothing is counted.
(function () {
  'use strict';
  var article = document.querySelector('article[data-listing-id]');
  if (!article) return;
  var listingId = article.getAttribute('data-listing-id');
  var status = document.querySelector('.copy-status');

  try {
    var via = /^#via=([2-9A-HJKMNP-TV-Z]{6})$/.exec(location.hash);
    if (via) {
      sessionStorage.setItem('golmok.via.' + listingId, via[1]);
      history.replaceState(history.state, '', location.pathname + location.search);
    }
  } catch { /* storage off (private mode): the visit is still counted, its calls are not attributed */ }

  function beacon(path, data) {
    if (!navigator.sendBeacon) return;
    try { navigator.sendBeacon(path, new URLSearchParams(data || {})); } catch { /* never block the dial */ }
  }

  function viewData() {
    var data = {};
    try {
      // The listing page's QR code (?src=qr) and the shop-window card's (?src=card) are both QR scans.
      var src = new URLSearchParams(location.search).get('src');
      if (src === 'qr' || src === 'card') data.src = 'qr';
      // Arrived from a featured "광고" slot: the visit counts for that placement.
      var ad = new URLSearchParams(location.search).get('ad');
      if (ad && /^[1-9][0-9]{0,8}$/.test(ad)) data.ad = ad;
      var from = document.referrer ? new URL(document.referrer) : null;
      if (from && from.origin === location.origin && from.pathname === '/search' && from.searchParams.get('q'))
        data.q = from.searchParams.get('q').slice(0, 200);
    } catch { /* an odd referrer is not worth a thrown error */ }
    return data;
  }
  if (article.getAttribute('data-count-view') === 'true') beacon('/listings/' + listingId + '/views', viewData());

  document.addEventListener('click', function (e) {
    var action = e.target.closest && e.target.closest('[data-action]');
    if (action) beacon('/listings/' + listingId + '/actions', { type: action.getAttribute('data-action') });
  });

  function announce(text) { if (status) status.textContent = text; }

  if (navigator.clipboard) {
    Array.prototype.forEach.call(document.querySelectorAll('button.copy[data-copy]'), function (button) {
      button.hidden = false;
      button.addEventListener('click', function () {
        navigator.clipboard.writeText(button.getAttribute('data-copy')).then(function () {
          announce(status ? status.getAttribute('data-copied') : '');
        });
      });
    });
  }

  // 공유: a link to the share section without JavaScript; the phone's share sheet where there is one.
  var share = document.querySelector('a.share-link');
  if (share && navigator.share) {
    share.addEventListener('click', function (e) {
      e.preventDefault();
      navigator.share({ title: share.getAttribute('data-share-title'), url: share.getAttribute('data-share-url') }).then(function () {
        beacon('/listings/' + listingId + '/actions', { type: 'share' });
      }).catch(function () {});
    });
  }
})();
