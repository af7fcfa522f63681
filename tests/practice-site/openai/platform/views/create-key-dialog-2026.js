// The 2026 "Create new secret key" dialog, turned into the 2026 "Save your
// key" dialog once the key exists. What differs from the older dialog: the
// project is a button, the restricted permission rows of permissions-2026.js,
// an Expiration control, and the organisation's key policies (layout.js):
//   ?expiry=required  no "No expiration"; Create secret key stays disabled until one is chosen
//   ?expiry=optional  the default; ?expiry=none draws no Expiration control (as captured in August)
//   ?keys=service-only  "You" unavailable, no permission controls: the key gets the project's access
//   ?mixed=1  (with ?open=create&permissions=restricted) the group opens already Mixed
import { daysFromNow, today } from '../dates.js';
import { h, radioGroup, uid } from '../dom.js';
import { maskKey, newSecretKey, newTrackingId } from '../keygen.js';
import { keyPolicy } from '../layout.js';
import { addKeyRow } from '../state.js';
import * as variant from '../variant.js';
import { createModal, modalOpen } from './modal.js';
import { permissionRows } from './permissions-2026.js';
import { whatsNewCard } from './whats-new.js';

const OPEN_DELAY_MS = 400;
const CREATE_DELAY_MS = 300;

const EXPIRY_CHOICES = [['7', '7 days'], ['30', '30 days'], ['60', '60 days'], ['90', '90 days'], ['365', '1 year']];

const SUMMARY = {
  all: 'Read and write API resources',
  restricted: 'Restricted access to API resources',
  read_only: 'Read-only access to API resources',
};

export function openCreateKeyDialog2026({ opener, onCreated, preset = {} }) {
  if (modalOpen() || opener.getAttribute('aria-busy') === 'true') return;
  opener.setAttribute('aria-busy', 'true');
  setTimeout(() => {
    opener.removeAttribute('aria-busy');
    if (opener.isConnected && !modalOpen()) buildDialog({ opener, onCreated, preset });
  }, (preset.permissions || preset.save ? 0 : OPEN_DELAY_MS) + variant.lateBy());
}

