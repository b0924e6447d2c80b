// Saved shops (저장), progressive enhancement; every page loads it.
// - A visitor: the 저장 links become toggle buttons in place (role="button", aria-pressed, Space; the node is kept, so the
//   page is not laid out again) kept in this browser's localStorage ("golmok.saved": [{ id, name, note }], newest
//   first). Nothing is sent anywhere, except on /saved, where the ids are posted once to get their cards.
// - Signed in (the page carries <meta name="csrf-token">): the 저장 forms are sent with fetch and the button flips in
//   place; and a list this browser kept before login is posted once to /saved/merge, then forgotten here.
// Without JavaScript the links lead to sign-in and the forms post normally.
(function () {
  'use strict';
  var KEY = 'golmok.saved';
  var NOTE_MAX = 500;
  var meta = document.querySelector('meta[name="csrf-token"]');
  var token = meta ? meta.getAttribute('content') : null;
  var cardsForm = document.getElementById('saved-cards');
  var max = cardsForm ? Number(cardsForm.getAttribute('data-max')) || 200 : 200;

  function load() {
    try {
      var v = JSON.parse(localStorage.getItem(KEY) || '[]');
      return Array.isArray(v)
        ? v.filter(function (x) {
            return x && typeof x.id === 'number' && x.id > 0 && x.id < 1e9 && Math.floor(x.id) === x.id;
          })
        : [];
    } catch { return []; }
  }
  function store(list) {
    try { localStorage.setItem(KEY, JSON.stringify(list)); return true; } catch { return false; }
  }
  function indexOf(list, id) {
    for (var i = 0; i < list.length; i += 1) if (list[i].id === id) return i;
    return -1;
  }
  // Only what changes is written: an unchanged label is not replaced (a text change lays the card out again).
  function paint(button, saved) {
    button.setAttribute('aria-pressed', saved ? 'true' : 'false');
    var label = button.querySelector('.save-label');
    var text = button.getAttribute(saved ? 'data-label-saved' : 'data-label');
    if (label && label.textContent !== text) label.textContent = text;
  }
  var live;
  function announce(text) {
    if (!live) {
      live = document.createElement('p');
      live.className = 'visually-hidden';
      live.setAttribute('role', 'status');
      document.body.appendChild(live);
    }
    live.textContent = text;
  }

  // A visitor's toggles: the link itself becomes a toggle button in place (role, aria-pressed, Space), so the page is
  // not rebuilt or laid out again after it is shown; clicks are taken by one listener for the whole page.
  function enhanceLinks(kept) {
    var links = document.querySelectorAll('a.save-toggle[data-save-id]');
    if (!links.length) return;
    links.forEach(function (a) {
      a.setAttribute('role', 'button');
      paint(a, indexOf(kept, Number(a.getAttribute('data-save-id'))) >= 0);
    });
    function toggleOf(e) {
      var a = e.target.closest && e.target.closest('a.save-toggle[role="button"][data-save-id]');
      return a && !e.defaultPrevented ? a : null;
    }
    function toggle(a) {
      var id = Number(a.getAttribute('data-save-id'));
      var cap = Number(a.getAttribute('data-save-max')) || max;
      var list = load();
      var at = indexOf(list, id);
      if (at >= 0) list.splice(at, 1);
      else if (list.length >= cap) { announce(a.getAttribute('data-label-full') || ''); return; }
      else list.unshift({ id: id, name: a.getAttribute('data-save-name') || '', note: '' });
      if (!store(list)) return;
      paint(a, at < 0);
      announce(a.getAttribute(at < 0 ? 'data-label-saved' : 'data-label'));
    }
    document.addEventListener('click', function (e) {
      var a = toggleOf(e);
      if (!a) return;
      e.preventDefault();
      toggle(a);
    });
    // A button answers Space as well as Enter (a link only Enter, which arrives here as a click): the page must not
    // scroll on keydown, and the toggle happens on keyup, as a button's does.
    function spaceOn(e) {
      return (e.key === ' ' || e.key === 'Spacebar') ? toggleOf(e) : null;
    }
    document.addEventListener('keydown', function (e) {
      if (spaceOn(e)) e.preventDefault();
    });
    document.addEventListener('keyup', function (e) {
      var a = spaceOn(e);
      if (a) toggle(a);
    });
  }

  // A signed-in user's forms, sent without leaving the page.
  function enhanceForm(form) {
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var action = form.getAttribute('action');
      fetch(action, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
        body: new URLSearchParams(new FormData(form)),
      })
        .then(function (res) {
          if (!res.ok) {
            form.submit();
            return;
          }
          var saved = action === form.getAttribute('data-add');
          form.setAttribute('action', form.getAttribute(saved ? 'data-remove' : 'data-add'));
          var b = form.querySelector('button');
          paint(b, saved);
          announce(b.getAttribute(saved ? 'data-label-saved' : 'data-label'));
        })
        .catch(function () {
          form.submit();
        });
    });
  }

  // After login: the browser's list joins the account's (duplicates kept once, server-side), then is forgotten here.
  function merge() {
    var list = load();
    if (!list.length) return;
    var items = list.slice(0, max).map(function (x) {
      return x.note ? { id: x.id, note: String(x.note).slice(0, NOTE_MAX) } : { id: x.id };
    });
    fetch('/saved/merge', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'x-csrf-token': token },
      body: JSON.stringify({ items: items }),
    })
      .then(function (res) {
        // Kept for the next page when the server could not take it now; forgotten once merged (or refused as unreadable).
        if (res.status === 429 || res.status === 403 || res.status >= 500) return null;
        try {
          localStorage.removeItem(KEY);
        } catch {
          /* nothing to forget */
        }
        return res.ok ? res.json() : null;
      })
      .then(function (out) {
        if (!out) return;
        var ids = out.ids || [];
        document.querySelectorAll('form.save-form').forEach(function (form) {
          var b = form.querySelector('button');
          if (ids.indexOf(Number(b.getAttribute('data-save-id'))) < 0) return;
          form.setAttribute('action', form.getAttribute('data-remove'));
          paint(b, true);
        });
        if (out.added > 0 && location.pathname === '/saved') location.reload();
      })
      .catch(function () {
        /* tried again on the next page */
      });
  }

  // A visitor's /saved: the cards of the ids kept here, with the notes kept here.
  function showLocalList() {
    var ul = document.getElementById('saved-local');
    var status = document.querySelector('.saved-status');
    var list = load();
    function empty() { status.textContent = cardsForm.getAttribute('data-empty'); }
    if (!list.length) { empty(); return; }
    status.textContent = cardsForm.getAttribute('data-loading');
    var body = new URLSearchParams({
      _csrf: cardsForm.getAttribute('data-csrf'),
      ids: list
        .slice(0, max)
        .map(function (x) {
          return x.id;
        })
        .join(','),
    });
    fetch('/saved/cards', { method: 'POST', credentials: 'same-origin', headers: { Accept: 'text/html' }, body: body })
      .then(function (res) { if (!res.ok) throw new Error(String(res.status)); return res.text(); })
      .then(function (html) {
        ul.innerHTML = html;
        status.textContent = '';
        ul.querySelectorAll('li[data-saved-id]').forEach(function (li) {
          var id = Number(li.getAttribute('data-saved-id'));
          var kept = load()[indexOf(load(), id)] || { name: '', note: '' };
          var name = li.querySelector('[data-local-name]');
          if (name) name.textContent = kept.name || cardsForm.getAttribute('data-unnamed');
          var note = li.querySelector('textarea[data-note-for]');
          note.value = kept.note || '';
          note.addEventListener('input', function () {
            var now = load();
            var at = indexOf(now, id);
            if (at < 0) return;
            now[at].note = note.value.slice(0, NOTE_MAX);
            store(now);
          });
          li.querySelector('[data-unsave]').addEventListener('click', function () {
            var now = load();
            var at = indexOf(now, id);
            if (at >= 0) now.splice(at, 1);
            store(now);
            li.parentNode.removeChild(li);
            if (!ul.querySelector('li')) empty();
          });
        });
      })
      .catch(function () { status.textContent = cardsForm.getAttribute('data-failed'); });
  }

  if (token) {
    document.querySelectorAll('form.save-form').forEach(enhanceForm);
    merge();
  } else {
    var kept = load(); // read once: each localStorage read is a synchronous call into the browser
    enhanceLinks(kept);
    if (cardsForm) showLocalList();
  }
})();
