// Hand-drawn SVG charts: a state timeline for the breakers and small line charts, both with the
// chaos changes marked as dashed vertical lines. Drawn from scratch on every refresh (a few hundred
// elements): simpler than diffing, and fast enough at one refresh a second.
import { clock, esc } from './format.js';

export const STATE_COLOURS = {
  CLOSED: '#1a7f37', HALF_OPEN: '#d4a72c', OPEN: '#cf222e', FORCED_OPEN: '#82071e',
  DISABLED: '#8c959f', METRICS_ONLY: '#8c959f', UNKNOWN: '#d1d9e0',
};
export const PALETTE = ['#0969da', '#bf3989', '#1a7f37', '#9a6700', '#8250df', '#cf222e', '#57606a', '#0a3069', '#1b7c83'];

const MARKER_TOP = 14;
const AXIS_HEIGHT = 16;
const GAP_MS = 5000;

function widthOf(svg) {
  return Math.max(280, Math.round(svg.getBoundingClientRect().width || svg.parentElement.clientWidth || 600));
}

function timeScale(tMin, tMax, x0, x1) {
  const span = Math.max(1, tMax - tMin);
  return t => x0 + (x1 - x0) * (t - tMin) / span;
}

function timeAxis(x, tMin, tMax, x0, x1, y) {
  const span = tMax - tMin;
  const step = (x1 - x0) < 420 ? 60000 : 30000;
  let out = `<line class="axis" x1="${x0}" x2="${x1}" y1="${y}" y2="${y}"/>`;
  for (let t = Math.ceil(tMin / step) * step; t <= tMax; t += step) {
    const px = x(t);
    if (px < x0 + 22 || px > x1 - 22) continue; // a label cut by the edge helps nobody
    out += `<line class="axis" x1="${px}" x2="${px}" y1="${y}" y2="${y + 3}"/>`
      + `<text x="${px}" y="${y + 13}" text-anchor="middle">${clock(new Date(t)).slice(0, 5 + (span < 600000 ? 3 : 0))}</text>`;
  }
  return out;
}

/** Dashed lines at every chaos change; each carries data-chaos-marker and a title saying what changed. */
function markerLines(x, markers, tMin, y0, y1, labels) {
  let out = '';
  let labelEnd = -Infinity;
  for (const m of markers) {
    if (m.t < tMin) continue;
    const px = x(m.t);
    // a label that would overlap the previous one is left out; the line and its title stay
    const half = 3.2 * m.short.length;
    const label = labels && px - half > labelEnd + 4;
    if (label) labelEnd = px + half;
    out += `<g data-chaos-marker="${esc(m.services.join(' '))}"><title>${esc(clock(new Date(m.t)) + ' ' + m.text)}</title>`
      + `<line class="marker" x1="${px.toFixed(1)}" x2="${px.toFixed(1)}" y1="${y0}" y2="${y1}"/>`
      + (label ? `<text class="marker-label" x="${px.toFixed(1)}" y="${MARKER_TOP - 3}" text-anchor="middle">${esc(m.short)}</text>` : '')
      + '</g>';
  }
  return out;
}

/**
 * The breakers' states as coloured bands over time, one row per breaker, the state named in each
 * row's label (colour is never the only cue).
 */
