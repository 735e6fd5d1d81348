// The resilience console: one EventSource on /console/stream (a frame per read of the composer and
// the gateway, about once a second), the last few minutes kept here, everything redrawn at most once
// per animation frame.
import { drawLines, drawTimeline, PALETTE } from './charts.js';
import { ChaosPanel } from './chaos.js';
import { clock, describeChaos, esc, hasChaos, ms, num, pct } from './format.js';

const WINDOW_MS = 3 * 60 * 1000;
const MIN_SPAN_MS = 60 * 1000;
const $ = id => document.getElementById(id);

const frames = [];      // { t, seq, frame, states: Map(breaker id -> state) }
const markers = [];     // { t, services, text, short }
const events = [];      // chaos events, oldest first
const transitions = []; // { t, id, from, to }
let lastSeq = 0;
let lastAt = 0;
let pending = false;
const chaos = new ChaosPanel($('chaos'), $('chaos-reset'));

function setConnection(state, text) {
  const pill = $('connection');
  pill.dataset.state = state;
  pill.textContent = text;
}

function describeEvent(e) {
  if (e.action === 'RESET') return 'reset';
  if (e.action === 'CLEAR') return 'cleared';
  return describeChaos(e.settings);
}

function accept(frame) {
  const t = Date.parse(frame.at);
  if (frame.sequence <= lastSeq) {
    if (t <= lastAt) return; // seen already (history and live overlap by a frame)
    frames.length = 0;       // a new control plane: its sequence started again
    markers.length = 0;
    events.length = 0;
    transitions.length = 0;
  }
  lastSeq = frame.sequence;
  lastAt = t;
  frames.push({ t, seq: frame.sequence, frame, states: new Map(frame.breakers.map(b => [b.id, b.state])) });
  for (const e of frame.chaosEvents) {
    events.push(e);
    const at = Date.parse(e.at);
    const last = markers[markers.length - 1];
    if (e.action === 'RESET' && last && last.reset && at - last.t < 1000) continue; // one marker per reset
    markers.push({
      t: at, reset: e.action === 'RESET',
      services: e.action === 'RESET' ? ['all'] : [e.service],
      text: e.action === 'RESET' ? 'every backend reset' : `${e.service}: ${describeEvent(e)}`,
      short: e.action === 'RESET' ? 'reset' : `${e.service} ${e.action === 'CLEAR' ? 'cleared' : (e.settings.down ? 'down' : 'set')}`,
    });
  }
  for (const tr of frame.transitions) transitions.push({ t: Date.parse(tr.at), id: tr.id, from: tr.from, to: tr.to });
  const cutoff = t - WINDOW_MS;
  while (frames.length && frames[0].t < cutoff) frames.shift();
  while (markers.length && markers[0].t < cutoff) markers.shift();
  while (transitions.length > 200) transitions.shift();
  while (events.length > 200) events.shift();
  if (!pending) {
    pending = true;
    requestAnimationFrame(render);
  }
}

function stateBadge(state, text = state) {
  return `<span class="state" data-state="${esc(state)}">${esc(text)}</span>`;
}

function row(cells, tag = 'td') {
  return '<tr>' + cells.map(c => (typeof c === 'object' && c !== null
    ? `<${tag} class="${c.cls || ''}">${c.html}</${tag}>` : `<${tag}>${esc(c)}</${tag}>`)).join('') + '</tr>';
}

function reasons(map) {
  const entries = Object.entries(map || {}).sort((a, b) => b[1] - a[1]);
  return entries.length ? entries.map(([r, s]) => `${r} ${pct(s)}`).join(', ') : '—';
}

function renderParts(latest) {
  $('parts').innerHTML = latest.parts.map(p => `<span class="pill" data-state="${p.reachable ? 'UP' : 'UNREACHABLE'}" data-part="${esc(p.part)}" title="${esc(p.url)}">`
    + `${esc(p.part)} ${p.reachable ? 'reachable' : 'UNREACHABLE: ' + esc(p.detail || '')}</span>`).join('');
  $('updated').textContent = 'updated ' + clock(new Date(Date.parse(latest.at)));
}

