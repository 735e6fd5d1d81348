// Number and time formatting shared by the console's views.

/** "12.3", "0.05", "—" for none. */
export function num(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (Math.abs(value) >= 100) return Math.round(value).toString();
  if (value !== 0 && Math.abs(value) < 0.1) return value.toFixed(2);
  return value.toFixed(digits).replace(/\.0+$/, '');
}

/** A share 0..1 as "12%", "—" for none. */
export function pct(share) {
  if (share === null || share === undefined) return '—';
  const p = share * 100;
  return (p > 0 && p < 1 ? p.toFixed(1) : Math.round(p).toString()) + '%';
}

/** Milliseconds as "12 ms" or "1.2 s". */
export function ms(value) {
  if (value === null || value === undefined) return '—';
  return value >= 1000 ? (value / 1000).toFixed(2) + ' s' : num(value) + ' ms';
}

/** HH:MM:SS in local time. */
export function clock(date) {
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

/** Text for HTML, escaped. */
export function esc(text) {
  return String(text).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** What one chaos setting does, in a few words ("down", "latency 300±100 ms, errors 20% (503)"). */
export function describeChaos(s) {
  if (!s) return 'unknown';
  const parts = [];
  if (s.down) parts.push('down');
  if (s.latencyMs > 0 || s.jitterMs > 0) {
    parts.push('latency ' + s.latencyMs + (s.jitterMs > 0 && s.distribution !== 'fixed' ? '±' + s.jitterMs : '') + ' ms'
      + (s.distribution && s.distribution !== 'uniform' ? ' ' + s.distribution : ''));
  }
  if (s.errorRate > 0) parts.push('errors ' + pct(s.errorRate) + ' (' + s.errorStatus + ')');
  if (s.fault) parts.push('fault ' + s.fault + (s.faultRate < 1 ? ' ' + pct(s.faultRate) : ''));
  if (s.dribbleMs > 0) parts.push('dribble ' + s.dribbleMs + ' ms');
  if (s.slowRate > 0 && s.slowMs > 0) parts.push(Math.round(s.slowRate * 1000) / 10 + '% +' + s.slowMs + ' ms');
  if (s.slowRate > 0) parts.push('stragglers ' + pct(s.slowRate) + ' +' + s.slowMs + ' ms');
  return parts.length ? parts.join(', ') : 'no chaos';
}

/** Whether any chaos is in force. */
export function hasChaos(s) {
  return describeChaos(s) !== 'no chaos';
}
