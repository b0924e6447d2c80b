// Listing page enhancements: copy buttons, Web Share (copy-link fallback), and counting beacons for call taps
// and page views. Without JavaScript every number is still a plain tel: link and nothing is counted.
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

  document.addEventListener('click', function (e) {
    var link = e.target.closest && e.target.closest('a.phone[data-phone-id]');
    if (link) beacon('/listings/' + listingId + '/calls', { phone: link.getAttribute('data-phone-id') });
  });

  function announce(text) { if (status) status.textContent = text; }

  if (navigator.clipboard) {
    Array.prototype.forEach.call(document.querySelectorAll('button.copy[data-copy]'), function (button) {
      button.hidden = false;
      button.addEventListener('click', function () {
        navigator.clipboard.writeText(button.getAttribute('data-copy')).then(function () {
          announce(document.documentElement.lang === 'en' ? 'Copied' : '복사했습니다');
        });
      });
    });
  }

  var share = document.querySelector('button.share-button');
  if (share && navigator.share) {
    share.hidden = false;
    share.addEventListener('click', function () {
      navigator.share({ title: share.getAttribute('data-share-title'), url: share.getAttribute('data-share-url') }).catch(function () {});
    });
  }
})();
