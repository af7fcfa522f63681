// "Create new secret key" modal, rendered as a portal on document.body ~400 ms
// after the click, then turned into the "Save your key" modal.
import { today } from '../dates.js';
import { h, radioGroup, uid } from '../dom.js';
import { maskKey, newSecretKey, newTrackingId } from '../keygen.js';
import { addKeyRow } from '../state.js';
import * as variant from '../variant.js';
import { createModal, modalOpen } from './modal.js';
import { whatsNewCard } from './whats-new.js';

const OPEN_DELAY_MS = 400;
const CREATE_DELAY_MS = 300;

const RESOURCES = [
  ['Models', '/v1/models', ['None', 'Read']],
  ['Model capabilities', '/v1/chat/completions, /v1/embeddings, /v1/images, /v1/audio, /v1/moderations', ['None', 'Write']],
  ['Assistants', '/v1/assistants', ['None', 'Read', 'Write']],
  ['Threads', '/v1/threads', ['None', 'Read', 'Write']],
  ['Fine-tuning', '/v1/fine_tuning', ['None', 'Read', 'Write']],
  ['Files', '/v1/files', ['None', 'Read', 'Write']],
  ['Evals', '/v1/evals', ['None', 'Read', 'Write']],
  ['Responses', '/v1/responses', ['None', 'Read', 'Write']],
];

// `preset` (test knobs): {permissions: 'restricted'} chooses Restricted,
// {save: true} goes straight on to "Save your key"; either opens at once.
export function openCreateKeyDialog({ opener, onCreated, preset = {} }) {
  if (modalOpen() || opener.getAttribute('aria-busy') === 'true') return;
  opener.setAttribute('aria-busy', 'true');
  setTimeout(() => {
    opener.removeAttribute('aria-busy');
    if (opener.isConnected && !modalOpen()) buildDialog({ opener, onCreated, preset });
  }, (preset.permissions || preset.save ? 0 : OPEN_DELAY_MS) + variant.lateBy());
}

