// Onboarding screens: /welcome?step=invite | try | create (default: create).
// 2025 order: invite → try → create → organization settings; 2026 order (a
// new account lands on create first): create → invite → try → /home.
// Test knob: ?step=try&generated=1 shows the generated test key at once.
import { h, radioGroup, uid } from '../dom.js';
import * as variant from '../variant.js';
import { is2026 } from '../layout.js';
import { newSecretKey } from '../keygen.js';
import { navigate } from '../router.js';
import { setOrgName } from '../state.js';

const NEXT = is2026
  ? { create: '/welcome?step=invite', invite: '/welcome?step=try', try: '/home' }
  : { invite: '/welcome?step=try', try: '/welcome?step=create', create: '/settings/organization/general' };

function field(label, input) {
  const id = uid('f');
  input.id = variant.ref(id);
  return h('div', { class: 'field' }, h('label', { for: id }, label), input);
}

function shell(title, intro, ...content) {
  return h('div', { class: 'onboarding' },
    h('section', { class: 'onboarding-card' },
      h('h1', {}, title),
      h('p', { class: 'intro' }, intro),
      ...content));
}

function inviteStep() {
  const emails = h('input', { type: 'email', multiple: true, placeholder: 'name@example.com', autocomplete: 'off' });
  const status = h('p', { role: 'status', class: 'status' });
  const form = h('form', {
    onsubmit(event) {
      event.preventDefault();
      status.textContent = emails.value.trim() ? 'Invites sent' : 'Add at least one email address';
      if (emails.value.trim()) setTimeout(() => navigate(NEXT.invite), 300);
    },
  },
  field('Email addresses', emails),
  h('div', { class: 'actions' },
    h('button', { type: 'submit', class: 'primary' }, 'Send invites'),
    h('button', { type: 'button', class: 'ghost', onclick: () => navigate(NEXT.invite), ...variant.intended('invite-team') },
      "I'll invite my team later"),
    variant.is('decoys') ? h('button', { type: 'button' }, 'Invite by link') : null),
  status);
  return shell('Invite your team', 'Teammates you add can share projects, keys and billing with you.', form);
}

function tryStep(generated) {
  const keyName = h('input', { type: 'text', autocomplete: 'off', ...variant.intended('name-key-and-project') });
  const projectName = h('input', { type: 'text', value: 'Default project', autocomplete: 'off' });
  const result = h('div', { class: 'generated', hidden: true });
  const generate = h('button', { type: 'submit', class: 'primary' }, 'Generate API Key');
  const later = h('button', { type: 'button', class: 'ghost', onclick: () => navigate(NEXT.try) },
    "I'll do this later");

  const form = h('form', {
    onsubmit(event) {
      event.preventDefault();
      if (!result.hidden) return;
      generate.disabled = true;
      keyName.readOnly = true;
      projectName.readOnly = true;
      setTimeout(() => showKey(), 300);
    },
  }, ...(variant.is('reordered')
    ? [field('Project name', projectName), field('API key name', keyName)]
    : [field('API key name', keyName), field('Project name', projectName)]),
  h('div', { class: 'actions' }, generate, later,
    variant.is('decoys') ? h('button', { type: 'button' }, 'Generate API Key later') : null));

  function showKey() {
    const keyInput = h('input', { type: 'text', readonly: true, value: newSecretKey('proj'), class: 'mono', spellcheck: 'false' });
    const status = h('span', { role: 'status', class: 'status' });
    const copy = h('button', {
      type: 'button',
      onclick() {
        navigator.clipboard.writeText(keyInput.value)
          .then(() => { status.textContent = 'Copied'; })
          .catch(() => { status.textContent = 'Copy failed'; });
      },
    }, 'Copy');
    result.append(
      h('p', {}, 'Here is a key to try things out. Copy it now: after you continue it is not shown again.'),
      field('Your API key', keyInput),
      h('div', { class: 'actions' }, copy, status),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'primary', onclick: () => navigate(NEXT.try), ...variant.intended('test-key-shown') }, 'Continue'),
        variant.is('decoys') ? h('button', { type: 'button' }, 'Continue later') : null));
    variant.finish(result);
    result.hidden = false;
    later.hidden = true;
  }
  if (generated) {
    generate.disabled = true;
    keyName.readOnly = true;
    projectName.readOnly = true;
    showKey();
  }

  return shell('Make your first API call', 'Name a key and a project; you can rename both later.', form, result);
}

function createStep() {
  const orgName = h('input', { type: 'text', autocomplete: 'organization', ...variant.intended('create-organization') });
  const experience = radioGroup({
    legend: 'What best describes you?',
    name: 'experience',
    options: [
      { value: 'new', label: "I'm new to building with AI" },
      { value: 'some', label: "I've built a few things" },
      { value: 'regular', label: 'I build with AI regularly' },
    ],
  });
  const form = h('form', {
    onsubmit(event) {
      event.preventDefault();
      setOrgName(orgName.value.trim() || 'Personal');
      navigate(NEXT.create);
    },
  }, field('Organization name', orgName), experience.fieldset,
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Create organization'),
    variant.is('decoys') ? h('button', { type: 'button' }, 'Create organization later') : null),
  // 2026: people who came for ChatGPT are shown the way out.
  is2026 ? h('p', { class: 'switch' }, h('a', { href: 'https://chatgpt.com/' }, "I'm looking for ChatGPT")) : null);
  return shell('Welcome to OpenAI Platform', 'Tell us a little about yourself to finish setting up.', form);
}

const STEPS = {
  invite: ['Invite your team', inviteStep],
  try: ['Make your first API call', tryStep],
  create: ['Welcome', createStep],
};

export function welcomeView(url) {
  const [title, build] = STEPS[url.searchParams.get('step')] || STEPS.create;
  return { title, node: build(url.searchParams.get('generated') === '1') };
}