export function drawTimeline(svg, { rows, frames, tMin, tMax, markers }) {
  const w = widthOf(svg);
  const rowH = 18;
  const labelW = Math.min(270, Math.round(w * 0.42));
  const height = MARKER_TOP + rows.length * rowH + AXIS_HEIGHT + 4;
  const x = timeScale(tMin, tMax, labelW, w - 4);
  let out = '';
  rows.forEach((row, i) => {
    const y = MARKER_TOP + i * rowH;
    out += `<text class="label" x="0" y="${y + 13}">${esc(row.label)}</text>`
      + `<text x="${labelW - 6}" y="${y + 13}" text-anchor="end" data-breaker-state="${esc(row.id)}">${esc(row.state)}</text>`;
    let start = null;
    let state = null;
    const flush = end => {
      if (state && start !== null) {
        const x0 = Math.max(labelW, x(start));
        const x1 = Math.max(x0 + 1, x(end));
        out += `<rect x="${x0.toFixed(1)}" y="${y + 2}" width="${(x1 - x0).toFixed(1)}" height="${rowH - 4}" fill="${STATE_COLOURS[state] || STATE_COLOURS.UNKNOWN}"><title>${esc(row.label + ' ' + state + ' from ' + clock(new Date(start)))}</title></rect>`;
      }
    };
    let previous = null;
    for (const frame of frames) {
      const s = frame.states.get(row.id) || null;
      if (previous !== null && frame.t - previous > GAP_MS) {
        // nothing was read in between (no console open): leave the gap empty rather than guess
        flush(previous + 1000);
        state = null;
      }
      if (s !== state) {
        flush(frame.t);
        state = s;
        start = frame.t;
      }
      previous = frame.t;
    }
    flush(tMax);
  });
  const axisY = MARKER_TOP + rows.length * rowH + 2;
  out += timeAxis(x, tMin, tMax, labelW, w - 4, axisY);
  out += markerLines(x, markers, tMin, MARKER_TOP - 2, axisY, true);
  svg.setAttribute('viewBox', `0 0 ${w} ${height}`);
  svg.setAttribute('height', height);
  svg.innerHTML = out;
}

/**
 * A line chart of a few series over time, with a legend that names each series and its latest value.
 * A null value breaks the line (nothing was measured then).
 */
export function drawLines(svg, { title, series, tMin, tMax, markers, format, minMax = 1 }) {
  const w = widthOf(svg);
  // legend columns as wide as the longest entry, so that entries never overlap
  const colW = Math.min(w, 40 + 6.6 * Math.max(8, ...series.map(s => s.name.length + 6)));
  const perRow = Math.max(1, Math.floor(w / colW));
  const legendRows = Math.max(1, Math.ceil(series.length / perRow));
  const top = MARKER_TOP + 14 * legendRows + 4;
  const plotH = 90;
  const height = top + plotH + AXIS_HEIGHT + 4;
  const left = 46;
  const x = timeScale(tMin, tMax, left, w - 4);
  let max = minMax;
  for (const s of series) for (const [, v] of s.points) if (v !== null && v > max) max = v;
  max *= 1.1;
  const y = v => top + plotH - plotH * v / max;
  let out = `<text class="label" x="0" y="10">${esc(title)}</text>`;
  series.forEach((s, i) => {
    const lx = (i % perRow) * colW;
    const ly = MARKER_TOP + 12 + Math.floor(i / perRow) * 14;
    const last = [...s.points].reverse().find(([, v]) => v !== null);
    out += `<rect x="${lx}" y="${ly - 8}" width="10" height="10" fill="${s.colour}"/>`
      + `<text class="label" x="${lx + 14}" y="${ly + 1}">${esc(s.name)} ${esc(last ? format(last[1]) : '—')}</text>`;
  });
  for (const v of [0, max / 2, max / 1.1]) {
    out += `<line class="axis" x1="${left}" x2="${w - 4}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"/>`
      + `<text x="${left - 4}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${esc(format(v))}</text>`;
  }
  for (const s of series) {
    let d = '';
    let pen = false;
    let previous = null;
    for (const [t, v] of s.points) {
      const gap = previous !== null && t - previous > GAP_MS;
      previous = t;
      if (v === null || t < tMin || gap) { pen = false; if (v === null || t < tMin) continue; }
      d += (pen ? 'L' : 'M') + x(t).toFixed(1) + ',' + y(v).toFixed(1);
      pen = true;
    }
    if (d) out += `<path d="${d}" fill="none" stroke="${s.colour}" stroke-width="1.8"/>`;
  }
  out += timeAxis(x, tMin, tMax, left, w - 4, top + plotH);
  out += markerLines(x, markers, tMin, top, top + plotH, false);
  svg.setAttribute('viewBox', `0 0 ${w} ${height}`);
  svg.setAttribute('height', height);
  svg.innerHTML = out;
}
