/*
 * The listing form's map (views/pages/submissions/form.ejs): "지도에서 위치 고르기" loads Leaflet from this site
 * (/vendor/leaflet, the installed package) and OpenStreetMap tiles, and a tap on the map puts the branch's pin there,
 * filling its latitude and longitude fields. Typing the numbers moves the pin. Without JavaScript the two fields remain.
 */
(function () {
  'use strict';
  var section = document.querySelector('section[data-rows="branches"][data-leaflet-js]');
  if (!section) return;
  var GWANGJU = [35.1595, 126.8526];
  var loading = null;
  var maps = new WeakMap();

  function loadLeaflet() {
    if (window.L) return Promise.resolve(window.L);
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var css = document.createElement('link');
      css.rel = 'stylesheet';
      css.href = section.getAttribute('data-leaflet-css');
      document.head.appendChild(css);
      var js = document.createElement('script');
      js.src = section.getAttribute('data-leaflet-js');
      js.onload = function () { resolve(window.L); };
      js.onerror = reject;
      document.head.appendChild(js);
    });
    return loading;
  }

  function fields(box) {
    var inputs = box.querySelectorAll('input[name$="[lat]"], input[name$="[lng]"]');
    return { lat: inputs[0], lng: inputs[1] };
  }
  function typed(f) {
    var lat = parseFloat(f.lat.value);
    var lng = parseFloat(f.lng.value);
    return isFinite(lat) && isFinite(lng) && lat > 33 && lat < 38.7 && lng > 124.5 && lng < 132 ? [lat, lng] : null;
  }

  function open(box) {
    var el = box.querySelector('[data-map]');
    if (maps.has(el)) return;
    // A branch row copied by "add" may carry another map's markup: start clean.
    el.innerHTML = '';
    el.className = 'map-pin';
    el.hidden = false;
    loadLeaflet().then(function (L) {
      var f = fields(box);
      var start = typed(f);
      var map = L.map(el).setView(start || GWANGJU, start ? 17 : 12);
      L.tileLayer(section.getAttribute('data-tiles'), {
        maxZoom: 19,
        attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
      }).addTo(map);
      var marker = null;
      function place(latlng, pan) {
        if (!marker) {
          marker = L.marker(latlng, {
            draggable: true,
            keyboard: true,
            title: box.querySelector('legend') ? box.querySelector('legend').textContent : '',
          }).addTo(map);
          marker.on('dragend', function () { fill(marker.getLatLng()); });
        } else marker.setLatLng(latlng);
        if (pan) map.panTo(latlng);
      }
      function fill(ll) {
        f.lat.value = ll.lat.toFixed(6);
        f.lng.value = ll.lng.toFixed(6);
      }
      if (start) place(start, false);
      map.on('click', function (e) {
        place(e.latlng, false);
        fill(e.latlng);
      });
      [f.lat, f.lng].forEach(function (input) {
        input.addEventListener('change', function () {
          var p = typed(f);
          if (p) place(p, true);
        });
      });
      maps.set(el, map);
    }).catch(function () { el.hidden = true; });
  }

  function reveal() {
    section.querySelectorAll('[data-map-open]').forEach(function (b) { b.hidden = false; });
  }
  reveal();
  section.addEventListener('click', function (e) {
    var button = e.target.closest && e.target.closest('[data-map-open]');
    if (!button) return;
    var box = button.closest('[data-coordinates]');
    button.hidden = true;
    open(box);
  });
  // Rows added later (submission-form.js) get their button too.
  new MutationObserver(function () {
    section.querySelectorAll('[data-coordinates]').forEach(function (box) {
      var el = box.querySelector('[data-map]');
      var button = box.querySelector('[data-map-open]');
      if (!maps.has(el) && el.hidden === false && el.childElementCount) { el.hidden = true; el.innerHTML = ''; }
      if (!maps.has(el)) button.hidden = false;
    });
  }).observe(section, { childList: true });
})();
