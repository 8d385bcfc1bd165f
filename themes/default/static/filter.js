// Filters for the tables of actions (plan, owner and cycle pages, the
// dashboard). Progressive enhancement: the page lists every row without this
// script; with it, a <form class="filters" hidden method="get"> placed by the
// template, holding only its submit button, becomes a set of controls built
// from the rows' data attributes:
//
//   <section data-section="Early help">…
//   <tr data-row data-status="Behind schedule" data-owners="A|B"
//       data-overdue data-changed>
//
// (a row's section is said once, by the element holding it (a plan's
// section, a table), or by the row itself). A plan's
// actions table leaves out data-status and data-owners, which its rows already
// show: the status is the tag in the row's first cell (a <td>; the action's
// own cell is a <th>), the owners are the links of its .action-owners line.
// Filtering hides rows (and any [data-filter-group] left with none) on screen
// only: printing shows every row. The count is announced in a live region,
// the choice is kept in the address (?status=…&owner=…), so it can be shared
// and the back button restores the previous one.
(function () {
  'use strict';

  var form = document.querySelector('form.filters');
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr[data-row]'));
  if (!form || rows.length < 2) return;

  function statusOf(row) {
    if (row.hasAttribute('data-status')) return row.getAttribute('data-status');
    var cell = row.cells[0];
    var tag = cell && cell.tagName === 'TD' && cell.querySelector('.tag:not(.tag--overdue)');
    return tag ? tag.textContent.trim() : null;
  }
  function ownersOf(row) {
    if (row.hasAttribute('data-owners')) return row.getAttribute('data-owners').split('|');
    return Array.prototype.map.call(row.querySelectorAll('.action-owners > a'), function (link) { return link.textContent.trim(); });
  }
  var choices = [
    { key: 'status', label: form.getAttribute('data-status-label') || 'Status', values: function (row) { return [statusOf(row)]; }, sort: false },
    { key: 'owner', label: 'Owner', values: ownersOf, sort: true },
    { key: 'section', label: form.getAttribute('data-section-label') || 'Section', values: function (row) { var holder = row.closest('[data-section]'); return [holder && holder.getAttribute('data-section')]; }, sort: false }
  ];
  var flags = [
    { key: 'overdue', label: 'Overdue only', attribute: 'data-overdue' },
    { key: 'changed', label: 'Changed at this meeting only', attribute: 'data-changed' }
  ];
  var controls = {};
  var id = 0;

  function field(labelText, control) {
    var wrapper = document.createElement('div');
    wrapper.className = 'filters__field';
    var label = document.createElement('label');
    control.id = 'filter-' + (++id);
    label.htmlFor = control.id;
    label.textContent = labelText;
    if (control.type === 'checkbox') {
      wrapper.className += ' filters__field--check';
      wrapper.appendChild(control);
      wrapper.appendChild(label);
    } else {
      wrapper.appendChild(label);
      wrapper.appendChild(control);
    }
    form.appendChild(wrapper);
  }

  // A choice is offered only where it can narrow the rows: two values or more.
  choices.forEach(function (choice) {
    var seen = [];
    rows.forEach(function (row) {
      choice.values(row).forEach(function (value) {
        if (value && seen.indexOf(value) < 0) seen.push(value);
      });
    });
    if (seen.length < 2) return;
    if (choice.sort) seen.sort(function (a, b) { return a.localeCompare(b); });
    var select = document.createElement('select');
    select.name = choice.key;
    var all = document.createElement('option');
    all.value = '';
    all.textContent = 'All';
    select.appendChild(all);
    seen.forEach(function (value) {
      var option = document.createElement('option');
      option.value = value;
      option.textContent = value;
      select.appendChild(option);
    });
    field(choice.label, select);
    controls[choice.key] = { control: select, choice: choice };
  });
  flags.forEach(function (flag) {
    var having = rows.filter(function (row) { return row.hasAttribute(flag.attribute); }).length;
    if (having === 0 || having === rows.length) return;
    var box = document.createElement('input');
    box.type = 'checkbox';
    box.name = flag.key;
    box.value = '1';
    field(flag.label + ' (' + having + ')', box);
    controls[flag.key] = { control: box, flag: flag };
  });
  if (Object.keys(controls).length === 0) return;

  var actions = document.createElement('div');
  actions.className = 'filters__actions';
  // A real submit button (the template's, or one made here for an older
  // theme's): Enter or a click applies the choice, which a GET would carry too.
  var submit = form.querySelector('button[type="submit"]');
  if (!submit) {
    submit = document.createElement('button');
    submit.type = 'submit';
    submit.textContent = 'Apply filters';
  }
  actions.appendChild(submit);
  var clear = document.createElement('button');
  clear.type = 'button';
  clear.textContent = 'Show all';
  actions.appendChild(clear);
  var count = document.createElement('p');
  count.className = 'filters__count';
  count.setAttribute('role', 'status');
  actions.appendChild(count);
  form.appendChild(actions);
  form.hidden = false;

  function wanted() {
    var state = {};
    Object.keys(controls).forEach(function (key) {
      var c = controls[key].control;
      var value = c.type === 'checkbox' ? (c.checked ? '1' : '') : c.value;
      if (value) state[key] = value;
    });
    return state;
  }

  function keeps(row, state) {
    return Object.keys(state).every(function (key) {
      var entry = controls[key];
      if (entry.flag) return row.hasAttribute(entry.flag.attribute);
      return entry.choice.values(row).indexOf(state[key]) >= 0;
    });
  }

  function apply(state) {
    var shown = 0;
    rows.forEach(function (row) {
      var keep = keeps(row, state);
      row.classList.toggle('filtered-out', !keep);
      if (keep) shown += 1;
    });
    // Groups inside groups (a recommendation's row group in a section): innermost first.
    var groups = Array.prototype.slice.call(document.querySelectorAll('[data-filter-group]')).reverse();
    groups.forEach(function (group) {
      var own = group.querySelectorAll('tr[data-row]');
      if (own.length === 0) return;
      var visible = group.querySelectorAll('tr[data-row]:not(.filtered-out)').length;
      group.classList.toggle('filtered-out', visible === 0);
    });
    var noun = rows.length === 1 ? 'action' : 'actions';
    count.textContent = shown === rows.length
      ? 'Showing all ' + rows.length + ' ' + noun + '.'
      : 'Showing ' + shown + ' of ' + rows.length + ' ' + noun + '.';
  }

  function fromAddress() {
    var params = new URLSearchParams(window.location.search);
    Object.keys(controls).forEach(function (key) {
      var c = controls[key].control;
      var value = params.get(key) || '';
      if (c.type === 'checkbox') {
        c.checked = value === '1';
      } else {
        var known = Array.prototype.some.call(c.options, function (o) { return o.value === value; });
        c.value = known ? value : '';
      }
    });
  }

  function toAddress(state) {
    var params = new URLSearchParams(window.location.search);
    Object.keys(controls).forEach(function (key) { params.delete(key); });
    Object.keys(state).forEach(function (key) { params.set(key, state[key]); });
    var query = params.toString();
    var address = window.location.pathname + (query ? '?' + query : '') + window.location.hash;
    if (address !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.pushState(null, '', address);
    }
  }

  form.addEventListener('change', function () {
    var state = wanted();
    toAddress(state);
    apply(state);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var state = wanted();
    toAddress(state);
    apply(state);
  });
  clear.addEventListener('click', function () {
    Object.keys(controls).forEach(function (key) {
      var c = controls[key].control;
      if (c.type === 'checkbox') c.checked = false; else c.value = '';
    });
    toAddress({});
    apply({});
  });
  window.addEventListener('popstate', function () {
    fromAddress();
    apply(wanted());
  });

  // Printing shows every row (the stylesheet) and every collapsed part.
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details:not([open])'), function (d) {
      d.setAttribute('open', '');
      d.setAttribute('data-opened-for-print', '');
    });
  });
  window.addEventListener('afterprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details[data-opened-for-print]'), function (d) {
      d.removeAttribute('open');
      d.removeAttribute('data-opened-for-print');
    });
  });

  fromAddress();
  apply(wanted());
}());

// "Print this section": go to the section, then print (the stylesheet prints
// only the section named in the address). Without this script the link still
// goes there, and the browser's own print prints the section alone.
(function () {
  'use strict';
  Array.prototype.forEach.call(document.querySelectorAll('a[data-print]'), function (link) {
    link.addEventListener('click', function () {
      window.setTimeout(function () { window.print(); }, 0);
    });
  });
}());
