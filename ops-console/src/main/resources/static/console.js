// Plain JS on purpose: no build step. Polls the JSON API and redraws the cards and tables (plots: charts.js,
// order search: story.js, units: format.js).
'use strict';

const STATUSES = ['SYNCED', 'DUPLICATE', 'REJECTED', 'FAILED', 'SKIPPED'];

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

function setText(id, text, cls) {
  const e = document.getElementById(id);
  e.textContent = text;
  if (cls !== undefined) e.className = e.className.split(' ').filter(c => c === 'value').concat(cls ? [cls] : []).join(' ');
}

function renderCards(s) {
  const five = s.outcomes['5m'] || {};
  const hour = s.outcomes['1h'] || {};
  const synced = t => (five[t] || {}).SYNCED || 0;
  setText('kpi-synced', fmt.int(synced('CRM_2030') + synced('ERP')));
  setText('kpi-synced-detail', 'CRM 2030 ' + fmt.int(synced('CRM_2030')) + ' · ERP ' + fmt.int(synced('ERP')));
  const bad = t => ((hour[t] || {}).REJECTED || 0) + ((hour[t] || {}).FAILED || 0);
  const problems = bad('CRM_2030') + bad('ERP');
  setText('kpi-problems', fmt.int(problems), problems > 0 ? 'FAILED' : 'OK');
  setText('kpi-problems-detail', 'CRM 2030 ' + fmt.int(bad('CRM_2030')) + ' · ERP ' + fmt.int(bad('ERP')));
  setText('overdue-after', fmt.iso(s.overdue.after));
  setText('overdue-count', fmt.int(s.overdue.count), s.overdue.count > 0 ? 'FAILED' : 'OK');
  setText('overdue-by-target', Object.entries(s.overdue.byTarget)
      .map(([t, n]) => fmt.target(t) + ' ' + fmt.int(n)).join(' · ') + ' · ' + fmt.int(s.overdue.orders)
      + (s.overdue.orders === 1 ? ' order' : ' orders'));
  setText('awaiting-count', fmt.int(s.awaiting.count));
  setText('awaiting-detail', s.awaiting.count ? 'longest ' + fmt.seconds(s.awaiting.orders[0].ageSeconds) : 'none');
  const total = s.lag.reduce((sum, g) => sum + Math.max(0, g.lag), 0);
  const worst = s.lag.map(g => g.diagnosis.state).find(st => st !== 'OK') || (s.lag.length ? 'OK' : 'DOWN');
  setText('kpi-lag', s.lag.length ? fmt.int(total) + ' records' : '–', worst);
  setText('kpi-lag-detail', s.lag.map(g => g.group + ' ' + fmt.int(g.lag) + ' ' + g.diagnosis.state).join(' · '));
  const dead = s.dlts.reduce((sum, d) => sum + d.records, 0);
  setText('kpi-dlt', fmt.int(dead), dead > 0 ? 'REJECTED' : 'OK');
  setText('kpi-dlt-detail', s.dlts.map(d => d.group + ' ' + fmt.int(d.records)).join(' · '));
}

function renderHealth(s) {
  const pills = Object.values(s.services).map(v => {
    const open = Object.values(v.breakers).some(st => st !== 'CLOSED' && st !== 'DISABLED');
    const state = !v.reachable ? 'DOWN' : open ? 'OPEN' : v.health;
    const pill = document.createElement('span');
    pill.className = 'pill ' + state;
    pill.textContent = v.service + ' ' + (open ? 'breaker open' : v.reachable ? v.health : 'down');
    return pill;
  });
  const kafka = document.createElement('span');
  kafka.className = 'pill ' + (s.kafkaError ? 'DOWN' : 'UP');
  kafka.textContent = 'kafka ' + (s.kafkaError ? 'unreachable' : 'UP');
  document.getElementById('health').replaceChildren(kafka, ...pills);
}

function render(s) {
  document.getElementById('updated').textContent = 'updated ' + fmt.time(s.at)
      + ' · ' + fmt.int(s.ledger.orders) + ' orders, ' + fmt.int(s.ledger.events) + ' events seen'
      + (s.ledger.window ? ' in the last ' + fmt.span(s.ledger.window) : '');
  document.getElementById('kafka-error').textContent = s.kafkaError || '';
  renderCards(s);
  renderHealth(s);

  const outcomeRows = [];
  for (const [window, byTarget] of Object.entries(s.outcomes)) {
    for (const [target, counts] of Object.entries(byTarget)) {
      outcomeRows.push(row([cell(fmt.target(target)), cell(window)].concat(STATUSES.map(st =>
          cell(counts[st], 'num ' + (counts[st] > 0 ? st : ''), 'count-' + window + '-' + target + '-' + st)))));
    }
  }
  fill('outcomes', outcomeRows);

  fill('lag', s.lag.map(g => {
    const tr = row([cell(g.group), cell(g.lag, 'num', 'lag-' + g.group), cell(g.members, 'num'),
      cell(g.diagnosis.state, 'state ' + g.diagnosis.state, 'lag-state-' + g.group), cell(g.diagnosis.reason),
      cell(g.partitions.map(p => p.partition + ':' + p.lag).join('  '), 'mono')], 'lag-row-' + g.group);
    tr.dataset.state = g.diagnosis.state;
    return tr;
  }));

  fill('services', Object.values(s.services).map(v => row([cell(v.service), cell(v.health, v.health),
    cell(Object.entries(v.breakers).map(([n, st]) => n + ' ' + st).join(', ') || '—',
        Object.values(v.breakers).find(st => st !== 'CLOSED') || 'CLOSED'),
    cell(v.url, 'mono')], 'service-' + v.service)));

  fill('overdue', s.overdue.events.map(o => row([cell(o.key, 'mono'), cell(fmt.event(o.event, o.line)),
    cell(fmt.target(o.target)), cell(fmt.time(o.receivedAt)), cell(fmt.seconds(o.ageSeconds), 'num')])));

  fill('awaiting', s.awaiting.orders.map(o => row([cell(o.key, 'mono'), cell(fmt.time(o.paidAt)),
    cell(fmt.seconds(o.ageSeconds), 'num'), cell(o.reason)])));

  fill('problems', s.problems.map(p => row([cell(fmt.time(p.at)), cell(p.mallId + ':' + p.orderNo, 'mono'),
    cell(fmt.event(p.event, p.line)), cell(fmt.target(p.target)), cell(p.status, p.status), cell(p.attempts, 'num'),
    cell(p.reason)])));

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
        rows.push(row([td, cell(r.id), cell(r.key), cell(fmt.event(r.event, r.line)), cell(r.timestamp),
          cell(r.exception)]));
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
