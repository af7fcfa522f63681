// The API keys page of the 2025 layout: table of keys with a trash icon per
// row (revoking asks "Revoke secret key" first) and the "+ Create new secret
// key" button.
// Test knobs (both layouts, see mountCreateButton): ?delay=MS draws the
// button MS ms late; ?missing=create-button never draws it; ?open=create
// opens the create-key dialog at once (&permissions=restricted chooses
// Restricted), ?open=save goes straight to "Save your key"; ?remount=MS
// replaces the button with an identical new one after MS ms, the way a
// framework re-mounts a screen. 2025 only: ?history=1 adds the earlier keys
// (state.js) to the table.
import { h } from '../dom.js';
import { addEarlierKeys, getState, removeKeyRow } from '../state.js';
import * as variant from '../variant.js';
import { confirmRemoval } from './confirm-dialog.js';
import { openCreateKeyDialog } from './create-key-dialog.js';
import { settingsLayout } from './settings.js';

const COLUMNS = ['NAME', 'SECRET KEY', 'CREATED', 'LAST USED', 'PROJECT ACCESS', 'CREATED BY', 'PERMISSIONS'];

// The revoke column is built with plain DOM calls, outside h(): a seeded
// redesign (variant.js) draws from one random stream as the page is built,
// and the older page's redesigns should stay the pages they have been.
function plain(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  el.append(...children);
  return el;
}

function revokeButton(row, tr) {
  const button = plain('button', {
    type: 'button', class: 'icon-button', 'aria-label': 'Revoke secret key', title: 'Revoke secret key',
  }, plain('span', { class: 'trash-icon', 'aria-hidden': 'true' }));
  button.addEventListener('click', () => confirmRemoval({
    opener: button,
    title: 'Revoke secret key',
    text: `The key "${row.name}" (${row.masked}) stops working at once, for every app that uses it. This cannot be undone.`,
    confirm: 'Revoke key',
    onConfirm() {
      removeKeyRow(row.id);
      tr.remove();
    },
  }));
  return button;
}

function keyRow(row) {
  const tr = h('tr', {},
    h('td', {}, row.name),
    h('td', { class: 'mono' }, row.masked),
    h('td', {}, row.created),
    h('td', {}, row.lastUsed),
    h('td', {}, row.project),
    h('td', {}, row.createdBy),
    h('td', {}, row.permissions));
  tr.append(plain('td', {}, revokeButton(row, tr)));
  return tr;
}

function createButton(onCreated, mark = variant.intended('create-secret-key')) {
  const button = h('button', {
    type: 'button', class: 'primary create-key', 'aria-haspopup': 'dialog', ...mark,
  }, h('span', { class: 'plus', 'aria-hidden': 'true' }, '+'), ' Create new secret key');
  button.addEventListener('click', () => openCreateKeyDialog({ opener: button, onCreated }));
  return button;
}

/**
 * Draws the create button into `slot` once the page is mounted, as the
 * test knobs in the URL ask. `makeButton()` builds one; `open(button, preset)`
 * opens the create-key dialog from it.
 */
export function mountCreateButton({ slot, params, makeButton, open }) {
  if (params.get('missing') === 'create-button') return;
  const delay = Math.max(0, Number(params.get('delay')) || 0);
  const show = () => {
    if (!slot.isConnected) return;
    const button = makeButton();
    slot.append(button);
    const remount = Number(params.get('remount')) || 0;
    if (remount) setTimeout(() => { if (slot.isConnected) slot.replaceChildren(makeButton()); }, remount);
    const asked = params.get('open');
    if (asked) open(button, { permissions: params.get('permissions'), save: asked === 'save', mixed: params.get('mixed') === '1' });
  };
  if (delay) setTimeout(show, delay); else show();
}

export function keysView(url) {
  const params = url.searchParams;
  if (params.get('history') === '1') addEarlierKeys();
  const tbody = h('tbody', {}, getState().keys.map(keyRow));
  const slot = h('div', { class: 'header-actions' });
  const onCreated = (row) => tbody.append(keyRow(row));

  const header = variant.is('reordered') ? [slot, h('h1', {}, 'API keys')] : [h('h1', {}, 'API keys'), slot];
  // A person could not tell these two apart either: the same button twice,
  // nothing saying what each is for.
  const twin = variant.is('ambiguous') ? h('div', { class: 'header-actions' }, createButton(onCreated, {})) : null;
  const node = settingsLayout(url.pathname.replace(/\/$/, ''),
    h('div', { class: 'page-header' }, ...header,
      variant.is('decoys') ? h('button', { type: 'button' }, 'Create new project') : null),
    twin,
    h('p', { class: 'note' },
      'Keys let your apps call the API on behalf of this project. Keep them private: anyone holding one can spend your credits.'),
    h('table', { class: 'keys' },
      h('thead', {}, h('tr', {},
        COLUMNS.map((c) => h('th', { scope: 'col' }, c)),
        plain('th', { scope: 'col' }, plain('span', { class: 'visually-hidden' }, 'Actions')))),
      tbody));

  const mounted = () => mountCreateButton({
    slot,
    params,
    makeButton: () => createButton(onCreated),
    open: (button, preset) => openCreateKeyDialog({ opener: button, onCreated, preset }),
  });
  return { title: 'API keys', node, mounted };
}
