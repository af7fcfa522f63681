// Organization Preferences, drawn ~800 ms after load like a late single-page app.
// Field state changes ONLY through `input`/`change` events, as in a framework:
// a value set without events counts as empty when saving.
// Each feature's provider decides which key it uses, and starts on SPEC
// Innovations' default service: Chat AI's is a select, Image AI's a radio
// group (one key field for both: two selects). Save reports which service
// each feature would use.
//   ?delay=MS       render after MS ms instead of 800
//   ?tracker=react  also ignore events whose value was set through the element's
//                   own `value` property (React's value tracker behaviour)
//   ?layout=shared  one OpenAI key field serving both Chat AI and Image AI
//   ?banner=save    an announcement above the form with a "Save" button of
//                   its own (outside the form) that records presses
//   ?replace=press  on the first pointer press anywhere, the form is drawn
//                   again (new elements), as a framework re-render would
//   ?navigate=press on the first pointer press anywhere, the page moves
//                   itself (pushState) to a discussion path and retitles
//                   itself, as a hostile script could while the admin
//                   presses Fill
const params = new URLSearchParams(window.location.search);
const RENDER_DELAY_MS = params.has('delay') ? Math.max(0, Number(params.get('delay')) || 0) : 800;
const REACT_TRACKER = params.get('tracker') === 'react';
const SHARED_KEY_FIELD = params.get('layout') === 'shared';
const SAVE_BANNER = params.get('banner') === 'save';
const NAVIGATE_ON_PRESS = params.get('navigate') === 'press';
const REPLACE_ON_PRESS = params.get('replace') === 'press';

const PROVIDERS = [
  ['spec', 'SPEC Innovations (default)'],
  ['openai', 'OpenAI'],
  ['asksage', 'AskSage'],
];

let nextId = 0;
const newId = () => { nextId += 1; return `mat-input-${nextId}`; };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** React-like tracker: remembers values written through the element's own setter. */
function installTracker(input) {
  const native = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
  let last = native.get.call(input);
  Object.defineProperty(input, 'value', {
    configurable: true,
    get() { return native.get.call(this); },
    set(v) { last = String(v); native.set.call(this, v); },
  });
  return () => {
    const now = native.get.call(input);
    if (now === last) return false;
    last = now;
    return true;
  };
}

const state = { chatProvider: 'spec', chatOpenai: '', imageProvider: 'spec', imageOpenai: '', asksage: '' };

function bind(control, key) {
  const typed = control instanceof HTMLInputElement && control.type !== 'radio';
  const changed = REACT_TRACKER && typed ? installTracker(control) : () => true;
  const onEvent = (event) => {
    if (!changed()) return;
    state[key] = event.target.value;
  };
  control.addEventListener('input', onEvent);
  control.addEventListener('change', onEvent);
}

function field(label, control, key) {
  const id = newId();
  control.id = id;
  bind(control, key);
  return el('div', { class: 'field' }, el('label', { for: id }, label), control);
}

function providerSelect() {
  const select = el('select');
  for (const [value, text] of PROVIDERS) select.append(el('option', { value }, text));
  return select;
}

function providerRadios(legend, key) {
  const group = newId();
  return el('fieldset', { class: 'field' }, el('legend', {}, legend), ...PROVIDERS.map(([value, text], i) => {
    const radio = el('input', { type: 'radio', name: group, value });
    radio.checked = i === 0;
    bind(radio, key);
    return el('label', { class: 'choice' }, radio, ` ${text}`);
  }));
}

// The service a feature would use after Save: its provider, when that
// provider's key is set; 'none' when the provider chosen has no key.
function serviceOf(provider, openaiKey) {
  if (provider === 'spec') return 'spec';
  const key = provider === 'openai' ? openaiKey : state.asksage;
  return key.trim() ? provider : 'none';
}

function secretInput() {
  return el('input', { type: 'password', autocomplete: 'off', spellcheck: 'false' });
}

function section(title, hint, ...fields) {
  const headingId = newId();
  return el('section', { class: 'prefs', 'aria-labelledby': headingId },
    el('h2', { id: headingId }, title), el('p', { class: 'hint' }, hint), ...fields);
}

function render() {
  const status = el('p', { id: 'save-status', role: 'status' });
  const result = el('output', { id: 'save-result' });
  const aiSections = SHARED_KEY_FIELD
    ? [section('OpenAI', 'One key serves Chat AI and Image AI.',
      field('Chat AI provider', providerSelect(), 'chatProvider'),
      field('Image AI provider', providerSelect(), 'imageProvider'),
      field('OpenAI API Key', secretInput(), 'chatOpenai'))]
    : [section('Chat AI', 'Choose which service answers chat requests for this organization.',
      field('Provider', providerSelect(), 'chatProvider'),
      field('OpenAI API Key', secretInput(), 'chatOpenai')),
    section('Image AI', 'Choose which service generates images for this organization.',
      providerRadios('Image AI provider', 'imageProvider'),
      field('OpenAI API Key', secretInput(), 'imageOpenai'))];
  const form = el('form', { id: 'preferences-form', novalidate: '' },
    ...aiSections,
    section('AskSage', 'Only needed when AskSage is chosen as a provider above.',
      field('AskSage API Key', secretInput(), 'asksage')),
    el('div', { class: 'form-actions' }, el('button', { type: 'submit', class: 'primary' }, 'Save'), status),
    result);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const mark = (v) => (v.trim() ? 'set' : 'empty');
    // Report which fields were filled, never their contents.
    const image = SHARED_KEY_FIELD ? state.chatOpenai : state.imageOpenai;
    result.textContent = `Saved: chat-openai=${mark(state.chatOpenai)} image-openai=${mark(image)} asksage=${mark(state.asksage)}`;
    result.dataset.chatProvider = state.chatProvider;
    result.dataset.imageProvider = state.imageProvider;
    result.dataset.chatUses = serviceOf(state.chatProvider, state.chatOpenai);
    result.dataset.imageUses = serviceOf(state.imageProvider, image);
    const named = (service) => (PROVIDERS.find(([value]) => value === service) || [service, 'no service (key missing)'])[1];
    status.textContent = `Preferences saved. Chat AI uses ${named(result.dataset.chatUses)}; Image AI uses ${named(result.dataset.imageUses)}.`;
  });

  const root = document.getElementById('preferences-root');
  if (SAVE_BANNER) {
    const pressed = el('output', { id: 'banner-result' });
    const save = el('button', { type: 'button' }, 'Save');
    save.addEventListener('click', () => { pressed.textContent = 'banner save pressed'; });
    root.replaceChildren(el('aside', { class: 'panel', 'aria-label': 'Announcement' },
      el('p', {}, 'Save this announcement to your reading list.'), save, pressed), form);
  } else {
    root.replaceChildren(form);
  }
  root.removeAttribute('aria-busy');
}

setTimeout(render, RENDER_DELAY_MS);

if (REPLACE_ON_PRESS) {
  let replaced = false;
  addEventListener('pointerdown', () => {
    if (replaced || !document.getElementById('preferences-form')) return;
    replaced = true;
    render();
  }, true);
}

if (NAVIGATE_ON_PRESS) {
  let moved = false;
  addEventListener('pointerdown', () => {
    if (moved) return;
    moved = true;
    history.pushState({}, '', '/acme/p/7/discussions/44');
    document.querySelector('h1').textContent = 'Discussion: AI rollout';
  }, true);
}
