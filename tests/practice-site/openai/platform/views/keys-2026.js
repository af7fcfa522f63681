// The API keys page of the 2026 layout (/api-keys, reached from the
// sidebar): "API key security guidance", "Create new secret key", a search
// field, "Add filter", "N results" and a table with Edit and Delete per row.
// Delete asks for a confirmation first. Each key's expiry, when one was
// chosen, shows under its status. Same test knobs as keys.js, plus the key
// policies of layout.js for the create-key dialog.
import { h, uid } from '../dom.js';
import { getState, removeKeyRow, renameKeyRow } from '../state.js';
import * as variant from '../variant.js';
import { confirmRemoval } from './confirm-dialog.js';
import { openCreateKeyDialog2026 } from './create-key-dialog-2026.js';
import { mountCreateButton } from './keys.js';
import { createModal } from './modal.js';

const COLUMNS = ['Name', 'Status', 'Tracking ID', 'Secret Key', 'Created', 'Last used', 'Created by', 'Permissions',
  'Monthly spend', 'Actions'];

function openEdit({ opener, row, onRenamed }) {
  const modal = createModal({ opener, title: 'Edit secret key' });
  const id = uid('name');
  const name = h('input', { id, type: 'text', value: row.name, autocomplete: 'off' });
  modal.body.append(h('form', {
    onsubmit(event) {
      event.preventDefault();
      const next = name.value.trim() || row.name;
      renameKeyRow(row.id, next);
      onRenamed(next);
      modal.close();
    },
  },
  h('div', { class: 'field' }, h('label', { for: id }, 'Name'), name),
  h('div', { class: 'actions end' },
    h('button', { type: 'button', onclick: () => modal.close() }, 'Cancel'),
    h('button', { type: 'submit', class: 'primary' }, 'Save'))));
  modal.show();
  name.focus();
}

function createButton(onCreated, mark = variant.intended('create-secret-key')) {
  const button = h('button', { type: 'button', class: 'primary create-key', 'aria-haspopup': 'dialog', ...mark },
    'Create new secret key');
  button.addEventListener('click', () => openCreateKeyDialog2026({ opener: button, onCreated }));
  return button;
}

export function keys2026View(url) {
  const tbody = h('tbody', {});
  const count = h('span', { class: 'count', 'aria-live': 'polite' });
  const search = h('input', {
    type: 'search', 'aria-label': 'Search API keys', placeholder: 'Search API keys', autocomplete: 'off',
  });

  function refreshCount() {
    const shown = [...tbody.rows].filter((tr) => !tr.hidden).length;
    count.textContent = `${shown} ${shown === 1 ? 'result' : 'results'}`;
  }

  function applySearch() {
    const wanted = search.value.trim().toLowerCase();
    for (const tr of tbody.rows) tr.hidden = Boolean(wanted) && !tr.dataset.name.toLowerCase().includes(wanted);
    refreshCount();
  }

  function keyRow(row) {
    const nameCell = h('td', {}, row.name);
    const edit = h('button', { type: 'button', class: 'small' }, 'Edit');
    const remove = h('button', { type: 'button', class: 'small' }, 'Delete');
    const tr = h('tr', { 'data-name': row.name },
      nameCell,
      h('td', {}, h('span', { class: 'badge-active' }, 'Active'),
        row.expires ? h('span', { class: 'expires' }, `Expires ${row.expires}`) : null),
      h('td', { class: 'mono' }, row.id),
      h('td', { class: 'mono' }, row.masked),
      h('td', {}, row.created),
      h('td', {}, row.lastUsed),
      h('td', {}, row.createdBy),
      h('td', {}, row.permissions),
      h('td', {}, row.spend ?? '$0.00'),
      h('td', { class: 'row-actions' }, edit, remove));
    edit.addEventListener('click', () => openEdit({
      opener: edit,
      row,
      onRenamed(name) {
        row.name = name;
        nameCell.textContent = name;
        tr.dataset.name = name;
      },
    }));
    remove.addEventListener('click', () => confirmRemoval({
      opener: remove,
      title: 'Delete secret key',
      text: `Delete "${row.name}" (${row.masked})? Apps that use it stop working at once. This cannot be undone.`,
      confirm: 'Delete key',
      onConfirm() {
        removeKeyRow(row.id);
        tr.remove();
        refreshCount();
      },
    }));
    return tr;
  }

  tbody.append(...getState().keys.map(keyRow));
  search.addEventListener('input', applySearch);
  const onCreated = (row) => {
    tbody.append(keyRow(row));
    applySearch();
  };

  const guidance = h('div', { class: 'guidance', hidden: true, role: 'region', 'aria-label': 'API key security guidance' },
    h('p', {}, 'Give each app its own key, restrict what it may do, let it expire, and delete keys nobody uses.'));
  const guidanceButton = h('button', { type: 'button', 'aria-expanded': 'false' }, 'API key security guidance');
  guidanceButton.addEventListener('click', () => {
    guidance.hidden = !guidance.hidden;
    guidanceButton.setAttribute('aria-expanded', String(!guidance.hidden));
  });
  const slot = h('div', { class: 'header-actions' });
  // A person could not tell these two apart either.
  const twin = variant.is('ambiguous') ? h('div', { class: 'header-actions' }, createButton(onCreated, {})) : null;
  const heading = h('h1', {}, 'API keys');
  const node = h('div', { class: 'page keys-2026' },
    h('div', { class: 'page-header' },
      ...(variant.is('reordered') ? [slot, heading] : [heading]),
      h('div', { class: 'header-actions' }, guidanceButton, variant.is('reordered') ? null : slot,
        variant.is('decoys') ? h('button', { type: 'button' }, 'Create new project') : null)),
    twin,
    guidance,
    h('div', { class: 'toolbar' }, search, h('button', { type: 'button', 'aria-haspopup': 'menu' }, 'Add filter'), count),
    h('div', { class: 'table-scroll' },
      h('table', { class: 'keys' },
        h('thead', {}, h('tr', {}, COLUMNS.map((c) => h('th', { scope: 'col' }, c)))),
        tbody)));
  refreshCount();

  const mounted = () => mountCreateButton({
    slot,
    params: url.searchParams,
    makeButton: () => createButton(onCreated),
    open: (button, preset) => openCreateKeyDialog2026({ opener: button, onCreated, preset }),
  });
  return { title: 'API keys', node, mounted };
}
