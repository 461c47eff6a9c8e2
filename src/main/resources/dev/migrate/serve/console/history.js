/* History page: the runs, newest first, filtered by status and text; reloaded every 5 s. */
'use strict';

(() => {
  const statusSelect = byId('history-status');
  const filterInput = byId('history-filter');
  const table = byId('history');
  const errorLine = byId('history-error');
  const updated = byId('history-updated');
  const LIMIT = 200;

  let sequence = 0; // answers of older requests are dropped
  let debounce = null;

  /** Whether a run matches the filter text in any of the fields the filter names (case-insensitive). */
  function matches(run, text) {
    if (!text) return true;
    const needle = text.toLowerCase();
    return [run.source, run.destination, run.targetTable ?? run.target_table, run.query, run.script, run.startedBy, run.trigger]
      .some((v) => v !== null && v !== undefined && String(v).toLowerCase().includes(needle));
  }

  function row(run) {
    const id = encodeURIComponent(run.id);
    const links = el('td', { class: 'nowrap' });
    if (run.report || run.status === 'done') {
      links.append(el('a', { href: `/api/runs/${id}/report`, target: '_blank', rel: 'noopener', text: 'report' }));
    }
    if (Number(run.rejected) > 0) {
      if (links.childNodes.length) links.append(' ');
      links.append(el('a', { href: `/api/runs/${id}/rejects`, target: '_blank', rel: 'noopener', text: 'rejects' }));
    }
    const who = el('td', { class: 'nowrap' }, run.trigger || '');
    if (run.startedBy && run.startedBy !== run.trigger) {
      who.append(run.trigger ? ' · ' : '', el('span', { text: run.startedBy }));
    }
    const target = run.targetTable ?? run.target_table;
    const what = el('td', { class: 'wrap', title: run.query || null },
      run.script ? el('span', null, 'script ', el('code', { text: run.script })) : (target || ''));
    const status = el('td', { class: 'nowrap' }, statusBadge(run.status));
    const started = el('td', { class: 'nowrap', text: fmtTime(run.started) });
    const extra = [];
    if (run.error) extra.push(el('div', { class: 'note error', text: run.error }));
    if (run.note) extra.push(el('div', { class: 'note', text: run.note }));
    // the note and the error go under what ran, in a smaller font
    what.append(...extra);
    return el('tr', { dataset: { id: run.id, status: run.status || '' } },
      started,
      who,
      el('td', { text: run.source || '' }),
      el('td', { text: run.destination || '' }),
      what,
      el('td', { class: 'num', text: fmtNum(run.rowsRead ?? 0) }),
      el('td', { class: 'num', text: fmtNum(run.rowsWritten ?? 0) }),
      el('td', { class: 'num', text: fmtNum(run.rejected ?? 0) }),
      status,
      el('td', { class: 'num', text: fmtDuration(run.seconds) }),
      links);
  }

  async function load() {
    const mine = ++sequence;
    const status = statusSelect.value;
    const text = filterInput.value.trim();
    const params = new URLSearchParams();
    if (status) params.set('status', status);
    if (text) params.set('q', text);
    params.set('limit', String(LIMIT));
    let runs;
    try {
      runs = (await api('GET', `/api/history?${params}`)) || [];
    } catch (e) {
      if (mine === sequence) showError(errorLine, e);
      return;
    }
    if (mine !== sequence) return;
    showError(errorLine, null);
    // the server filters too; this keeps the table right whatever it matched
    const shown = runs.filter((r) => (!status || r.status === status) && matches(r, text));
    const body = table.tBodies[0];
    if (shown.length === 0) {
      body.replaceChildren(el('tr', { class: 'placeholder' },
        el('td', { colspan: 11, class: 'empty', text: status || text ? 'No run matches.' : 'No runs yet.' })));
    } else {
      body.replaceChildren(...shown.map(row));
    }
    updated.textContent = `updated ${fmtDate(new Date()).slice(11)}`;
  }

  statusSelect.addEventListener('change', load);
  filterInput.addEventListener('input', () => {
    clearTimeout(debounce);
    debounce = setTimeout(load, 250);
  });
  filterInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      clearTimeout(debounce);
      load();
    }
  });
  byId('history-refresh').addEventListener('click', load);

  load();
  setInterval(load, 5000);
})();
