/* Settings page: batch size, parallelism, maxRuns, what to do with missed schedules; maxRuns in effect now. */
'use strict';

(() => {
  const form = byId('settings-form');
  const inputs = {
    batchSize: byId('set-batchSize'),
    parallelism: byId('set-parallelism'),
    maxRuns: byId('set-maxRuns'),
  };
  const missed = byId('set-missedRuns');
  const saveButton = byId('set-save');
  const saved = byId('set-saved');
  const errorLine = byId('set-error');
  const effective = byId('set-effective');
  const activity = byId('set-activity');

  let savedMaxRuns = null;

  function fill(settings) {
    if (!settings) return;
    for (const [name, input] of Object.entries(inputs)) {
      if (settings[name] !== undefined && settings[name] !== null) input.value = String(settings[name]);
    }
    if (settings.missedRuns === 'once' || settings.missedRuns === 'skip') missed.value = settings.missedRuns;
    if (settings.maxRuns !== undefined) savedMaxRuns = Number(settings.maxRuns);
  }

  async function loadStatus() {
    let status;
    try {
      status = await api('GET', '/api/status');
    } catch (e) {
      return; // only a hint
    }
    if (!status) return;
    const now = Number(status.maxRuns);
    if (Number.isFinite(now) && savedMaxRuns !== null && now !== savedMaxRuns) {
      effective.textContent = `In effect now: ${fmtNum(now)} runs at once (the saved ${fmtNum(savedMaxRuns)} takes effect when the server next starts).`;
      effective.hidden = false;
    } else {
      effective.textContent = '';
      effective.hidden = true;
    }
    const parts = [];
    if (status.running !== undefined) parts.push(`${fmtNum(status.running)} running`);
    if (status.queued !== undefined) parts.push(`${fmtNum(status.queued)} queued`);
    activity.textContent = parts.length ? `Now: ${parts.join(', ')}.` : '';
  }

  async function load() {
    try {
      fill(await api('GET', '/api/settings'));
      showError(errorLine, null);
    } catch (e) {
      showError(errorLine, e);
    }
    await loadStatus();
  }

  form.addEventListener('input', () => { saved.hidden = true; });
  form.addEventListener('change', () => { saved.hidden = true; });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    showError(errorLine, null);
    saved.hidden = true;
    const body = {};
    try {
      for (const [name, input] of Object.entries(inputs)) {
        const n = numberField(input, name);
        if (n !== undefined) body[name] = n;
      }
    } catch (e) {
      showError(errorLine, e);
      return;
    }
    body.missedRuns = missed.value;
    saveButton.disabled = true;
    try {
      fill(await api('POST', '/api/settings', body));
      saved.hidden = false;
      await loadStatus();
    } catch (e) {
      showError(errorLine, e);
    } finally {
      saveButton.disabled = false;
    }
  });

  load();
})();
