// Seeded redesigns of the replica, for the recognition mutation suite: the
// markup changes a redesign of a React-style app makes, applied while the
// app builds its elements, so the app's own event handlers keep working.
//
// Chosen by `?variant=<family>:<seed>` or a `practice-variant` cookie of the
// same form; without either the replica renders as usual. The element a
// person would use on each screen carries `data-practice-intended` (the
// step's id); the extension never reads that attribute.
const FAMILIES = [
  'hashed', 'wrappers', 'swaps', 'labels', 'headings', 'reordered', 'wording', 'late',
  'banners', 'decoys', 'second-dialog', 'captions', 'ambiguous',
];

function chosen() {
  const fromQuery = new URLSearchParams(window.location.search).get('variant');
  const fromCookie = document.cookie.split('; ').find((c) => c.startsWith('practice-variant='));
  const value = fromQuery || (fromCookie ? decodeURIComponent(fromCookie.split('=')[1]) : '');
  const [family, seed] = value.split(':');
  return FAMILIES.includes(family) ? { family, seed: Number(seed) || 1 } : null;
}

const active = chosen();

// mulberry32: a small, well-mixed PRNG, so a seed always gives the same page.
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashOf(text) {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.codePointAt(0), 16777619);
  return (h >>> 0).toString(36);
}

const random = generator(active ? active.seed * 7919 + hashOf(active.family).length : 1);

/** Whether the replica renders this family's variant. */
export const is = (family) => Boolean(active) && active.family === family;

/** A seeded choice among `options` (the first without a variant). */
export const pick = (options) => (active ? options[Math.floor(random() * options.length)] : options[0]);

/** True with probability `p` under a variant, never without one. */
export const chance = (p) => Boolean(active) && random() < p;

/** The id an element gets under the variant, for ids set outside `h()`. */
export const ref = (name) => (is('hashed') ? hashedName(name) : name);

/** Attribute marking the control a person would use for `step`. */
export const intended = (step) => ({ 'data-practice-intended': step });

// Hashed class names and ids (CSS-in-JS builds): the same name always gives
// the same hash, so references (for, aria-labelledby) stay intact.
const hashedName = (name) => `x${hashOf(`${active.seed}:${name}`)}`;
const ID_REFS = ['id', 'for', 'aria-labelledby', 'aria-describedby', 'aria-controls'];

// Wording a person reads as the same: case, icons, arrows, ellipses, the
// shorter dialog wording, badges.
const REWORDINGS = {
  'Create new secret key': ['Create secret key', 'Create new secret key', 'create new secret key'],
  'Save your key': ['Save your API key', 'Save your secret key', 'Save your key'],
  'API keys': ['API Keys', 'API keys', 'Api keys'],
  'API Keys': ['API keys', 'API Keys', 'Api Keys'],
  Copy: ['Copy key', 'Copy', 'Copy'],
  Continue: ['Continue →', 'Continue', 'Continue ›'],
  'Start building': ['Start building →', 'START BUILDING', 'Start building'],
  "I'll invite my team later": ['I\u2019ll invite my team later', 'I\u2019ll invite my team later \u203A', "I'll invite my team later"],
  'Create organization': ['Create organization', 'Create organization…', 'Create Organization'],
  'Generate API Key': ['Generate API key', 'Generate API Key', 'Generate API Key →'],
  'Create secret key': ['Create key', 'Create secret key', 'Create secret key'],
};

/** Page wording under the variant (wording family only). */
export function words(text) {
  if (!is('wording')) return text;
  const options = REWORDINGS[text.trim()];
  return options ? pick(options) : text;
}

