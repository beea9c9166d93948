// Numbers with their units, shared by the page's scripts. Plain JS on purpose: no build step.
'use strict';

const fmt = {
  int(n) {
    return n === null || n === undefined ? '–' : Number(n).toLocaleString('en-US');
  },
  ms(ms) {
    if (ms === null || ms === undefined) return '–';
    if (ms < 1000) return Math.round(ms) + ' ms';
    if (ms < 60000) return (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + ' s';
    return fmt.seconds(ms / 1000);
  },
  seconds(s) {
    s = Math.round(s);
    if (s < 60) return s + ' s';
    if (s < 3600) return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
    return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
  },
  // ISO-8601 durations as Spring writes them: PT5M, PT1H30M, PT0.5S
  iso(d) {
    const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(d || '');
    if (!m) return d || '';
    return [m[1] && m[1] + ' h', m[2] && m[2] + ' min', m[3] && m[3] + ' s'].filter(Boolean).join(' ') || '0 s';
  },
  // a window as long as the ledger's (PT1440H): whole days as days, else as iso() does
  span(d) {
    const m = /^PT(\d+)H$/.exec(d || '');
    if (m && Number(m[1]) % 24 === 0) {
      const days = Number(m[1]) / 24;
      return days + (days === 1 ? ' day' : ' days');
    }
    return fmt.iso(d);
  },
  time(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    return d.toLocaleTimeString('en-GB') + (Date.now() - d > 86400000 ? ' ' + d.toLocaleDateString('en-GB') : '');
  },
  target(t) {
    return t === 'CRM_2030' ? 'CRM 2030' : t;
  },
  // an order's event as the outcomes name it: PAID, CONFIRMED, CANCELLED, REFUNDED line 7
  event(event, line) {
    return (event || 'PAID') + (line !== null && line !== undefined ? ' line ' + line : '');
  },
};
