/* Migrations page (/): start a run, follow its progress (Server-Sent Events, else polling), cancel it. */
'use strict';

(() => {
  const fields = migrationFields('mig');
  const form = byId('migrate-form');
  const startButton = byId('mig-start');
  const formError = byId('mig-error');

  const panel = byId('run');
  const cancelButton = byId('run-cancel');
  const runMessage = byId('run-message');

  const STORE = 'migrate.console.runs';
  let watching = null; // { id, source: EventSource|null, timer, ended }

  // ---- runs started from this page (kept for the browser tab's session) ----

  function mine() {
    try {
      const list = JSON.parse(sessionStorage.getItem(STORE) || '[]');
      return Array.isArray(list) ? list : [];
    } catch (e) {
      return [];
    }
  }

  function saveMine(list) {
    try {
      sessionStorage.setItem(STORE, JSON.stringify(list.slice(0, 10)));
    } catch (e) {
      // private mode: the list lives as long as the page
    }
  }

  function remember(run) {
    const list = mine().filter((r) => r.id !== run.id);
    const known = mine().find((r) => r.id === run.id) || {};
    list.unshift({
      id: run.id,
      what: describeWork(run) || known.what || '',
      status: run.status || known.status || 'queued',
      started: run.started || known.started || new Date().toISOString(),
    });
    saveMine(list);
    renderMine();
  }

  function update(run) {
    const list = mine();
    const entry = list.find((r) => r.id === run.id);
    if (!entry) return;
    entry.status = run.status;
    if (describeWork(run)) entry.what = describeWork(run);
    if (run.started) entry.started = run.started;
    saveMine(list);
    renderMine();
  }

  function renderMine() {
    const list = mine();
    const ul = byId('my-runs');
    byId('my-runs-section').hidden = list.length === 0;
    ul.replaceChildren(...list.map((r) => el('li', { dataset: { id: r.id, status: r.status } },
      fmtTime(r.started), ' ', statusBadge(r.status), ' ', r.what, ' ',
      watching && watching.id === r.id
        ? el('span', { class: 'hint', text: '(shown above)' })
        : el('button', { type: 'button', class: 'small', text: 'show', onclick: () => watch(r.id) }))));
  }

  /** Refreshes the status of this tab's unfinished runs that are not in the panel. */
  async function refreshMine() {
    for (const r of mine()) {
      if (isEnded(r.status) || (watching && watching.id === r.id)) continue;
      try {
        update(await api('GET', `/api/runs/${encodeURIComponent(r.id)}`));
      } catch (e) {
        if (e.status === 404) saveMine(mine().filter((x) => x.id !== r.id));
      }
    }
    renderMine();
  }

  // ---- the run panel ----

  function clearPanel() {
    stopWatching();
    panel.hidden = true;
    panel.dataset.status = '';
    byId('run-status').textContent = '';
    byId('run-tables').tBodies[0].replaceChildren();
    showError(byId('run-error'), null);
    showError(runMessage, null);
  }

  function render(run) {
    panel.hidden = false;
    panel.dataset.status = run.status || '';
    byId('run-id').textContent = run.id || '';
    const status = byId('run-status');
    status.textContent = run.status || '';
    status.className = `status status-${run.status}`;
    byId('run-what').textContent = describeWork(run);
    byId('run-wait').textContent = run.status === 'queued' ? 'waiting for a free place (the maxRuns setting: runs at once)' : '';

    const body = byId('run-tables').tBodies[0];
    const tables = run.tables && typeof run.tables === 'object' ? Object.entries(run.tables) : [];
    if (tables.length === 0) {
      body.replaceChildren(el('tr', null, el('td', { colspan: 3, class: 'empty',
        text: isEnded(run.status) ? 'no table progress was recorded' : 'no table started yet' })));
    } else {
      body.replaceChildren(...tables.map(([name, t]) => {
        const expected = Number(t && t.expected);
        const written = Number(t && t.written) || 0;
        const known = Number.isFinite(expected) && expected >= 0;
        let bar = '';
        if (known && expected > 0) {
          const pct = Math.min(100, Math.floor((written / expected) * 100));
          bar = el('span', null,
            el('progress', { class: 'bar', max: expected, value: Math.min(written, expected), 'aria-label': `${name} progress` }),
            ` ${pct} %`);
        }
        return el('tr', { dataset: { table: name } },
          el('td', { text: name }),
          el('td', null, bar),
          el('td', { class: 'num', text: `${fmtNum(written)} / ${known ? fmtNum(expected) : '?'}` }));
      }));
    }

    byId('run-read').textContent = fmtNum(run.rowsRead || 0);
    byId('run-written').textContent = fmtNum(run.rowsWritten || 0);
    byId('run-rejected').textContent = fmtNum(run.rejected || 0);
    byId('run-seconds').textContent = run.seconds !== null && run.seconds !== undefined ? `in ${fmtDuration(run.seconds)}` : '';
    showError(byId('run-error'), run.error ? new Error(run.error) : null);

    const active = run.status === 'queued' || run.status === 'running';
    cancelButton.hidden = !active;
    if (!active) {
      cancelButton.disabled = false;
      cancelButton.textContent = 'Cancel run';
    }

    const id = encodeURIComponent(run.id);
    const report = byId('run-report');
    report.hidden = !(run.report || run.status === 'done');
    report.href = `/api/runs/${id}/report`;
    const rejects = byId('run-rejects');
    rejects.hidden = !(Number(run.rejected) > 0 && isEnded(run.status));
    rejects.href = `/api/runs/${id}/rejects`;

    update(run);
  }

  function stopWatching() {
    if (!watching) return;
    if (watching.source) watching.source.close();
    if (watching.timer) clearTimeout(watching.timer);
    watching.ended = true;
    watching = null;
  }

  /** Shows a run's state unless it is stale (the panel moved on, or the run already ended there). */
  function apply(w, run) {
    if (w !== watching || !run) return;
    if (w.ended && !isEnded(run.status)) return;
    render(run);
    if (isEnded(run.status)) {
      w.ended = true;
      if (w.source) {
        w.source.close();
        w.source = null;
      }
      if (w.timer) {
        clearTimeout(w.timer);
        w.timer = null;
      }
    }
  }

  function poll(w) {
    if (w !== watching || w.ended) return;
    w.timer = setTimeout(async () => {
      w.timer = null;
      if (w !== watching || w.ended) return;
      try {
        apply(w, await api('GET', `/api/runs/${encodeURIComponent(w.id)}`));
        if (w === watching) showError(runMessage, null);
      } catch (e) {
        if (w === watching) showError(runMessage, e);
        if (e.status === 404) {
          saveMine(mine().filter((x) => x.id !== w.id));
          renderMine();
          return;
        }
      }
      poll(w);
    }, 1000);
  }

  function watch(id, first) {
    stopWatching();
    const w = { id, source: null, timer: null, ended: false };
    watching = w;
    showError(runMessage, null);
    render(first || { id, status: 'queued', tables: {} });
    renderMine();

    api('GET', `/api/runs/${encodeURIComponent(id)}`)
      .then((run) => apply(w, run))
      .catch((e) => { if (w === watching) showError(runMessage, e); });

    if (typeof EventSource === 'undefined') {
      poll(w);
      return;
    }
    const source = new EventSource(`/api/runs/${encodeURIComponent(id)}/events`, { withCredentials: true });
    w.source = source;
    const onEvent = (event) => {
      let run;
      try {
        run = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      apply(w, run);
    };
    source.addEventListener('progress', onEvent);
    source.addEventListener('end', (event) => {
      onEvent(event);
      source.close();
      if (w.source === source) w.source = null;
      if (w === watching && !w.ended) {
        // an end without a final state we could read: ask once more
        poll(w);
      }
    });
    source.onerror = () => {
      source.close();
      if (w.source === source) w.source = null;
      if (w === watching && !w.ended && !w.timer) poll(w);
    };
  }

  // ---- actions ----

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    showError(formError, null);
    let body;
    try {
      body = fields.body();
    } catch (e) {
      showError(formError, e);
      return;
    }
    clearPanel();
    startButton.disabled = true;
    try {
      const answer = await api('POST', '/api/migrate', body);
      if (!answer || !answer.id) throw new Error('the server started no run (no id in its answer)');
      const first = {
        id: answer.id, status: 'queued', tables: {},
        source: body.source, destination: body.destination, targetTable: body.target_table, script: body.script,
      };
      remember(first);
      watch(answer.id, first);
    } catch (e) {
      showError(formError, e);
    } finally {
      startButton.disabled = false;
    }
  });

  cancelButton.addEventListener('click', async () => {
    if (!watching) return;
    const w = watching;
    showError(runMessage, null);
    cancelButton.disabled = true;
    cancelButton.textContent = 'Cancelling…';
    try {
      const run = await api('POST', `/api/runs/${encodeURIComponent(w.id)}/cancel`);
      if (run && run.id) apply(w, run);
      if (w === watching && !w.ended && !w.source && !w.timer) poll(w);
    } catch (e) {
      if (w === watching) {
        showError(runMessage, e);
        cancelButton.disabled = false;
        cancelButton.textContent = 'Cancel run';
        // 409: it ended meanwhile; show how
        api('GET', `/api/runs/${encodeURIComponent(w.id)}`).then((run) => apply(w, run)).catch(() => {});
      }
    }
  });

  // ---- start ----

  fields.loadConnections().catch((e) => showError(formError, e));
  fields.loadDefaults();
  renderMine();
  // follow the latest run of this tab again when it has not ended (e.g. after visiting another page)
  const latest = mine()[0];
  if (latest && !isEnded(latest.status)) {
    watch(latest.id, { id: latest.id, status: latest.status, tables: {} });
  }
  refreshMine();
  setInterval(() => {
    if (mine().some((r) => !isEnded(r.status) && !(watching && watching.id === r.id))) refreshMine();
  }, 3000);
})();
