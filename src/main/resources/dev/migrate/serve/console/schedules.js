/* Schedules page: the list (reloaded every 5 s), a form for a one-time or cron schedule, delete. */
'use strict';

(() => {
  const fields = migrationFields('sched');
  const form = byId('sched-form');
  const timeInput = byId('sched-time');
  const cronInput = byId('sched-cron');
  const saveButton = byId('sched-save');
  const formError = byId('sched-error');
  const saved = byId('sched-saved');
  const table = byId('schedules');
  const listError = byId('sched-list-error');

  // ---- when: a time or a cron, never both ----

  /** A Date as the value of a datetime-local input with seconds: yyyy-MM-ddTHH:mm:ss (local time). */
  function localValue(d) {
    return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}T${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
  }

  function setTime(msFromNow) {
    timeInput.value = localValue(new Date(Date.now() + msFromNow));
    cronInput.value = '';
  }

  timeInput.addEventListener('input', () => { if (timeInput.value) cronInput.value = ''; });
  timeInput.addEventListener('change', () => { if (timeInput.value) cronInput.value = ''; });
  cronInput.addEventListener('input', () => { if (cronInput.value.trim()) timeInput.value = ''; });
  byId('sched-now').addEventListener('click', () => setTime(5000));
  byId('sched-15m').addEventListener('click', () => setTime(15 * 60 * 1000));
  byId('sched-1h').addEventListener('click', () => setTime(60 * 60 * 1000));
  byId('sched-daily').addEventListener('click', () => {
    cronInput.value = '0 0 2 * * ?';
    timeInput.value = '';
  });

  /** The datetime-local value with seconds (`2026-11-21T02:00` → `2026-11-21T02:00:00`). */
  function scheduleTime(value) {
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00` : value;
  }

  // ---- the list ----

  function whenText(s) {
    if (s.cron) return `cron ${s.cron}`;
    if (s.schedule_time) return `once at ${fmtTime(s.schedule_time)}`;
    return '';
  }

  async function load() {
    let list;
    try {
      list = (await api('GET', '/api/schedule')) || [];
      showError(listError, null);
    } catch (e) {
      showError(listError, e);
      return;
    }
    const body = table.tBodies[0];
    if (list.length === 0) {
      body.replaceChildren(el('tr', { class: 'placeholder' },
        el('td', { colspan: 6, class: 'empty', text: 'Nothing scheduled.' })));
      return;
    }
    body.replaceChildren(...list.map((s) => el('tr', { dataset: { id: s.id } },
      el('td', { class: 'nowrap', text: whenText(s) }),
      el('td', { class: 'nowrap', text: s.next_run ? fmtTime(s.next_run) : '—' }),
      el('td', { class: 'nowrap', text: s.previous_run ? fmtTime(s.previous_run) : '—' }),
      el('td', { title: s.query || null, text: describeWork(s) }),
      el('td', { text: s.created_by || '' }),
      el('td', null, el('button', { type: 'button', class: 'delete small danger', text: 'Delete', onclick: () => remove(s) })))));
  }

  async function remove(s) {
    if (!window.confirm(`Delete the schedule "${whenText(s)}: ${describeWork(s)}"?`)) return;
    try {
      await api('DELETE', `/api/schedule/${encodeURIComponent(s.id)}`);
      showError(listError, null);
    } catch (e) {
      showError(listError, e);
    }
    await load();
  }

  // ---- the form ----

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    showError(formError, null);
    saved.textContent = '';
    let body;
    try {
      body = fields.body();
      if (timeInput.validity && timeInput.validity.badInput) {
        throw new Error('schedule_time: not a complete date and time');
      }
      const time = timeInput.value.trim();
      const cron = cronInput.value.trim();
      if (time && cron) throw new Error('when: a time or a cron expression, not both');
      if (!time && !cron) throw new Error('when: choose a time (Once, at) or a cron expression');
      if (time) body.schedule_time = scheduleTime(time);
      else body.cron = cron;
    } catch (e) {
      showError(formError, e);
      return;
    }
    saveButton.disabled = true;
    try {
      const answer = await api('POST', '/api/schedule', body);
      saved.textContent = answer && answer.next_run
        ? `Scheduled; next run ${fmtTime(answer.next_run)}.`
        : 'Scheduled.';
      timeInput.value = '';
      cronInput.value = '';
      await load();
    } catch (e) {
      showError(formError, e);
    } finally {
      saveButton.disabled = false;
    }
  });

  fields.loadConnections().catch((e) => showError(formError, e));
  fields.loadDefaults();
  load();
  setInterval(load, 5000);
})();