/** The tag and attributes an element is built with under the variant. */
export function element(tag, attrs) {
  if (!active) return [tag, attrs];
  const out = { ...attrs };
  if (is('hashed')) {
    if (out.class) out.class = out.class.split(/\s+/).map(hashedName).join(' ');
    for (const name of ID_REFS) {
      if (typeof out[name] === 'string') out[name] = out[name].split(/\s+/).map(hashedName).join(' ');
    }
  }
  if (is('swaps') && tag === 'button' && !out.role && chance(0.6)) {
    const submit = out.type === 'submit';
    delete out.type;
    out.role = 'button';
    out.tabindex = '0';
    if (submit) out['data-submits'] = '';
    return [pick(['div', 'span', 'a']), out];
  }
  if (is('headings') && /^h[1-6]$/.test(tag)) {
    const level = pick(['2', '3', '4', '5', '6', 'aria']);
    if (level === 'aria') return ['div', { ...out, role: 'heading', 'aria-level': '2' }];
    return [`h${level}`, out];
  }
  return [tag, out];
}

/** Makes a swapped control behave like the button it replaces. */
export function finishElement(el) {
  if (el.getAttribute('role') !== 'button' || el.localName === 'button') return;
  el.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); el.click(); }
  });
  if (el.hasAttribute('data-submits')) el.addEventListener('click', () => el.closest('form')?.requestSubmit());
}

const UNWRAPPABLE_PARENTS = new Set(['ul', 'ol', 'table', 'thead', 'tbody', 'tr', 'select', 'label', 'fieldset', 'details']);
const UNWRAPPABLE_CHILDREN = new Set(['li', 'tr', 'td', 'th', 'option', 'legend', 'summary', 'thead', 'tbody']);

/** A child as appended under the variant: maybe inside extra wrappers. */
export function wrap(parent, child) {
  if (!is('wrappers') || !(child instanceof Element)) return child;
  if (UNWRAPPABLE_PARENTS.has(parent.localName) || UNWRAPPABLE_CHILDREN.has(child.localName)) return child;
  let node = child;
  const depth = chance(0.5) ? Math.ceil(random() * 3) : 0;
  for (let i = 0; i < depth; i += 1) {
    const wrapper = document.createElement(pick(['div', 'span', 'div']));
    wrapper.className = `w${hashOf(String(random()))}`;
    wrapper.append(node);
    node = wrapper;
  }
  return node;
}

// Label styles: for=, aria-labelledby, aria-label, or the label wrapping
// its control. Applied to a finished subtree before it enters the page.
function restyleLabels(root) {
  for (const label of [...root.querySelectorAll('label[for]')]) {
    const control = root.querySelector(`[id="${CSS.escape(label.getAttribute('for'))}"]`);
    if (!control) continue;
    const style = pick(['for', 'labelledby', 'aria-label', 'wrap']);
    if (style === 'labelledby') {
      const span = document.createElement('span');
      span.id = `${control.id}-label`;
      span.append(...label.childNodes);
      label.replaceWith(span);
      control.setAttribute('aria-labelledby', span.id);
    } else if (style === 'aria-label') {
      control.setAttribute('aria-label', label.textContent);
      const span = document.createElement('span');
      span.setAttribute('aria-hidden', 'true');
      span.append(...label.childNodes);
      label.replaceWith(span);
    } else if (style === 'wrap') {
      label.removeAttribute('for');
      label.append(' ', control);
    }
  }
}

/** Last touches on a subtree just before the app inserts it. */
export function finish(root) {
  if (is('labels') && root instanceof Element) restyleLabels(root);
  return root;
}

/** Extra wait before a view or dialog draws, with a skeleton meanwhile. */
export const lateBy = () => (is('late') ? 300 + Math.floor(random() * 900) : 0);

/** CSS class names rewritten to the hashed ones, so the page keeps its look. */
export function rewriteStyles() {
  if (!is('hashed')) return;
  for (const sheet of document.styleSheets) {
    for (const rule of sheet.cssRules) {
      if (rule.selectorText) {
        rule.selectorText = rule.selectorText.replace(/\.([A-Za-z][\w-]*)/g, (_, name) => `.${hashedName(name)}`);
      }
    }
  }
}

export const activeVariant = active;
