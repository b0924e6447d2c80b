// The ad order form: counts the copy against the product's line limit as it is typed (the same rule as the server:
// each written line wraps at the characters per line) and asks the server for the price. Without JavaScript the
// "가격 계산" button does the same with a page load, and the server refuses copy over the limit on submit.
(function () {
  'use strict';
  var form = document.querySelector('.ad-order-form');
  if (!form) return;
  var copy = form.querySelector('#f-copy');
  var count = document.getElementById('ad-count');
  var perLine = Number(copy && copy.dataset.charsPerLine);
  var maxLines = Number(copy && copy.dataset.maxLines);
  var ko = document.documentElement.lang !== 'en';
  var timer = null;

  function lines(text) {
    var written = text.normalize('NFC').replace(/\r\n?/g, '\n').trim().split('\n');
    if (written.length === 1 && written[0] === '') return 0;
    return written.reduce(function (sum, line) { return sum + Math.max(1, Math.ceil(Array.from(line).length / perLine)); }, 0);
  }

  function showCount() {
    if (!perLine || !count) return;
    var text = copy.value;
    var chars = Array.from(text.trim().replace(/\n/g, '')).length;
    var n = lines(text);
    var over = n - maxLines;
    count.textContent = ko
      ? chars + '자 · ' + n + '줄 / 최대 ' + maxLines + '줄'
      : chars + ' characters · ' + n + ' lines / at most ' + maxLines;
    if (over > 0) {
      var strong = document.createElement('strong');
      strong.className = 'ad-overflow';
      strong.textContent = ko ? ' ' + over + '줄 넘쳤습니다. 문안을 줄여 주세요.' : ' ' + over + ' lines too many. Please shorten the copy.';
      count.appendChild(strong);
    }
  }

  function won(n) { return ko ? n.toLocaleString('en-US') + '원' : '₩' + n.toLocaleString('en-US'); }

  function askPrice() {
    var url = form.dataset.quote;
    if (!url) return;
    fetch(url, {
      method: 'POST',
      headers: { Accept: 'application/json' },
      body: new URLSearchParams(new FormData(form)),
      credentials: 'same-origin',
    })
      .then(function (res) {
        return res.ok ? res.json() : null;
      })
      .then(function (q) {
        if (!q) return;
        ['supply', 'vat', 'total'].forEach(function (k) {
          var cell = document.querySelector('[data-price="' + k + '"]');
          if (cell) cell.textContent = won(q[k]);
        });
      })
      .catch(function () {
        /* the button still works */
      });
  }

  form.addEventListener('input', function () {
    showCount();
    clearTimeout(timer);
    timer = setTimeout(askPrice, 400);
  });
  showCount();
})();
