/*
 * Progressive enhancement for the listing form (views/pages/submissions/form.ejs): the "add" button of each list of rows
 * (phones, branches, offers, accounts) copies a row in place, 고치기 opens the folded part holding its field, and the
 * photos chosen are previewed. The form works fully without this file.
 */
(function () {
  'use strict';
  var form = document.querySelector('form.listing-form');
  if (!form) return;

  // Renumbers the first [n] index of a row's names and ids: phones[0][number] → phones[3][number], f-phones-0-x → f-phones-3-x.
  function renumber(row, list, index) {
    var nameRe = new RegExp('^' + list + '\\[\\d+\\]');
    var idRe = new RegExp('^(e-|h-)?f-' + list + '-\\d+');
    row.querySelectorAll('[name]').forEach(function (el) { el.name = el.name.replace(nameRe, list + '[' + index + ']'); });
    ['id', 'for', 'aria-describedby'].forEach(function (attr) {
      row.querySelectorAll('[' + attr + ']').forEach(function (el) {
        el.setAttribute(attr, el.getAttribute(attr).replace(idRe, function (m, p) { return (p || '') + 'f-' + list + '-' + index; }));
      });
    });
  }

  function clear(row) {
    row.querySelectorAll('input, textarea, select').forEach(function (el) {
      if (el.type === 'checkbox' || el.type === 'radio') el.checked = false;
      else if (el.tagName === 'SELECT') el.selectedIndex = 0;
      else el.value = '';
      el.removeAttribute('aria-invalid');
    });
    row.querySelectorAll('.field-error').forEach(function (el) { el.remove(); });
  }

  // "Add" buttons are submit buttons (without JavaScript the server renders one more blank row); here they copy the
  // last row instead, without a round trip.
  form.querySelectorAll('section[data-rows]').forEach(function (section) {
    var list = section.getAttribute('data-rows');
    var button = section.querySelector(':scope > button[data-add-row]');
    if (!button) return;
    button.addEventListener('click', function (e) {
      var rows = section.querySelectorAll(':scope > fieldset.row');
      var last = rows[rows.length - 1];
      if (!last) return;
      e.preventDefault();
      var copy = last.cloneNode(true);
      clear(copy);
      renumber(copy, list, rows.length);
      var legend = copy.querySelector('legend');
      if (legend) legend.textContent = legend.textContent.replace(/\d+\s*$/, String(rows.length + 1));
      last.after(copy);
      var first = copy.querySelector('input, select, textarea');
      if (first) first.focus();
    });
  });

  // 고치기 (and the error summary's links): open the folded part that holds the field, then go to it.
  document.addEventListener('click', function (e) {
    var link = e.target.closest && e.target.closest('a[data-fix]');
    var id = link && link.getAttribute('href').slice(1);
    var target = id && document.getElementById(id);
    if (!target) return;
    e.preventDefault();
    for (var d = target.closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) d.open = true;
    target.scrollIntoView({ block: 'center' });
    target.focus();
  });

  var input = form.querySelector('input[type=file][data-preview]');
  var box = input && document.getElementById(input.getAttribute('data-preview'));
  if (input && box) {
    input.addEventListener('change', function () {
      box.textContent = '';
      Array.prototype.slice.call(input.files || [], 0, 10).forEach(function (file, i) {
        if (!/^image\/(jpeg|png|webp|avif)$/.test(file.type)) return;
        var reader = new FileReader();
        reader.onload = function () {
          var figure = document.createElement('figure');
          var img = document.createElement('img');
          img.src = String(reader.result); // a data: URL (allowed by the CSP), never inserted as HTML
          img.alt = '';
          var label = document.createElement('label');
          label.textContent = (box.getAttribute('data-alt-label') || '') + ' ' + (i + 1);
          var alt = document.createElement('input');
          alt.type = 'text';
          alt.name = 'newPhotoAlts[' + i + ']';
          alt.id = 'f-newPhotoAlts-' + i;
          label.htmlFor = alt.id;
          alt.addEventListener('input', function () { img.alt = alt.value; });
          figure.append(img, label, alt);
          box.appendChild(figure);
        };
        reader.readAsDataURL(file);
      });
    });
  }
  // Opening hours: show only the way of entering them that is chosen (without JavaScript all are shown; the server
  // reads the chosen one).
  function showHoursMode(editor) {
    var checked = editor.querySelector('.hours-mode input:checked');
    var mode = checked ? checked.value : 'same';
    editor.querySelectorAll('[data-hours-mode]').forEach(function (el) { el.hidden = el.getAttribute('data-hours-mode') !== mode; });
  }
  form.querySelectorAll('.hours-editor').forEach(showHoursMode);
  form.addEventListener('change', function (e) {
    var editor = e.target.closest && e.target.closest('.hours-editor');
    if (editor && e.target.matches('.hours-mode input')) showHoursMode(editor);
  });
})();
