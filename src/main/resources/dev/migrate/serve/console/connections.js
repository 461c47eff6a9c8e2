/* Connections page: list, add, edit (PUT), delete, test. Passwords are never shown nor filled in. */
'use strict';

(() => {
  const table = byId('connections');
  const listError = byId('conn-list-error');
  const form = byId('conn-form');
  const title = byId('conn-form-title');
  const nameInput = byId('conn-name');
  const urlInput = byId('conn-url');
  const userInput = byId('conn-user');
  const passwordInput = byId('conn-password');
  const propertiesInput = byId('conn-properties');
  const saveButton = byId('conn-save');
  const cancelButton = byId('conn-cancel');
  const formError = byId('conn-error');
  const saved = byId('conn-saved');

  let editing = null; // the name of the connection being edited, or null for a new one
  let connections = [];
  const testResults = new Map(); // name → { ok, text } kept across reloads of the list

  // ---- the list ----

  function propertiesCell(properties) {
    const entries = properties && typeof properties === 'object' ? Object.entries(properties) : [];
    if (entries.length === 0) return el('td', { class: 'hint', text: '' });
    return el('td', { class: 'wrap' },
      el('ul', { class: 'props' }, entries.map(([k, v]) => el('li', { class: 'mono', text: `${k}=${v}` }))));
  }

  function row(c) {
    const result = el('td', { class: 'test-result' });
    const known = testResults.get(c.name);
    if (known) {
      result.textContent = known.text;
      result.classList.add(known.ok ? 'ok' : 'fail');
    }
    return el('tr', { dataset: { name: c.name } },
      el('td', { class: 'nowrap', text: c.name }),
      el('td', { class: 'wrap mono', text: c.url || '' }),
      el('td', { text: c.user || '' }),
      el('td', { class: 'nowrap', text: c.password ? '********' : 'none' }),
      propertiesCell(c.properties),
      el('td', { class: 'nowrap' },
        el('span', { class: 'actions' },
          el('button', { type: 'button', class: 'test small', text: 'Test', onclick: () => test(c.name, result) }),
          el('button', { type: 'button', class: 'edit small', text: 'Edit', onclick: () => edit(c.name) }),
          el('button', { type: 'button', class: 'delete small danger', text: 'Delete', onclick: () => remove(c.name) }))),
      result);
  }

  async function load() {
    try {
      connections = (await api('GET', '/api/connections')) || [];
      showError(listError, null);
    } catch (e) {
      showError(listError, e);
      return;
    }
    const body = table.tBodies[0];
    if (connections.length === 0) {
      body.replaceChildren(el('tr', { class: 'placeholder' },
        el('td', { colspan: 7, class: 'empty', text: 'No saved connections yet: add one with the form below.' })));
    } else {
      body.replaceChildren(...connections.map(row));
    }
  }

  async function test(name, cell) {
    cell.className = 'test-result';
    cell.textContent = 'testing…';
    const button = cell.parentElement ? cell.parentElement.querySelector('button.test') : null;
    if (button) button.disabled = true;
    let result;
    try {
      const answer = await api('POST', `/api/connections/${encodeURIComponent(name)}/test`);
      result = answer && answer.ok
        ? { ok: true, text: `✓ ${answer.database || 'connected'}` }
        : { ok: false, text: `✗ ${(answer && answer.reason) || 'no reason given'}` };
    } catch (e) {
      result = { ok: false, text: `✗ ${e.message}` };
    } finally {
      if (button) button.disabled = false;
    }
    testResults.set(name, result);
    cell.textContent = result.text;
    cell.classList.add(result.ok ? 'ok' : 'fail');
  }

  async function remove(name) {
    if (!window.confirm(`Delete the connection "${name}"? Schedules and scripts that name it will fail.`)) return;
    try {
      await api('DELETE', `/api/connections/${encodeURIComponent(name)}`);
      showError(listError, null);
      testResults.delete(name);
      if (editing === name) reset();
    } catch (e) {
      showError(listError, e);
    }
    await load();
  }

  // ---- the form ----

  function propertiesText(properties) {
    return properties && typeof properties === 'object'
      ? Object.entries(properties).map(([k, v]) => `${k}=${v}`).join('\n')
      : '';
  }

  /** `key=value` lines as an object; blank lines and lines starting with # are skipped. */
  function parseProperties(text) {
    const properties = {};
    text.split(/\r?\n/).forEach((line, i) => {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) return;
      const eq = trimmed.indexOf('=');
      if (eq <= 0) {
        throw new Error(`properties: line ${i + 1} is not key=value: ${trimmed}`);
      }
      properties[trimmed.slice(0, eq).trim()] = trimmed.slice(eq + 1).trim();
    });
    return properties;
  }

  function reset() {
    editing = null;
    form.reset();
    nameInput.readOnly = false;
    passwordInput.placeholder = '';
    title.textContent = 'New connection';
    saveButton.textContent = 'Save';
    cancelButton.hidden = true;
    showError(formError, null);
  }

  function edit(name) {
    const c = connections.find((x) => x.name === name);
    if (!c) return;
    editing = name;
    showError(formError, null);
    saved.textContent = '';
    nameInput.value = c.name;
    nameInput.readOnly = true;
    urlInput.value = c.url || '';
    userInput.value = c.user || '';
    passwordInput.value = '';
    passwordInput.placeholder = c.password ? '******** (unchanged)' : '';
    propertiesInput.value = propertiesText(c.properties);
    title.textContent = `Edit connection ${c.name}`;
    saveButton.textContent = 'Save changes';
    cancelButton.hidden = false;
    form.scrollIntoView({ behavior: 'smooth', block: 'start' });
    urlInput.focus({ preventScroll: true });
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    showError(formError, null);
    saved.textContent = '';
    let properties;
    try {
      properties = parseProperties(propertiesInput.value);
    } catch (e) {
      showError(formError, e);
      return;
    }
    const body = {
      url: urlInput.value.trim(),
      user: userInput.value.trim() === '' ? null : userInput.value.trim(),
      properties,
    };
    if (passwordInput.value !== '') body.password = passwordInput.value;
    saveButton.disabled = true;
    try {
      let answer;
      if (editing) {
        answer = await api('PUT', `/api/connections/${encodeURIComponent(editing)}`, body);
      } else {
        answer = await api('POST', '/api/connections', { name: nameInput.value.trim(), ...body });
      }
      const name = (answer && answer.name) || editing || nameInput.value.trim();
      testResults.delete(name);
      reset();
      saved.textContent = `Saved ${name}.`;
      await load();
    } catch (e) {
      showError(formError, e);
    } finally {
      saveButton.disabled = false;
    }
  });

  cancelButton.addEventListener('click', () => {
    reset();
    saved.textContent = '';
  });

  load();
})();