function renderBreakers(latest, tMin, tMax) {
  $('breakers').innerHTML = latest.breakers.map(b => `<span class="badge" data-breaker="${esc(b.id)}">${stateBadge(b.state)} ${esc(b.id)}`
    + `${b.failureRate !== null && b.failureRate !== undefined ? ' <span class="muted">failures ' + num(b.failureRate) + '%</span>' : ''}</span>`).join('')
    || '<span class="muted">no breakers yet (they appear with the first call through each source and route)</span>';
  const ids = new Map();
  for (const f of frames) for (const id of f.states.keys()) ids.set(id, true);
  const current = new Map(latest.breakers.map(b => [b.id, b.state]));
  const rows = [...ids.keys()].map(id => ({ id, label: id, state: current.get(id) || 'UNKNOWN' }));
  drawTimeline($('timeline'), { rows, frames, tMin, tMax, markers });
  $('transitions').innerHTML = transitions.slice(-30).reverse()
    .map(tr => `<li>${esc(clock(new Date(tr.t)))} ${esc(tr.id)} ${stateBadge(tr.from)} → ${stateBadge(tr.to)}</li>`).join('');
}

function renderSources(latest) {
  $('sources').innerHTML = row(['source', 'circuit', 'calls/s', 'by result', 'refused/s', 'retries/s (denied)', 'budget', 'bulkhead'], 'th')
    + latest.sources.map(s => row([s.name, { html: stateBadge(s.state) }, num(s.attemptsPerSecond),
      { cls: 'reasons', html: esc(Object.entries(s.attemptResults || {}).map(([r, v]) => `${r} ${num(v)}`).join(', ') || '—') },
      num(s.notPermittedPerSecond), `${num(s.retriesPerSecond)} (${num(s.retriesDeniedPerSecond)})`, num(s.retryBudgetLeft),
      s.bulkheadMax === null ? '—' : `${s.bulkheadInUse} / ${s.bulkheadMax}`])).join('');
}

function seriesOf(key, value, filter = () => true) {
  const names = new Map();
  for (const f of frames) for (const item of key(f.frame)) if (filter(item)) names.set(item.name, true);
  return [...names.keys()].map((name, i) => ({
    name, colour: PALETTE[i % PALETTE.length],
    points: frames.map(f => {
      const item = key(f.frame).find(x => x.name === name);
      return [f.t, item ? value(item.value) : null];
    }),
  }));
}

function renderSections(latest, tMin, tMax) {
  $('sections').innerHTML = row(['section', 'answers/s', 'p50', 'p99', 'degraded', 'failed', 'not OK by reason'], 'th')
    + latest.sections.map(s => row([`${s.composition}/${s.section}`, num(s.ratePerSecond), ms(s.p50Ms), ms(s.p99Ms),
      pct(s.degradedShare), pct(s.failedShare), { cls: 'reasons', html: esc(reasons(s.reasons)) }])).join('');
  const sections = f => f.sections.map(s => ({ name: `${s.composition}/${s.section}`, value: s }));
  const active = s => s.value.ratePerSecond > 0;
  drawLines($('section-latency'), {
    title: 'p99 per section (ms)', tMin, tMax, markers, format: v => num(v, 0),
    series: seriesOf(sections, s => (s.p99Ms === undefined ? null : s.p99Ms), active),
  });
  drawLines($('section-degraded'), {
    title: 'answers not OK per section (%: degraded + failed)', tMin, tMax, markers, format: v => num(v, 0) + '%', minMax: 10,
    series: seriesOf(sections, s => (s.ratePerSecond ? 100 * ((s.degradedShare || 0) + (s.failedShare || 0)) : null), active),
  });
}

function renderEdge(latest, tMin, tMax) {
  const pick = (name, colour, value) => ({ name, colour, points: frames.map(f => [f.t, f.frame.edge.ratePerSecond === null ? null : value(f.frame.edge)]) });
  drawLines($('edge-chart'), {
    title: 'edge requests per second by answer', tMin, tMax, markers, format: v => num(v),
    series: [
      pick('2xx', '#1a7f37', e => e.statusClasses['2xx'] || 0),
      pick('4xx', '#9a6700', e => e.statusClasses['4xx'] || 0),
      pick('5xx', '#cf222e', e => e.statusClasses['5xx'] || 0),
      pick('429', '#8250df', e => e.tooManyPerSecond || 0),
      pick('503', '#82071e', e => e.unavailablePerSecond || 0),
    ],
  });
  const cls = (r, c) => num((r.statusClasses || {})[c]);
  $('routes').innerHTML = row(['route', 'circuit', 'req/s', '2xx', '4xx', '5xx', '429', '503', 'p99'], 'th')
    + [...latest.routes, latest.edge].map(r => row([r.route, { html: r.state ? stateBadge(r.state) : '—' }, num(r.ratePerSecond),
      cls(r, '2xx'), cls(r, '4xx'), cls(r, '5xx'), num(r.tooManyPerSecond), num(r.unavailablePerSecond), ms(r.p99Ms)])).join('');
}

