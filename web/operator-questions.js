// The back-office page's script (web/operator-questions.html): asks for the operator token, keeps it
// in sessionStorage for this tab (the same key as the other back-office pages, so one sign-in
// serves them all), and shows the unanswered questions and the feedback. Every text from the
// server is put in with textContent: questions are what users typed, never markup.
/* global window, document, URL, setTimeout */
(function () {
  'use strict';
  var TOKEN_KEY = 'filing-assistant.operatorToken';

  function byId(id) {
    return document.getElementById(id);
  }

  function token() {
    return window.sessionStorage.getItem(TOKEN_KEY);
  }

  function showSignIn(problem) {
    byId('report').hidden = true;
    byId('sign-in').hidden = false;
    byId('sign-in-problem').textContent = problem || '';
    byId('token').focus();
  }

  function sinceQuery() {
    var day = byId('since').value;
    return day ? '?since=' + encodeURIComponent(day) : '';
  }

  /** A GET with the token; a 401 forgets the token and asks again. */
  function get(path) {
    return window.fetch(path, { headers: { authorization: 'Bearer ' + token() }, cache: 'no-store' }).then(function (response) {
      if (response.status === 401) {
        window.sessionStorage.removeItem(TOKEN_KEY);
        showSignIn('The token was not accepted. Check OPERATOR_TOKEN and try again.');
        throw new Error('unauthorized');
      }
      if (!response.ok) throw new Error('the server answered ' + response.status);
      return response;
    });
  }

  function cell(row, text, className) {
    var td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function list(row, items) {
    var td = cell(row, '');
    var ul = document.createElement('ul');
    ul.className = 'examples';
    items.forEach(function (item) {
      var li = document.createElement('li');
      li.textContent = item;
      ul.appendChild(li);
    });
    td.appendChild(ul);
  }

  function when(iso) {
    return iso ? new Date(iso).toLocaleString() : '';
  }

  function showGroups(data) {
    var body = byId('groups').querySelector('tbody');
    body.textContent = '';
    byId('total').textContent = String(data.total);
    data.groups.forEach(function (group) {
      var row = document.createElement('tr');
      cell(row, group.text);
      cell(row, String(group.count), 'number');
      cell(row, String(group.outcomes.unknown), 'number');
      cell(row, String(group.outcomes.unresolved), 'number');
      cell(row, group.locales.join(', '));
      cell(row, when(group.lastAt));
      list(row, group.examples.filter(function (example) { return example !== group.text; }));
      body.appendChild(row);
    });
    byId('no-groups').hidden = data.groups.length > 0;
  }

  function showFeedback(data) {
    var body = byId('feedback').querySelector('tbody');
    body.textContent = '';
    data.entries.forEach(function (entry) {
      var row = document.createElement('tr');
      cell(row, entry.question ? entry.question + ' (' + entry.entryId + ')' : entry.entryId);
      cell(row, String(entry.helpful), 'number');
      cell(row, String(entry.notHelpful), 'number');
      list(row, entry.notHelpfulQuestions);
      cell(row, when(entry.lastAt));
      body.appendChild(row);
    });
    byId('no-feedback').hidden = data.entries.length > 0;
  }

  function load() {
    byId('sign-in').hidden = true;
    byId('report').hidden = false;
    byId('status').textContent = 'Loading…';
    var query = sinceQuery();
    return Promise.all([
      get('/api/operator/questions' + query).then(function (r) { return r.json(); }),
      get('/api/operator/feedback' + query).then(function (r) { return r.json(); })
    ]).then(function (answers) {
      showGroups(answers[0]);
      showFeedback(answers[1]);
      byId('status').textContent = 'Updated ' + new Date().toLocaleTimeString();
    }, function (error) {
      if (error.message !== 'unauthorized') byId('status').textContent = 'Could not load: ' + error.message;
    });
  }

  /** The CSV comes with the token like the rest, so it is fetched and handed to the browser as a file. */
  function download() {
    get('/api/operator/questions.csv' + sinceQuery())
      .then(function (response) { return response.blob(); })
      .then(function (blob) {
        var link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = 'unanswered-questions.csv';
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
      })
      .catch(function (error) {
        if (error.message !== 'unauthorized') byId('status').textContent = 'Could not download: ' + error.message;
      });
  }

  byId('token-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var value = byId('token').value.trim();
    if (!value) return;
    window.sessionStorage.setItem(TOKEN_KEY, value);
    byId('token').value = '';
    load();
  });
  byId('refresh').addEventListener('click', load);
  byId('since').addEventListener('change', load);
  byId('download').addEventListener('click', download);
  byId('forget').addEventListener('click', function () {
    window.sessionStorage.removeItem(TOKEN_KEY);
    showSignIn('');
  });

  if (token()) load();
  else showSignIn('');
})();
