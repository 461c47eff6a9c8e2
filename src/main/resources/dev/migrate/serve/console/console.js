/* migrate console: helpers shared by every page (loaded before the page's own script).
 * Plain ES2020, no framework. Data never goes into the DOM as HTML: always textContent / text nodes. */
'use strict';

/** The session's CSRF token, put into the page by the server. */
function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.getAttribute('content') : '';
}

/**
 * Calls the JSON API: the parsed JSON answer (null for 204 or an empty body). A status that is not 2xx throws an
 * Error with the server's `error` text (and `status`); 401 sends the browser to /login.
 */
async function api(method, path, body) {
  const options = {
    method,
    headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-Token': csrfToken() },
    credentials: 'same-origin',
  };
  if (body !== undefined) {
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, options);
  } catch (e) {
    throw new Error('the server did not answer (' + (e && e.message ? e.message : e) + ')');
  }
  if (response.status === 401) {
    window.location.href = '/login';
    return new Promise(() => {}); // the page is going away: nothing to show
  }
  const text = response.status === 204 ? '' : await response.text();
  let data = null;
  let parsed = false;
  if (text) {
    try {
      data = JSON.parse(text);
      parsed = true;
    } catch (e) {
      parsed = false;
    }
  }
  if (!response.ok) {
    const message = parsed && data && typeof data.error === 'string' && data.error
      ? data.error
      : `${method} ${path}: ${response.status} ${response.statusText || 'error'}`;
    const error = new Error(message);
    error.status = response.status;
    error.data = data;
    throw error;
  }
  if (text && !parsed) {
    throw new Error(`${method} ${path}: the answer is not JSON`);
  }
  return data;
}

/** A new element: attrs `class`, `text`, `dataset`, `onclick`-style listeners, any other attribute; children as text or nodes. */
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') e.className = value;
      else if (key === 'text') e.textContent = String(value);
      else if (key === 'dataset') Object.assign(e.dataset, value);
      else if (key.startsWith('on') && typeof value === 'function') e.addEventListener(key.slice(2), value);
      else e.setAttribute(key, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    e.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return e;
}

function byId(id) {
  return document.getElementById(id);
}

/** Shows an error's one line in `element` (class error), or clears it. */
function showError(element, error) {
  if (!element) return;
  element.textContent = error ? (error.message || String(error)) : '';
}

/** A count with thousands separators (the browser's locale); '' for none. */
function fmtNum(n) {
  if (n === null || n === undefined || n === '') return '';
  const number = Number(n);
  return Number.isFinite(number) ? number.toLocaleString() : String(n);
}

function pad2(n) {
  return String(n).padStart(2, '0');
}

/** A Date as local `yyyy-MM-dd HH:mm:ss`. */
function fmtDate(d) {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

/**
 * A time from the API as local `yyyy-MM-dd HH:mm:ss`: an ISO instant or offset date-time is shown in the browser's
 * time zone; a local date-time without offset (the server's zone) is shown as it is; a number is epoch seconds
 * (or milliseconds when large).
 */
function fmtTime(value) {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number') {
    return fmtDate(new Date(value < 1e11 ? value * 1000 : value));
  }
  const text = String(value);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) {
    return text.replace('T', ' ').replace(/\.\d+$/, '');
  }
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? text : fmtDate(d);
}