function buildDialog({ opener, onCreated, preset }) {
  let createdRow = null; // set once the key exists; added to the table on close
  const modal = createModal({
    opener,
    title: 'Create new secret key',
    // The swaps variant may use a native <dialog> opened with showModal().
    native: variant.is('swaps') && variant.chance(0.5),
    backdropCloses: () => !createdRow,
    onClose() {
      if (!createdRow) return;
      addKeyRow(createdRow);
      onCreated(createdRow);
      createdRow = null;
    },
  });
  const { title, body, close } = modal;

  // ---- step 1: the form ----------------------------------------------------
  const owner = radioGroup({
    legend: 'Owned by', name: 'owner', checked: 'you', className: 'radio-group segmented',
    options: [{ value: 'you', label: 'You' }, { value: 'service', label: 'Service account' }],
    onchange: () => update(),
  });
  const ownerHint = h('p', { class: 'hint' });

  const nameId = uid('name');
  const nameHintId = uid('hint');
  const nameInput = h('input', {
    id: nameId, type: 'text', placeholder: 'My Test Key', autocomplete: 'off', 'aria-describedby': nameHintId,
    ...variant.intended('configure-key'),
  });

  const projectId = uid('project');
  const project = h('select', { id: projectId },
    h('option', { value: 'default' }, 'Default project'),
    h('option', { value: 'innoslate' }, 'Innoslate integration'));

  const permissions = radioGroup({
    legend: 'Permissions', name: 'permissions', checked: 'all', className: 'radio-group segmented',
    options: [
      { value: 'all', label: 'All' }, { value: 'restricted', label: 'Restricted' }, { value: 'read_only', label: 'Read only' },
    ],
    onchange: () => update(),
  });
  // The ambiguous variant leaves the rows without their names: a person
  // could not tell which row's Read is the Models one either.
  const resources = variant.is('reordered') ? [RESOURCES[1], RESOURCES[0], ...RESOURCES.slice(2).reverse()] : RESOURCES;
  const restricted = h('div', { class: 'restricted', hidden: true },
    resources.map(([resource, endpoints, levels]) => {
      const group = radioGroup({
        legend: variant.is('ambiguous') ? null : resource,
        name: `perm-${resource.toLowerCase().replace(/[^a-z]+/g, '-')}`,
        checked: 'none',
        className: 'radio-group perm-row',
        options: levels.map((level) => ({ value: level.toLowerCase(), label: level })),
        marks: resource === 'Models' ? { read: variant.intended('restrict-permissions') } : {},
      });
      const endpointsNote = h('span', { class: 'endpoints' }, endpoints);
      const legend = group.fieldset.querySelector('legend');
      if (legend) legend.after(endpointsNote); else group.fieldset.prepend(endpointsNote);
      return group.fieldset;
    }));
  const permissionSection = h('div', { class: 'permission-section' }, permissions.fieldset, restricted);
  const serviceNote = h('p', { class: 'hint', hidden: true },
    'Keys for a service account have no permission settings here: they get the access of that service account.');

  function update() {
    const isService = owner.value() === 'service';
    ownerHint.textContent = isService
      ? 'A new bot member is added to the project and owns this key, so it keeps working if people leave.'
      : 'The key acts as you: if you are removed from the project, it stops working.';
    permissionSection.hidden = isService;
    serviceNote.hidden = !isService;
    restricted.hidden = permissions.value() !== 'restricted';
  }
  update();

  const submit = h('button', { type: 'submit', class: 'primary' }, 'Create secret key');
  const form = h('form', {
    onsubmit(event) {
      event.preventDefault();
      if (submit.disabled) return;
      submit.disabled = true;
      submit.setAttribute('aria-busy', 'true');
      setTimeout(showSecret, CREATE_DELAY_MS);
    },
  },
  owner.fieldset, ownerHint,
  ...(variant.is('reordered') ? (fields) => [fields[1], fields[0]] : (fields) => fields)([
    h('div', { class: 'field' },
      h('div', { class: 'label-row' }, h('label', { for: nameId }, 'Name'), h('span', { id: nameHintId, class: 'optional' }, 'Optional')),
      nameInput),
    h('div', { class: 'field' }, h('label', { for: projectId }, 'Project'), project)]),
  permissionSection, serviceNote,
  variant.is('decoys') ? h('button', { type: 'button' }, 'Create secret key template') : null,
  h('div', { class: 'actions end' },
    h('button', { type: 'button', onclick: close }, 'Cancel'),
    submit));
  body.append(form);

  // ---- step 2: "Save your key" --------------------------------------------
  function showSecret() {
    if (!modal.dialog.isConnected) return;
    const isService = owner.value() === 'service';
    const key = newSecretKey(isService ? 'svcacct' : 'proj');
    const perm = isService ? 'All' : { all: 'All', restricted: 'Restricted', read_only: 'Read only' }[permissions.value()];
    createdRow = {
      id: newTrackingId(),
      name: nameInput.value.trim() || 'Secret key',
      masked: maskKey(key),
      created: today(),
      lastUsed: 'Never',
      project: project.selectedOptions[0].textContent,
      createdBy: isService ? 'Service account' : 'You',
      permissions: perm,
      spend: '$0.00',
      expires: null,
    };

    const keyId = uid('key');
    // autocomplete=off: without it Chromium's session restore writes a text
    // field's value into the profile (Sessions/*), a leak of the page's own
    // making that the extension's disk check must not be confused by.
    const keyInput = h('input', {
      id: keyId, type: 'text', readonly: true, value: key, class: 'mono', spellcheck: 'false', autocomplete: 'off',
      'data-testid': 'secret-key-value', ...variant.intended('save-your-key'),
    });
    const status = h('span', { role: 'status', class: 'status' });
    const copy = h('button', {
      type: 'button',
      onclick() {
        Promise.resolve()
          .then(() => navigator.clipboard.writeText(keyInput.value))
          .then(() => { status.textContent = 'Copied'; })
          .catch(() => { status.textContent = 'Copy failed'; });
      },
    }, 'Copy');

    title.textContent = variant.words('Save your key');
    body.replaceChildren(
      h('p', {}, 'This is the only time the full key is shown. Store it somewhere safe now; '
        + 'if it is lost, revoke it and create a new one.'),
      h('label', { for: keyId, class: 'visually-hidden' }, 'Secret key'),
      h('div', { class: 'key-row' }, keyInput, copy, variant.is('decoys') ? h('button', { type: 'button' }, 'Copy link') : null),
      status,
      h('p', { class: 'hint' }, `Permissions: ${perm}`),
      h('div', { class: 'actions end' }, h('button', { type: 'button', class: 'primary', onclick: close }, 'Done')));
    variant.finish(body);
    copy.focus();
  }

  modal.show();
  if (variant.is('second-dialog')) document.body.append(whatsNewCard());
  if (preset.permissions) {
    permissions.choose(preset.permissions);
    update();
  }
  if (preset.save) showSecret();
  owner.fieldset.querySelector('input:checked')?.focus();
}
