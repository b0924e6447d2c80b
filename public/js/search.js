// Autocomplete for the search box: debounced, waits for Korean IME composition to finish, works without it.
(function () {
  'use strict';
  var input = document.querySelector('input[data-suggest]');
  var list = document.getElementById('suggestions');
  if (!input || !list || !window.fetch) return;
  var composing = false;
  var timer = null;
  var lastQuery = '';
  var controller = null;

  function clear() {
    list.hidden = true;
    while (list.firstChild) list.removeChild(list.firstChild);
  }

  function show(items) {
    clear();
    items.forEach(function (item) {
      var li = document.createElement('li');
      li.setAttribute('role', 'option');
      var a = document.createElement('a');
      a.href = item.url;
      a.textContent = item.label;
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
  }

  function fetchSuggestions() {
    var q = input.value.trim();
    if (q === lastQuery) return;
    lastQuery = q;
    if (!q) { clear(); return; }
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    fetch(input.getAttribute('data-suggest') + '?q=' + encodeURIComponent(q), controller ? { signal: controller.signal } : {})
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (data) { show(data.suggestions || []); })
      .catch(function () { /* offline or aborted: the form still works */ });
  }

  function schedule() {
    if (composing) return;
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 150);
  }

  input.addEventListener('compositionstart', function () { composing = true; });
  input.addEventListener('compositionend', function () { composing = false; schedule(); });
  input.addEventListener('input', schedule);
  input.addEventListener('keydown', function (e) { if (e.key === 'Escape') clear(); });
  document.addEventListener('click', function (e) { if (!list.contains(e.target) && e.target !== input) clear(); });
})();