/** Seconds as `4.2 s`, `3 min 05 s`, `1 h 02 min`. */
function fmtDuration(seconds) {
  if (seconds === null || seconds === undefined || seconds === '') return '';
  const s = Number(seconds);
  if (!Number.isFinite(s)) return '';
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const whole = Math.round(s);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${pad2(whole % 60)} s`;
  return `${Math.floor(whole / 3600)} h ${pad2(Math.floor((whole % 3600) / 60))} min`;
}

const ENDED = ['done', 'failed', 'cancelled'];

function isEnded(status) {
  return ENDED.includes(status);
}

/** What a run or schedule moves: `source → destination.table` or `script x`. */
function describeWork(item) {
  const table = item.targetTable ?? item.target_table;
  if (item.script) return `script ${item.script}`;
  const parts = [];
  if (item.source || item.destination) parts.push(`${item.source || '?'} → ${item.destination || '?'}${table ? '.' + table : ''}`);
  else if (table) parts.push(table);
  return parts.join(' ');
}

/** A status word as an element with its colour. */
function statusBadge(status) {
  return el('span', { class: `status status-${status || 'unknown'}`, text: status || '' });
}

/** Reads a number input: undefined when empty, a number, or an Error naming the field. */
function numberField(input, field) {
  if (!input) return undefined;
  if (input.validity && input.validity.badInput) {
    throw new Error(`${field}: a whole number of 1 or more`);
  }
  const text = input.value.trim();
  if (text === '') return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`${field}: a whole number of 1 or more, not ${text}`);
  }
  return n;
}

/**
 * The migration fields of a form, by id prefix (`mig` or `sched`): `<prefix>-mode-query` / `<prefix>-mode-script`
 * radios, groups `<prefix>-query-fields` / `<prefix>-script-fields`, `<prefix>-source`, `-destination`, `-query`,
 * `-table`, `-script`, `-batchSize`, `-parallelism`. Both groups stay usable; typing into one selects it.
 */
function migrationFields(prefix) {
  const f = (name) => byId(`${prefix}-${name}`);
  const radios = { query: f('mode-query'), script: f('mode-script') };
  const groups = { query: f('query-fields'), script: f('script-fields') };

  function mode() {
    return radios.script && radios.script.checked ? 'script' : 'query';
  }

  function setMode(m) {
    if (radios[m]) radios[m].checked = true;
    for (const [name, group] of Object.entries(groups)) {
      if (group) group.classList.toggle('inactive', name !== m);
    }
  }

  for (const m of ['query', 'script']) {
    if (radios[m]) radios[m].addEventListener('change', () => setMode(m));
  }
  for (const name of ['source', 'destination', 'query', 'table']) {
    const input = f(name);
    if (input) {
      input.addEventListener('input', () => setMode('query'));
      input.addEventListener('change', () => setMode('query'));
    }
  }
  if (f('script')) f('script').addEventListener('input', () => setMode('script'));
  setMode(mode());

  async function loadConnections() {
    const list = await api('GET', '/api/connections');
    const names = (list || []).map((c) => c.name);
    for (const select of [f('source'), f('destination')]) {
      if (!select) continue;
      const kept = select.value;
      select.replaceChildren(el('option', { value: '', text: names.length ? '— choose a connection —' : '— no saved connections: add one under Connections —' }));
      for (const name of names) {
        select.append(el('option', { value: name, text: name }));
      }
      if (names.includes(kept)) select.value = kept;
    }
    return names;
  }

  async function loadDefaults() {
    try {
      const settings = await api('GET', '/api/settings');
      if (!settings) return;
      if (f('batchSize') && settings.batchSize !== undefined) f('batchSize').placeholder = `${fmtNum(settings.batchSize)} (the setting)`;
      if (f('parallelism') && settings.parallelism !== undefined) f('parallelism').placeholder = `${fmtNum(settings.parallelism)} (the setting)`;
    } catch (e) {
      // the placeholders are only a hint
    }
  }

  /** The migrate body the form describes; throws an Error naming the field when a number is not one. */
  function body() {
    const b = {};
    if (mode() === 'script') {
      b.script = f('script').value.trim();
    } else {
      b.source = f('source').value;
      b.destination = f('destination').value;
      b.query = f('query').value;
      b.target_table = f('table').value.trim();
    }
    const batchSize = numberField(f('batchSize'), 'batchSize');
    const parallelism = numberField(f('parallelism'), 'parallelism');
    if (batchSize !== undefined) b.batchSize = batchSize;
    if (parallelism !== undefined) b.parallelism = parallelism;
    return b;
  }

  return { mode, setMode, loadConnections, loadDefaults, body };
}
