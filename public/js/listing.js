// Listing page enhancements: copy buttons, Web Share, and the page-view beacon (call taps: /js/calls.js).
// Without JavaScript every number is still a plain tel: link, 공유 jumps to the link and QR section, nothing is counted.
(function () {
  'use strict';
  var article = document.querySelector('article[data-listing-id]');
  if (!article) return;
  var listingId = article.getAttribute('data-listing-id');
  var status = document.querySelector('.copy-status');

  function beacon(path, data) {
    if (!navigator.sendBeacon) return;
    try { navigator.sendBeacon(path, new URLSearchParams(data || {})); } catch { /* never block the dial */ }
  }

  if (article.getAttribute('data-count-view') === 'true') beacon('/listings/' + listingId + '/views');

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
      navigator.share({ title: share.getAttribute('data-share-title'), url: share.getAttribute('data-share-url') }).catch(function () {});
    });
  }
})();
