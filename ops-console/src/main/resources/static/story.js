// Order search: the whole story of an order by its number (GET api/orders?no=...), linkable as #order=NUMBER.
'use strict';

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

function describe(step) {
  switch (step.kind) {
    case 'received':
      return {badge: 'push', cls: step.status === 200 ? 'ok' : step.status >= 500 ? 'bad' : 'warn',
        text: 'pushed by the mall → HTTP ' + step.status + ' · ' + (step.msg || '') + ' · answered in '
            + fmt.ms(step.millis) + (step.eventId ? ' · event ' + step.eventId : '')};
    case 'published':
      return {badge: 'event', cls: 'info', text: fmt.event(step.event, step.line) + ' on orders.paid.v1 (partition '
            + step.partition + ', offset ' + step.offset + ')' + (step.eventId ? ' · event ' + step.eventId : '')};
    case 'replayed':
      return {badge: 'replay', cls: 'info', text: fmt.event(step.event, step.line) + ' replayed from '
            + step.replayedFrom + ' to orders.paid.v1 (partition ' + step.partition + ', offset ' + step.offset + ')'};
    case 'outcome':
      return {badge: step.status, cls: step.status, text: fmt.event(step.event, step.line) + ' · '
            + fmt.target(step.target) + ' ' + step.status + ' after ' + step.attempts + ' attempt'
            + (step.attempts === 1 ? '' : 's') + (step.externalRef ? ' · ref ' + step.externalRef : '')
            + (step.reason ? ' · ' + step.reason : '')};
    case 'dead-lettered':
      return {badge: 'DLT', cls: 'bad', text: fmt.event(step.event, step.line) + ' dead-lettered as ' + step.id
            + (step.exception ? ' · ' + step.exception : '')};
    default:
      return {badge: step.kind, cls: '', text: JSON.stringify(step)};
  }
}

const TARGETS = ['CRM_2030', 'ERP'];

// one cell of the events table: the event's latest outcome at one target, or that it is still waiting
function outcomeCell(e, t) {
  const td = el('td', 'outcome');
  td.dataset.target = t;
  const o = e.outcomes[t];
  const state = o ? o.status : e.overdue.includes(t) ? 'OVERDUE' : 'WAITING';
  td.dataset.status = state;
  td.appendChild(el('span', 'chip ' + state, o ? o.status : state === 'OVERDUE' ? 'overdue' : 'waiting'));
  if (o) {
    const detail = [o.reason, o.externalRef ? 'ref ' + o.externalRef : null, fmt.time(o.at)].filter(Boolean);
    td.appendChild(el('span', 'muted small', ' ' + detail.join(' · ')));
  }
  return td;
}

// each event of the order (PAID, CONFIRMED, REFUNDED per line, CANCELLED) and its outcome at each target
function eventsTable(o) {
  const table = el('table', 'events');
  const head = el('tr');
  ['event', 'received'].concat(TARGETS.map(fmt.target)).forEach(h => head.appendChild(el('th', null, h)));
  table.appendChild(el('thead')).appendChild(head);
  const body = table.appendChild(el('tbody'));
  o.events.forEach(e => {
    const tr = el('tr', 'event');
    tr.dataset.event = e.event;
    if (e.line !== null && e.line !== undefined) tr.dataset.line = String(e.line);
    tr.appendChild(el('td', null, fmt.event(e.event, e.line)));
    tr.appendChild(el('td', 'muted', e.receivedAt ? fmt.time(e.receivedAt) : 'not read'));
    TARGETS.forEach(t => tr.appendChild(outcomeCell(e, t)));
    body.appendChild(tr);
  });
  return table;
}

function renderOrder(o) {
  const card = el('article', 'order');
  card.dataset.key = o.key;
  const head = el('div', 'order-head');
  head.appendChild(el('h3', null, 'order ' + o.orderNo));
  head.appendChild(el('span', 'muted', 'mall ' + o.mallId + (o.receivedAt ? ' · received ' + fmt.time(o.receivedAt) : '')));
  if (o.awaitingConfirmation) {
    head.appendChild(el('span', 'chip AWAITING', 'awaiting confirmation: the CRM gets the sale when the buyer confirms'));
  }
  const overdue = o.events.filter(e => e.overdue.length).length;
  if (overdue) {
    head.appendChild(el('span', 'chip OVERDUE', overdue + ' event' + (overdue === 1 ? '' : 's') + ' overdue'));
  }
  card.appendChild(head);
  if (o.events.length) card.appendChild(eventsTable(o));
  const list = el('ol', 'timeline');
  o.steps.forEach(step => {
    const d = describe(step);
    const li = el('li', 'step kind-' + step.kind);
    li.dataset.kind = step.kind;
    if (step.target) li.dataset.target = step.target;
    if (step.status) li.dataset.status = step.status;
    li.appendChild(el('time', null, fmt.time(step.at)));
    li.appendChild(el('span', 'badge ' + d.cls, d.badge));
    li.appendChild(el('span', 'what', d.text));
    list.appendChild(li);
  });
  card.appendChild(list);
  o.notes.forEach(n => card.appendChild(el('p', 'note', n)));
  return card;
}

async function findOrder(query) {
  const out = document.getElementById('story');
  const q = query.trim();
  if (!q) return;
  out.replaceChildren(el('p', 'muted', 'looking for ' + q + ' …'));
  try {
    const response = await fetch('api/orders?no=' + encodeURIComponent(q));
    const answer = await response.json();
    if (!response.ok) {
      out.replaceChildren(el('p', 'bad', answer.error || ('HTTP ' + response.status)));
      return;
    }
    out.dataset.query = q;
    out.dataset.found = String(answer.orders.length);
    out.replaceChildren(...(answer.orders.length ? answer.orders.map(renderOrder)
        : [el('p', 'muted', 'no order ' + q + ' seen by ingest or on the topics'
            + (answer.window ? ' in the last ' + fmt.span(answer.window) : ''))]));
  } catch (e) {
    out.replaceChildren(el('p', 'bad', 'console API not answering: ' + e));
  }
}

document.getElementById('search').onsubmit = e => {
  e.preventDefault();
  const q = document.getElementById('order-no').value;
  history.replaceState(null, '', '#order=' + encodeURIComponent(q.trim()));
  findOrder(q);
};

if (location.hash.startsWith('#order=')) {
  const q = decodeURIComponent(location.hash.substring('#order='.length));
  document.getElementById('order-no').value = q;
  findOrder(q);
}
