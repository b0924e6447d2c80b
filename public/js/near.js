/*
 * "내 위치로 찾기" on the 가까운 순 form (views/partials/near-form.ejs). The browser asks for the position only when
 * the button is pressed; it is rounded to 3 decimals (about 100 m) before it leaves the page, and sent only as the
 * query of this search. Refused or unavailable: the 동네 list is focused instead. The form works without this file.
 */
(function () {
  'use strict';
  var form = document.querySelector('form[data-near]');
  if (!form || !navigator.geolocation) return;
  var button = form.querySelector('[data-near-locate]');
  var status = form.querySelector('[data-near-status]');
  var area = form.querySelector('[data-near-area]');
  button.hidden = false;

  function hidden(name, value) {
    var input = form.querySelector('input[type="hidden"][name="' + name + '"]');
    if (!input) {
      input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      form.appendChild(input);
    }
    input.value = value;
  }

  button.addEventListener('click', function () {
    status.textContent = button.getAttribute('data-locating');
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(function (pos) {
      hidden('lat', pos.coords.latitude.toFixed(3));
      hidden('lng', pos.coords.longitude.toFixed(3));
      // My position, not a chosen 동네.
      area.value = '';
      form.submit();
    }, function () {
      button.disabled = false;
      status.textContent = button.getAttribute('data-denied');
      area.focus();
    }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 });
  });
})();
