// The page's plots (uPlot, from its WebJar). Each chart's uPlot instance is in window.opsCharts[name], and after
// every draw its container says how many points each series has above zero (data-points): what a browser test
// reads to know the plot shows data, not just that a canvas exists.
'use strict';

// SKIPPED (nothing to send by rule) last, grey: settled, not a problem
const STATUS_COLOURS = {SYNCED: '#16a34a', DUPLICATE: '#2563eb', REJECTED: '#ea580c', FAILED: '#dc2626', SKIPPED: '#9ca3af'};
const GROUP_COLOURS = {'member-sync': '#7c3aed', 'erp-sync': '#0891b2'};
const TARGET_COLOURS = {CRM_2030: '#7c3aed', ERP: '#0891b2'};
const PAUSED_FILL = 'rgba(245, 158, 11, 0.18)';

window.opsCharts = {};
let chartSpan = 'PT6H';

function chartWidth(el) {
  return Math.max(300, el.clientWidth || 560);
}

function recordPoints(u) {
  const points = {};
  u.series.forEach((s, i) => {
    if (i > 0) points[s.label] = u.data[i].filter(v => v !== null && v > 0).length;
  });
  u.root.parentElement.dataset.points = JSON.stringify(points);
  u.root.parentElement.dataset.drawn = String(u.data[0].length);
}

function draw(name, el, makeOpts, data) {
  let u = window.opsCharts[name];
  if (u) {
    u.setData(data);
    return u;
  }
  const opts = makeOpts();
  opts.width = chartWidth(el);
  opts.height = opts.height || 220;
  opts.hooks = opts.hooks || {};
  opts.hooks.draw = (opts.hooks.draw || []).concat([recordPoints]);
  u = new uPlot(opts, data, el);
  window.opsCharts[name] = u;
  return u;
}

// only the minutes that had outcomes get a dot (the step line shows the zeros)
function nonZero(u, si) {
  const idx = [];
  u.data[si].forEach((v, i) => { if (v > 0) idx.push(i); });
  return idx;
}

const yUnits = {
  count: (u, vals) => vals.map(v => fmt.int(v)),
  ms: (u, vals) => vals.map(v => fmt.ms(v)),
};

function outcomeChart(target, outcomes) {
  const el = document.getElementById('chart-outcomes-' + target);
  const statuses = Object.keys(STATUS_COLOURS);
  const data = [outcomes.minutes].concat(statuses.map(st => outcomes[target][st]));
  draw('outcomes-' + target, el, () => ({
    scales: {x: {time: true}, y: {range: (u, min, max) => [0, Math.max(5, max * 1.1)]}},
    axes: [{}, {values: yUnits.count, size: 50, label: 'per min'}],
    series: [{}].concat(statuses.map(st => ({
      label: st, stroke: STATUS_COLOURS[st], width: st === 'SYNCED' ? 2 : 1.5,
      fill: st === 'SYNCED' ? 'rgba(22, 163, 74, 0.12)' : undefined,
      paths: uPlot.paths.stepped({align: 1}), points: {show: true, size: 4, filter: nonZero},
      value: (u, v) => v === null ? '–' : fmt.int(v) + '/min',
    }))),
  }), data);
}

function lagChart(lag) {
  const el = document.getElementById('chart-lag');
  const groups = Object.keys(lag.groups);
  const data = [lag.at].concat(groups.map(g => lag.groups[g].lag));
  const u = draw('lag', el, () => ({
    scales: {x: {time: true}, y: {range: (u, min, max) => [0, Math.max(10, max * 1.1)]}},
    axes: [{}, {values: yUnits.count, size: 60, label: 'records'}],
    series: [{}].concat(groups.map(g => ({
      label: g, stroke: GROUP_COLOURS[g] || '#555', width: 2, value: (u, v) => v === null ? '–' : fmt.int(v),
    }))),
    hooks: {drawClear: [shadePaused]},
  }), data);
  u.paused = groups.flatMap(g => lag.groups[g].paused.map(s => ({group: g, from: s.from, to: s.to})));
  el.dataset.pausedSpans = String(u.paused.length);
  u.redraw(false);
}

// the spans in which a breaker paused a group, shaded behind the lines
function shadePaused(u) {
  const ctx = u.ctx;
  ctx.save();
  ctx.fillStyle = PAUSED_FILL;
  (u.paused || []).forEach(s => {
    const x0 = u.valToPos(Date.parse(s.from) / 1000, 'x', true);
    const x1 = u.valToPos(Date.parse(s.to) / 1000, 'x', true);
    const left = Math.max(u.bbox.left, x0);
    const right = Math.min(u.bbox.left + u.bbox.width, Math.max(x1, x0 + 2));
    if (right > left) ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
  });
  ctx.restore();
}

function latencyChart(minutes, latency) {
  const el = document.getElementById('chart-latency');
  const targets = Object.keys(latency);
  const series = [{}];
  const data = [minutes];
  targets.forEach(t => {
    const byMinute = new Map(latency[t].map(p => [p.minute, p]));
    ['p50Ms', 'p99Ms'].forEach(q => {
      data.push(minutes.map(m => byMinute.has(m) ? byMinute.get(m)[q] : null));
      series.push({
        label: fmt.target(t) + ' ' + q.replace('Ms', ''), stroke: TARGET_COLOURS[t] || '#555', width: 2,
        dash: q === 'p99Ms' ? [6, 4] : undefined, spanGaps: false, points: {show: true, size: 5},
        value: (u, v) => v === null ? '–' : fmt.ms(v),
      });
    });
  });
  draw('latency', el, () => ({
    scales: {x: {time: true}, y: {range: (u, min, max) => [0, Math.max(100, max * 1.1)]}},
    axes: [{}, {values: yUnits.ms, size: 60}],
    series: series,
  }), data);
}

async function refreshCharts() {
  try {
    const response = await fetch('api/charts?span=' + chartSpan);
    if (!response.ok) return;
    const c = await response.json();
    outcomeChart('CRM_2030', c.outcomes);
    outcomeChart('ERP', c.outcomes);
    lagChart(c.lag);
    latencyChart(c.outcomes.minutes, c.latency);
  } catch (e) {
    // the summary line says whether the console answers
  }
}

document.querySelectorAll('#spans button').forEach(b => b.onclick = () => {
  chartSpan = b.dataset.span;
  document.querySelectorAll('#spans button').forEach(o => o.classList.toggle('on', o === b));
  refreshCharts();
});

window.addEventListener('resize', () => Object.values(window.opsCharts).forEach(u =>
    u.setSize({width: chartWidth(u.root.parentElement), height: u.height})));

refreshCharts();
setInterval(refreshCharts, 10000);
