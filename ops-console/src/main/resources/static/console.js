// Plain JS on purpose: no build step. Polls the JSON API and redraws.
'use strict';

const STATUSES = ['SYNCED', 'DUPLICATE', 'REJECTED', 'FAILED'];

// Every API call says it is the page's script (an expired session then answers 401 instead of a login popup) and
// sends the CSRF token the console keeps in the XSRF-TOKEN cookie; 401 sends the browser to the login form.
function csrfToken() {
  const c = document.cookie.split('; ').find(p => p.startsWith('XSRF-TOKEN='));
  return c ? decodeURIComponent(c.substring('XSRF-TOKEN='.length)) : '';
}

async function api(path, options) {
  const o = options || {};
  o.headers = Object.assign({'X-Requested-With': 'XMLHttpRequest', 'X-XSRF-TOKEN': csrfToken()}, o.headers || {});
  o.credentials = 'same-origin';
  const response = await fetch(path, o);
  if (response.status === 401) {
    window.location.href = 'login';
  }
  return response;
}

function cell(text, cls, id) {
  const td = document.createElement('td');
  td.textContent = text === null || text === undefined ? '' : String(text);
  if (cls) td.className = cls;
  if (id) td.id = id;
  return td;
}

function fill(tableId, rows) {
  const body = document.querySelector('#' + tableId + ' tbody');
  body.replaceChildren(...rows);
}

function row(cells, id) {
  const tr = document.createElement('tr');
  if (id) tr.id = id;
  cells.forEach(c => tr.appendChild(c));
  return tr;
}

function render(s) {
  document.getElementById('updated').textContent = 'updated ' + new Date(s.at).toLocaleTimeString()
      + ' · ' + s.ledger.orders + ' orders seen';
  document.getElementById('kafka-error').textContent = s.kafkaError || '';

  const outcomeRows = [];
  for (const [window, byTarget] of Object.entries(s.outcomes)) {
    for (const [target, counts] of Object.entries(byTarget)) {
      outcomeRows.push(row([cell(target), cell(window)].concat(STATUSES.map(st =>
          cell(counts[st], 'num ' + (counts[st] > 0 ? st : ''), 'count-' + window + '-' + target + '-' + st)))));
    }
  }
  fill('outcomes', outcomeRows);

  fill('lag', s.lag.map(g => {
    const tr = row([cell(g.group), cell(g.lag, 'num', 'lag-' + g.group), cell(g.members, 'num'),
      cell(g.diagnosis.state, g.diagnosis.state, 'lag-state-' + g.group), cell(g.diagnosis.reason),
      cell(g.partitions.map(p => p.partition + ':' + p.lag).join('  '))], 'lag-row-' + g.group);
    tr.dataset.state = g.diagnosis.state;
    return tr;
  }));

  fill('services', Object.values(s.services).map(v => row([cell(v.service), cell(v.health, v.health),
    cell(Object.entries(v.breakers).map(([n, st]) => n + ' ' + st).join(', ') || '—',
        Object.values(v.breakers).find(st => st !== 'CLOSED') || 'CLOSED'),
    cell(v.url)], 'service-' + v.service)));

  document.getElementById('overdue-after').textContent = s.overdue.after;
  document.getElementById('overdue-count').textContent = s.overdue.count;
  document.getElementById('overdue-by-target').textContent = JSON.stringify(s.overdue.byTarget);
  fill('overdue', s.overdue.orders.map(o => row([cell(o.key), cell(o.target), cell(o.paidAt),
    cell(o.ageSeconds + ' s', 'num')])));

  fill('problems', s.problems.map(p => row([cell(p.at), cell(p.mallId + ':' + p.orderNo), cell(p.target),
    cell(p.status, p.status), cell(p.attempts, 'num'), cell(p.reason)])));

  fill('dlts', s.dlts.map(d => {
    const button = document.createElement('button');
    button.textContent = 'Replay all of it';
    button.onclick = () => replay({all: true, topics: [d.topic]});
    const td = document.createElement('td');
    td.appendChild(button);
    return row([cell(d.topic), cell(d.records, 'num', 'dlt-' + d.topic), td]);
  }));
}

async function refresh() {
  try {
    const response = await api('api/summary');
    render(await response.json());
  } catch (e) {
    document.getElementById('updated').textContent = 'console API not answering: ' + e;
  }
}

async function refreshDltRecords() {
  try {
    const response = await api('api/dlt?limit=50');
    const dlt = await response.json();
    const rows = [];
    for (const records of Object.values(dlt.records)) {
      records.forEach(r => {
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.value = r.id;
        const td = document.createElement('td');
        td.appendChild(box);
        rows.push(row([td, cell(r.id), cell(r.key), cell(r.timestamp), cell(r.exception)]));
      });
    }
    fill('dlt-records', rows);
  } catch (e) {
    // the summary shows whether Kafka answers
  }
}

async function replay(request) {
  const out = document.getElementById('replay-result');
  out.textContent = 'replaying…';
  request.inDoubt = document.getElementById('replay-resend').checked ? 'RESEND' : 'HOLD';
  const response = await api('api/dlt/replay', {
    method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(request)});
  const result = await response.json().catch(() => ({error: 'HTTP ' + response.status}));
  out.textContent = response.status === 403 ? 'replay refused: your user may only view (OPERATOR role needed)'
      : response.ok ? 'replayed ' + result.replayed + ', failed ' + result.failed + ', skipped '
          + JSON.stringify(result.skipped) + ' ' + JSON.stringify(result.perTopic)
      : 'replay failed: ' + result.error;
  refresh();
}

document.getElementById('replay-all').onclick = () => replay({all: true});
document.getElementById('replay-selected').onclick = () => {
  const ids = [...document.querySelectorAll('#dlt-records input:checked')].map(b => b.value);
  if (ids.length) replay({records: ids});
};

refresh();
refreshDltRecords();
setInterval(refresh, 2000);
setInterval(refreshDltRecords, 10000);