function renderChaos(latest) {
  chaos.update(latest.chaos);
  $('chaos-events').innerHTML = events.slice(-30).reverse()
    .map(e => `<li data-chaos-event="${esc(e.service)}">${esc(clock(new Date(Date.parse(e.at))))} ${esc(e.service)} ${esc(e.action)}: ${esc(describeEvent(e))}</li>`).join('')
    || '<li class="muted">no changes yet</li>';
}

function say(el, items, good, level) {
  el.className = items.length ? level : 'ok';
  el.textContent = items.length ? items.join(' · ') : good;
}

function renderGlance(latest) {
  const broken = [];
  for (const p of latest.parts) if (!p.reachable) broken.push(`${p.part} unreachable (${p.detail})`);
  for (const b of latest.breakers) if (['OPEN', 'HALF_OPEN', 'FORCED_OPEN'].includes(b.state)) broken.push(`${b.id} ${b.state}`);
  for (const [service, s] of Object.entries(latest.chaos)) if (hasChaos(s)) broken.push(`chaos: ${service} ${describeChaos(s)}`);
  say($('glance-broken'), broken, 'Nothing: every breaker closed, no chaos', 'bad');

  const doing = [];
  for (const s of latest.sections) {
    const notOk = (s.degradedShare || 0) + (s.failedShare || 0);
    if (notOk > 0) doing.push(`${s.composition}/${s.section}: ${pct(s.degradedShare || 0)} from fallback, ${pct(s.failedShare || 0)} failed (${reasons(s.reasons)})`);
  }
  for (const s of latest.sources) {
    if (s.notPermittedPerSecond > 0) doing.push(`${s.name}: breaker refuses ${num(s.notPermittedPerSecond)}/s`);
    if (s.retriesPerSecond > 0) doing.push(`${s.name}: retrying ${num(s.retriesPerSecond)}/s`);
    if (s.retriesDeniedPerSecond > 0) doing.push(`${s.name}: retry budget denies ${num(s.retriesDeniedPerSecond)}/s`);
  }
  say($('glance-doing'), doing, 'Nothing special: every section answers live', 'warn');

  const hurt = [];
  let level = 'ok';
  for (const c of latest.compositions) {
    if (!c.ratePerSecond) continue;
    const o = c.outcomes || {};
    hurt.push(`${c.composition}: ${pct(o.complete || 0)} complete, ${pct(o.partial || 0)} partial, ${pct(o.failed || 0)} failed, p99 ${ms(c.p99Ms)}`);
    if ((o.failed || 0) > 0) level = 'bad'; else if ((o.partial || 0) > 0 && level === 'ok') level = 'warn';
  }
  const e = latest.edge;
  if (e.ratePerSecond) {
    hurt.push(`edge: ${num(e.ratePerSecond)} req/s, 5xx ${num(e.statusClasses['5xx'] || 0)}/s, 429 ${num(e.tooManyPerSecond || 0)}/s, p99 ${ms(e.p99Ms)}`);
    if ((e.statusClasses['5xx'] || 0) > 0) level = 'bad';
  }
  const el = $('glance-hurt');
  el.className = level;
  el.textContent = hurt.length ? hurt.join(' · ') : 'No traffic in the last second';
}

function render() {
  pending = false;
  if (!frames.length) return;
  const latest = frames[frames.length - 1].frame;
  const tMax = frames[frames.length - 1].t;
  // the kept minutes, but at least one: a console opened on a fresh stack is not a thin line at the right
  const tMin = tMax - Math.min(WINDOW_MS, Math.max(MIN_SPAN_MS, tMax - frames[0].t));
  renderParts(latest);
  renderGlance(latest);
  renderBreakers(latest, tMin, tMax);
  renderSources(latest);
  renderSections(latest, tMin, tMax);
  renderEdge(latest, tMin, tMax);
  renderChaos(latest);
  document.body.dataset.frame = String(latest.sequence);
}

const source = new EventSource('/console/stream');
source.addEventListener('open', () => setConnection('LIVE', 'live'));
source.addEventListener('error', () => setConnection('UNKNOWN', 'reconnecting…'));
source.addEventListener('frame', e => accept(JSON.parse(e.data)));
window.addEventListener('resize', () => { if (!pending && frames.length) { pending = true; requestAnimationFrame(render); } });