function buildDialog({ opener, onCreated, preset }) {
  const policy = keyPolicy();
  let createdRow = null; // set once the key exists; added to the table on close
  const modal = createModal({
    opener,
    title: 'Create new secret key',
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

  // ---- the form -----------------------------------------------------------
  const owner = radioGroup({
    legend: 'Owned by', name: 'owner', checked: policy.serviceOnly ? 'service' : 'you', className: 'radio-group segmented',
    options: [{ value: 'you', label: 'You' }, { value: 'service', label: 'Service account' }],
    marks: policy.serviceOnly ? { you: { disabled: true } } : {},
    onchange: () => update(),
  });
  const ownerHint = h('p', { class: 'hint' });

  const nameId = uid('name');
  const nameHintId = uid('hint');
  const nameInput = h('input', {
    id: nameId, type: 'text', placeholder: 'My Test Key', autocomplete: 'off', 'aria-describedby': nameHintId,
    ...variant.intended('configure-key'),
  });

  // The project is a button that opens a list, as captured (not a <select>).
  const projects = ['Default project', 'Innoslate integration'];
  const projectLabelId = uid('project');
  const projectListId = uid('projects');
  const projectButton = h('button', {
    type: 'button', class: 'select-button', 'aria-haspopup': 'listbox', 'aria-expanded': 'false', 'aria-controls': projectListId,
  }, projects[0]);
  const projectList = h('ul', { id: projectListId, role: 'listbox', class: 'listbox', hidden: true, 'aria-labelledby': projectLabelId },
    projects.map((name) => h('li', {
      role: 'option',
      tabindex: '-1',
      'aria-selected': String(name === projects[0]),
      onclick() {
        projectButton.textContent = name;
        for (const option of projectList.children) option.setAttribute('aria-selected', String(option.textContent === name));
        toggleProjects(false);
        projectButton.focus();
      },
    }, name)));
  function toggleProjects(open) {
    projectList.hidden = !open;
    projectButton.setAttribute('aria-expanded', String(open));
    if (open) projectList.querySelector('[aria-selected="true"]')?.focus();
  }
  projectButton.addEventListener('click', () => toggleProjects(projectList.hidden));
  // From the keyboard: arrows move between the projects, Enter or Space picks one.
  projectList.addEventListener('keydown', (event) => {
    const options = [...projectList.children];
    const at = options.indexOf(document.activeElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = (at + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length;
      options[next].focus();
    } else if ((event.key === 'Enter' || event.key === ' ') && at >= 0) {
      event.preventDefault();
      options[at].click();
    }
  });

  const permissions = radioGroup({
    legend: 'Permissions', name: 'permissions', checked: 'all', className: 'radio-group segmented',
    options: [
      { value: 'all', label: 'All' }, { value: 'restricted', label: 'Restricted' }, { value: 'read_only', label: 'Read only' },
    ],
    onchange: () => update(),
  });
  const { nodes: ordered, capabilities } = permissionRows();
  const restricted = h('div', { class: 'restricted', hidden: true }, ordered);
  const permissionSection = h('div', { class: 'permission-section' }, permissions.fieldset, restricted);
  const serviceNote = h('p', { class: 'hint', hidden: true });

  // Expiration: the wording of the real control is not known; a select is
  // the plainest guess.
  const expiryId = uid('expiry');
  const expiryHintId = uid('hint');
  const expiry = policy.expiry === 'none' ? null : h('select', { id: expiryId, 'aria-describedby': expiryHintId },
    policy.expiry === 'required'
      ? h('option', { value: '', disabled: true, selected: true }, 'Select an expiration')
      : h('option', { value: 'never', selected: true }, 'No expiration'),
    EXPIRY_CHOICES.map(([days, label]) => h('option', { value: days }, label)));
  const expiryField = expiry && h('div', { class: 'field' },
    h('label', { for: expiryId }, 'Expiration'),
    expiry,
    h('p', { id: expiryHintId, class: 'hint' }, policy.expiry === 'required'
      ? 'Your organization requires every key to expire within a year.'
      : 'A key without an expiration works until it is deleted.'));

  const submit = h('button', { type: 'submit', class: 'primary' }, 'Create secret key');

  function update() {
    const isService = owner.value() === 'service';
    ownerHint.textContent = isService
      ? 'A new bot member is added to the project and owns this key, so it keeps working if people leave.'
      : 'This key is tied to your user: it stops working if you leave the project.';
    permissionSection.hidden = isService;
    serviceNote.hidden = !isService;
    serviceNote.textContent = policy.serviceOnly
      ? 'Your organization allows only service account keys. They have no permission settings: the key gets the access of the project.'
      : 'Service account keys have no permission settings: the key gets the access of the project.';
    restricted.hidden = permissions.value() !== 'restricted';
    const waiting = Boolean(expiry) && policy.expiry === 'required' && !expiry.value;
    submit.disabled = waiting;
  }
  expiry?.addEventListener('change', update);
  update();

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
    h('div', { class: 'field' }, h('span', { id: projectLabelId, class: 'field-label' }, 'Project'), projectButton, projectList)]),
  permissionSection, serviceNote,
  expiryField,
  variant.is('decoys') ? h('button', { type: 'button' }, 'Create secret key template') : null,
  h('div', { class: 'actions end' },
    h('button', { type: 'button', onclick: close }, 'Cancel'),
    submit));
  body.append(form);

  // ---- "Save your key" ----------------------------------------------------
  function showSecret() {
    if (!modal.dialog.isConnected) return;
    const isService = owner.value() === 'service';
    const key = newSecretKey(isService ? 'svcacct' : 'proj');
    const level = isService ? 'all' : permissions.value();
    const days = expiry && /^\d+$/.test(expiry.value) ? Number(expiry.value) : 0;
    createdRow = {
      id: newTrackingId(),
      name: nameInput.value.trim() || 'Secret key',
      masked: maskKey(key),
      created: today(),
      lastUsed: 'Never',
      project: projectButton.textContent,
      createdBy: isService ? 'Service account' : 'You',
      permissions: { all: 'All', restricted: 'Restricted', read_only: 'Read only' }[level],
      spend: '$0.00',
      expires: days ? daysFromNow(days) : null,
    };

    // As captured: the field holding the key has no accessible name (no
    // label, no aria-label, no placeholder) and no test id.
    // autocomplete=off: see the older dialog.
    const keyInput = h('input', {
      type: 'text', readonly: true, value: key, class: 'mono', spellcheck: 'false', autocomplete: 'off',
      ...variant.intended('save-your-key'),
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
      h('p', {}, 'Please save your secret key in a safe place since you won\u2019t be able to view it again. '
        + 'Keep it secure, as anyone with your API key can make requests on your behalf.'),
      h('p', {}, h('a', { href: 'https://help.openai.com/en/articles/5112595-best-practices-for-api-key-safety' },
        'Learn more about API key best practices')),
      h('div', { class: 'key-row' }, keyInput, copy, variant.is('decoys') ? h('button', { type: 'button' }, 'Copy link') : null),
      status,
      h('dl', { class: 'summary' },
        h('dt', {}, 'Permissions'), h('dd', {}, SUMMARY[level]),
        createdRow.expires ? [h('dt', {}, 'Expires'), h('dd', {}, createdRow.expires)] : null),
      h('div', { class: 'actions end' }, h('button', { type: 'button', class: 'primary', onclick: close }, 'Done')));
    variant.finish(body);
    copy.focus();
  }

  modal.show();
  if (variant.is('second-dialog')) document.body.append(whatsNewCard());
  if (preset.permissions && !policy.serviceOnly) {
    permissions.choose(preset.permissions);
    update();
    if (preset.mixed) capabilities.makeMixed();
  }
  if (preset.save) showSecret();
  owner.fieldset.querySelector('input:checked, [aria-checked="true"]')?.focus();
}
