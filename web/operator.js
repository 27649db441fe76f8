// The back office's order page: asks for the operator token (kept for the browser tab only), lists
// orders with filters, opens one, moves it and adds notes, downloads the CSV. Everything the server
// sends is put on the page with textContent, never parsed as markup.
/* global document, window, sessionStorage, fetch, URL, URLSearchParams */
(function () {
  'use strict';

  /** Shared with the other back-office page (/operator/questions): one token for the tab. */
  var TOKEN_KEY = 'filing-assistant.operatorToken';
  var API = '/api/operator/orders';
  var STATES = ['in_process', 'provider_review', 'phone_verification', 'submitted', 'completed', 'rejected', 'withdrawn', 'expired'];
  var TYPES = ['cancel_subject', 'cancel_website', 'transfer_in', 'cancel_transfer', 'change_subject', 'change_website'];

  var selectedId = null;

  function byId(id) {
    return document.getElementById(id);
  }

  /** "provider_review" → "provider review": the API's ids, readable. */
  function words(id) {
    return String(id).replace(/_/g, ' ');
  }

  /** An ISO time as "2026-12-07 17:02 UTC": one zone for the whole team. */
  function when(iso) {
    if (!iso) return '';
    return String(iso).slice(0, 16).replace('T', ' ') + ' UTC';
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function showError(text) {
    var box = byId('error');
    box.textContent = text;
    box.hidden = false;
    // An earlier "done" would contradict the error.
    byId('status').textContent = '';
  }

  function clearError() {
    var box = byId('error');
    box.textContent = '';
    box.hidden = true;
  }

  function status(text) {
    byId('status').textContent = text;
  }

  function token() {
    return sessionStorage.getItem(TOKEN_KEY) || '';
  }

  /** What went wrong, in words an operator can act on. */
  function problem(response, body, doing) {
    var detail = body && typeof body.message === 'string' ? body.message : '';
    if (response.status === 401) return doing + ': the operator token was not accepted (401). Enter the right token above.';
    if (response.status === 409) return doing + ': not done, the order has moved on (409). ' + detail;
    if (response.status === 404) return doing + ': no such order (404).';
    if (response.status === 400) return doing + ': not accepted (400). ' + detail;
    return doing + ': the server answered ' + response.status + '. ' + detail;
  }

  /** Calls the API with the token; resolves to { response, body } or shows why it could not. */
  async function call(path, options, doing) {
    if (!token()) {
      showError('Enter the operator token first.');
      return null;
    }
    var init = options || {};
    var headers = { authorization: 'Bearer ' + token() };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    var response;
    try {
      response = await fetch(path, { method: init.method || 'GET', headers: headers, body: init.body, cache: 'no-store' });
    } catch (error) {
      showError(doing + ': the server could not be reached (' + error.message + ').');
      return null;
    }
    var body = null;
    if ((response.headers.get('content-type') || '').indexOf('json') !== -1) {
      // A body that is not JSON after all leaves `body` null; the status still says what happened.
      body = await response.json().catch(function () {
        return null;
      });
    }
    if (response.status === 401) sessionStorage.removeItem(TOKEN_KEY);
    return { response: response, body: body };
  }

  function filterQuery() {
    var params = new URLSearchParams();
    var fields = [
      ['state', byId('filter-state').value],
      ['type', byId('filter-type').value],
      ['province', byId('filter-province').value.trim()],
      ['olderThanDays', byId('filter-older').value.trim()],
      ['newerThanDays', byId('filter-newer').value.trim()],
    ];
    fields.forEach(function (field) {
      if (field[1] !== '') params.set(field[0], field[1]);
    });
    var text = params.toString();
    return text === '' ? '' : '?' + text;
  }

  function renderOrders(orders) {
    var body = byId('orders').querySelector('tbody');
    clear(body);
    orders.forEach(function (order) {
      var row = document.createElement('tr');
      row.dataset.orderId = order.id;
      if (order.id === selectedId) row.className = 'selected';
      var idCell = document.createElement('td');
      var open = element('button', order.id, 'open');
      open.type = 'button';
      open.title = 'Open ' + order.id;
      open.addEventListener('click', function () {
        openOrder(order.id);
      });
      idCell.appendChild(open);
      row.appendChild(idCell);
      [words(order.type), words(order.state), order.province, order.filing.icpNumber, order.filing.domains.join(', '), order.ageDays, when(order.changedAt)].forEach(function (text) {
        row.appendChild(element('td', text));
      });
      body.appendChild(row);
    });
    var count = orders.length === 1 ? '1 order' : orders.length + ' orders';
    byId('orders-caption').textContent = orders.length === 0 ? 'No orders match these filters' : count + ', newest first';
  }

  /** `keepError`: the list is refreshed after a refusal, whose words must stay on screen. */
  async function loadOrders(keepError) {
    var answer = await call(API + filterQuery(), null, 'Listing orders');
    if (!answer) return;
    if (!answer.response.ok) {
      showError(problem(answer.response, answer.body, 'Listing orders'));
      return;
    }
    if (!keepError) clearError();
    renderOrders(answer.body.orders);
  }

  function fact(list, name, value) {
    if (value === undefined || value === null || value === '') return;
    list.appendChild(element('dt', name));
    list.appendChild(element('dd', value));
  }

  function renderOrder(order) {
    selectedId = order.id;
    byId('order').hidden = false;
    byId('order-title').textContent = order.id + ': ' + words(order.type) + ', ' + words(order.state);
    var facts = byId('order-facts');
    clear(facts);
    fact(facts, 'State', words(order.state));
    fact(facts, 'Type', words(order.type));
    fact(facts, 'ICP number', order.filing.icpNumber);
    fact(facts, 'Subject number', order.filing.subjectNumber);
    fact(facts, 'Domains', order.filing.domains.join(', '));
    fact(facts, 'Province', order.province);
    fact(facts, 'Channel', order.channelId);
    fact(facts, 'Recorded', when(order.createdAt) + ' (' + order.ageDays + ' days ago)');
    fact(facts, 'Last change', when(order.changedAt));
    fact(facts, 'Phone verification due', when(order.phoneVerificationDeadline));
    fact(facts, 'Expires', when(order.expiresAt));
    var changes = order.request && order.request.changes;
    if (changes) fact(facts, 'Changes asked for', JSON.stringify(changes));

    var moves = byId('moves');
    clear(moves);
    if (order.allowedTransitions.length === 0) moves.appendChild(element('p', 'This order is finished: no further moves.'));
    order.allowedTransitions.forEach(function (to) {
      var button = element('button', 'Move to ' + words(to));
      button.type = 'button';
      button.dataset.to = to;
      button.addEventListener('click', function () {
        move(order.id, order.state, to);
      });
      moves.appendChild(button);
    });

    var history = byId('history').querySelector('tbody');
    clear(history);
    order.history.forEach(function (entry) {
      var row = document.createElement('tr');
      [when(entry.at), words(entry.state), entry.by || '', entry.note || ''].forEach(function (text) {
        row.appendChild(element('td', text));
      });
      history.appendChild(row);
    });
    document.querySelectorAll('#orders tbody tr').forEach(function (row) {
      row.className = row.dataset.orderId === order.id ? 'selected' : '';
    });
  }

  /** The customer's notifications, when this server tracks them; nothing at all when it does not (404). */
  async function loadNotifications(id) {
    var box = byId('notifications');
    box.hidden = true;
    var answer = await call(API + '/' + encodeURIComponent(id) + '/notifications', null, 'Reading notifications');
    if (!answer || !answer.response.ok || !answer.body || !Array.isArray(answer.body.notifications)) return;
    var body = box.querySelector('tbody');
    clear(body);
    answer.body.notifications.forEach(function (notification) {
      var attempts = (notification.attempts || []).map(function (attempt) {
        return when(attempt.at) + (attempt.ok ? ' sent' : ' failed' + (attempt.error ? ': ' + attempt.error : ''));
      });
      var row = document.createElement('tr');
      [notification.kind, notification.status, attempts.join('; ') || 'none yet'].forEach(function (text) {
        row.appendChild(element('td', text));
      });
      body.appendChild(row);
    });
    box.hidden = answer.body.notifications.length === 0;
  }

  async function openOrder(id) {
    var answer = await call(API + '/' + encodeURIComponent(id), null, 'Opening ' + id);
    if (!answer) return;
    if (!answer.response.ok) {
      showError(problem(answer.response, answer.body, 'Opening ' + id));
      return;
    }
    clearError();
    renderOrder(answer.body.order);
    await loadNotifications(id);
  }

  /** `from` is the state shown: the server refuses the move if someone moved the order meanwhile. */
  async function move(id, from, to) {
    var note = byId('move-note').value.trim();
    var request = { to: to, from: from };
    if (note !== '') request.note = note;
    var doing = 'Moving ' + id + ' to ' + words(to);
    var answer = await call(API + '/' + encodeURIComponent(id) + '/transitions', { method: 'POST', body: JSON.stringify(request) }, doing);
    if (!answer) return;
    if (!answer.response.ok) {
      showError(problem(answer.response, answer.body, doing));
      // Show the order as it is now: someone else may have moved it.
      if (answer.response.status === 409) await refresh(id);
      return;
    }
    clearError();
    byId('move-note').value = '';
    status(id + ' is now ' + words(answer.body.order.state) + '.');
    renderOrder(answer.body.order);
    await loadOrders();
    await loadNotifications(id);
  }

  /** Shows the order and the list as they are now, leaving the error that explains why on screen. */
  async function refresh(id) {
    var answer = await call(API + '/' + encodeURIComponent(id), null, 'Opening ' + id);
    if (answer && answer.response.ok) renderOrder(answer.body.order);
    await loadOrders(true);
  }

  async function addNote(event) {
    event.preventDefault();
    if (!selectedId) return;
    var id = selectedId;
    var note = byId('note').value.trim();
    if (note === '') {
      showError('Write the note first.');
      return;
    }
    var doing = 'Adding a note to ' + id;
    var answer = await call(API + '/' + encodeURIComponent(id) + '/notes', { method: 'POST', body: JSON.stringify({ note: note }) }, doing);
    if (!answer) return;
    if (!answer.response.ok) {
      showError(problem(answer.response, answer.body, doing));
      if (answer.response.status === 409) await refresh(id);
      return;
    }
    clearError();
    byId('note').value = '';
    status('Note added to ' + id + '.');
    renderOrder(answer.body.order);
    await loadOrders();
  }

  /** The CSV needs the token, so a plain link cannot fetch it: fetch it, then save it through a blob link. */
  async function downloadCsv() {
    var answer = await call(API + '.csv' + filterQuery(), null, 'Downloading the CSV');
    if (!answer) return;
    if (!answer.response.ok) {
      showError(problem(answer.response, answer.body, 'Downloading the CSV'));
      return;
    }
    clearError();
    var blob = await answer.response.blob();
    var disposition = answer.response.headers.get('content-disposition') || '';
    var named = /filename="([^"]+)"/.exec(disposition);
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = named ? named[1] : 'orders.csv';
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () {
      URL.revokeObjectURL(link.href);
    }, 60000);
    status('CSV downloaded.');
  }

  function fillSelect(select, values) {
    values.forEach(function (value) {
      var option = element('option', words(value));
      option.value = value;
      select.appendChild(option);
    });
  }

  function start() {
    fillSelect(byId('filter-state'), STATES);
    fillSelect(byId('filter-type'), TYPES);
    byId('token-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var entered = byId('token').value.trim();
      if (entered === '') return;
      sessionStorage.setItem(TOKEN_KEY, entered);
      byId('token').value = '';
      status('Token kept for this browser tab.');
      loadOrders();
    });
    byId('forget-token').addEventListener('click', function () {
      sessionStorage.removeItem(TOKEN_KEY);
      status('Token forgotten.');
    });
    byId('filters').addEventListener('submit', function (event) {
      event.preventDefault();
      loadOrders();
    });
    byId('download-csv').addEventListener('click', downloadCsv);
    byId('note-form').addEventListener('submit', addNote);
    if (token()) loadOrders();
    else status('Enter the operator token to see the orders.');
  }

  start();
})();
