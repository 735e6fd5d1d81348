// The chaos panel: each backend's settings in force, and controls that change them through the chaos
// API on this same origin (JSON bodies, so the control plane's checks on state-changing calls pass).
import { describeChaos, esc, hasChaos } from './format.js';

const FAULTS = ['CONNECTION_RESET_BY_PEER', 'EMPTY_RESPONSE', 'MALFORMED_RESPONSE_CHUNK', 'RANDOM_DATA_THEN_CLOSE'];

/** Calls the chaos API; resolves to the JSON answer, rejects with the problem's detail. */
export async function chaosCall(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON: reported below */ }
  if (!response.ok) {
    throw new Error((json && (json.detail || json.title)) || `${method} ${path} answered ${response.status}`);
  }
  return json;
}

function stateOf(settings) {
  if (!settings) return ['UNKNOWN', 'unknown'];
  if (settings.down) return ['DOWN', 'DOWN'];
  return hasChaos(settings) ? ['CHAOS', 'CHAOS'] : ['UP', 'UP'];
}

class ChaosCard {
  constructor(service, container) {
    this.service = service;
    this.dirty = false;
    this.el = document.createElement('div');
    this.el.className = 'chaos-card';
    this.el.dataset.chaos = service;
    this.el.innerHTML = `
      <h3>${esc(service)} <span class="state" data-state="UNKNOWN">unknown</span></h3>
      <p class="now">…</p>
      <form>
        <label>latency ms<input type="number" name="latencyMs" min="0" max="60000" step="50" value="0"></label>
        <label>errors %<input type="number" name="errorRate" min="0" max="100" step="5" value="0"></label>
        <label>fault<select name="fault"><option value="">none</option>${FAULTS.map(f => `<option>${f}</option>`).join('')}</select></label>
        <button type="submit" data-action="apply">Apply</button>
      </form>
      <div class="buttons">
        <button type="button" data-action="down" class="danger">Take down</button>
        <button type="button" data-action="up">Bring up</button>
        <button type="button" data-action="clear">Clear</button>
      </div>
      <p class="problem" role="alert"></p>`;
    this.form = this.el.querySelector('form');
    this.form.addEventListener('input', () => { this.dirty = true; });
    this.form.addEventListener('submit', event => {
      event.preventDefault();
      const f = this.form.elements;
      this.change('PUT', {
        latencyMs: Number(f.latencyMs.value || 0),
        errorRate: Number(f.errorRate.value || 0) / 100,
        fault: f.fault.value || null,
      });
    });
    this.el.querySelector('[data-action="down"]').addEventListener('click', () => this.change('PUT', { down: true }));
    this.el.querySelector('[data-action="up"]').addEventListener('click', () => this.change('PUT', { down: false }));
    this.el.querySelector('[data-action="clear"]').addEventListener('click', () => this.change('DELETE'));
    container.appendChild(this.el);
  }

  async change(method, body) {
    const problem = this.el.querySelector('.problem');
    problem.textContent = '';
    this.el.querySelectorAll('button').forEach(b => { b.disabled = true; });
    try {
      const settings = await chaosCall(method, '/chaos/' + encodeURIComponent(this.service), body);
      this.dirty = false;
      this.show(settings);
    } catch (e) {
      problem.textContent = e.message;
    } finally {
      this.el.querySelectorAll('button').forEach(b => { b.disabled = false; });
    }
  }

  show(settings) {
    const [state, text] = stateOf(settings);
    const pill = this.el.querySelector('.state');
    pill.dataset.state = state;
    pill.textContent = text;
    this.el.querySelector('.now').textContent = describeChaos(settings);
    this.el.querySelector('[data-action="down"]').hidden = Boolean(settings && settings.down);
    this.el.querySelector('[data-action="up"]').hidden = !(settings && settings.down);
    if (!this.dirty && settings) {
      const f = this.form.elements;
      f.latencyMs.value = settings.latencyMs;
      f.errorRate.value = Math.round(settings.errorRate * 100);
      f.fault.value = settings.fault || '';
    }
  }
}

/** One card per backend, created as the backends appear in the stream. */
export class ChaosPanel {
  constructor(container, resetButton) {
    this.container = container;
    this.cards = new Map();
    resetButton.addEventListener('click', async () => {
      try {
        const all = await chaosCall('POST', '/chaos/reset');
        for (const card of this.cards.values()) card.dirty = false;
        this.update(all);
      } catch (e) {
        for (const card of this.cards.values()) card.el.querySelector('.problem').textContent = e.message;
      }
    });
  }

  update(chaos) {
    for (const [service, settings] of Object.entries(chaos || {})) {
      if (!this.cards.has(service)) this.cards.set(service, new ChaosCard(service, this.container));
      this.cards.get(service).show(settings);
    }
  }
}
