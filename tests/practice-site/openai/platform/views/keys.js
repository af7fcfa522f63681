// The API keys page: table of keys and the "+ Create new secret key" button.
// Test knobs: ?delay=MS draws the button MS ms late; ?missing=create-button never draws it;
// ?open=create opens the create-key dialog at once (&permissions=restricted
// chooses Restricted), ?open=save goes straight to "Save your key";
// ?remount=MS replaces the button with an identical new one after MS ms, the
// way a framework re-mounts a screen.
import { h } from '../dom.js';
import { getState } from '../state.js';
import * as variant from '../variant.js';
import { openCreateKeyDialog } from './create-key-dialog.js';
import { settingsLayout } from './settings.js';

const COLUMNS = ['NAME', 'SECRET KEY', 'CREATED', 'LAST USED', 'PROJECT ACCESS', 'CREATED BY', 'PERMISSIONS'];

function keyRow(row) {
  return h('tr', {},
    h('td', {}, row.name),
    h('td', { class: 'mono' }, row.masked),
    h('td', {}, row.created),
    h('td', {}, row.lastUsed),
    h('td', {}, row.project),
    h('td', {}, row.createdBy),
    h('td', {}, row.permissions));
}

function createButton(onCreated, mark = variant.intended('create-secret-key')) {
  const button = h('button', {
    type: 'button', class: 'primary create-key', 'aria-haspopup': 'dialog', ...mark,
  }, h('span', { class: 'plus', 'aria-hidden': 'true' }, '+'), ' Create new secret key');
  button.addEventListener('click', () => openCreateKeyDialog({ opener: button, onCreated }));
  return button;
}

export function keysView(url) {
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
      h('thead', {}, h('tr', {}, COLUMNS.map((c) => h('th', { scope: 'col' }, c)))),
      tbody));

  const params = url.searchParams;
  const mounted = () => {
    if (params.get('missing') === 'create-button') return;
    const delay = Math.max(0, Number(params.get('delay')) || 0);
    const show = () => {
      if (!slot.isConnected) return;
      const button = createButton(onCreated);
      slot.append(button);
      const remount = Number(params.get('remount')) || 0;
      if (remount) setTimeout(() => { if (slot.isConnected) slot.replaceChildren(createButton(onCreated)); }, remount);
      const open = params.get('open');
      if (open) {
        openCreateKeyDialog({
          opener: button, onCreated, preset: { permissions: params.get('permissions'), save: open === 'save' },
        });
      }
    };
    if (delay) setTimeout(show, delay); else show();
  };
  return { title: 'API keys', node, mounted };
}
