// Describes the visible page in generic terms (roles, accessible names,
// labels, state, boxes) for the core to interpret. Knows nothing about any
// guide. Never reads a field's value: only whether it has one. Anything that
// looks like an API key in visible text is redacted before it leaves here.
'use strict';

globalThis.ikaPageFacts = (() => {
  const INTERACTIVE = [
    'button', 'a[href]', 'input:not([type=hidden])', 'select', 'textarea', 'summary',
    '[role=button]', '[role=link]', '[role=tab]', '[role=radio]', '[role=checkbox]',
    '[role=combobox]', '[role=menuitem]', '[role=menuitemradio]', '[role=option]',
    '[role=switch]', '[role=textbox]',
  ].join(',');
  const DIALOGS = '[role=dialog],[role=alertdialog],dialog[open]';
  const HEADINGS = 'h1,h2,h3,h4,h5,h6,[role=heading]';
  // Limits the core also enforces (src/page_report.rs): a report over any
  // of them is refused there, so a huge or hostile page costs a bounded scan.
  const MAX_ELEMENTS = 400;
  const MAX_HEADINGS = 40;
  const MAX_DIALOGS = 20;
  const MAX_TEXT = 120;
  const MAX_URL = 2048;
  // Raw text is cut before it is cleaned, so a megabyte label costs little.
  const MAX_RAW = 2000;
  // Node.ELEMENT_NODE, kept here: the observer path runs per DOM change.
  const ELEMENT_NODE = 1;
  // Secrets that could be visible as text: OpenAI-style keys.
  const SECRET_TEXT = /sk-[A-Za-z0-9_-]{8,}/g;
  // Query parameters that can carry credentials (OAuth codes, tokens).
  const SECRET_PARAM = /code|token|secret|key|state|session|auth|password/i;

  const INPUT_ROLES = {
    checkbox: 'checkbox', radio: 'radio', range: 'slider', button: 'button', submit: 'button',
    reset: 'button', image: 'button', search: 'searchbox', number: 'spinbutton',
  };

  const clean = (text) => String(text || '').slice(0, MAX_RAW).replace(/\s+/g, ' ').trim().replace(SECRET_TEXT, 'sk-[hidden]').slice(0, MAX_TEXT);

  // Up to `max` elements matching `selector` that pass `keep`, in document order.
  function firstShown(selector, max, keep = isShown) {
    const out = [];
    for (const el of document.querySelectorAll(selector)) {
      if (out.length >= max) break;
      if (keep(el)) out.push(el);
    }
    return out;
  }

  // Each form gets a number the first time it is seen, kept for the
  // document's life, so the core can tell which Save belongs to a field.
  const formIds = new WeakMap();
  let nextFormId = 0;
  function formOf(el) {
    const form = el.form instanceof HTMLFormElement ? el.form : el.closest('form');
    if (!form) return null;
    if (!formIds.has(form)) formIds.set(form, (nextFormId += 1));
    return formIds.get(form);
  }

  const textOf = (el) => clean(el ? el.textContent : '');

  function byIds(ids) {
    return ids.slice(0, MAX_RAW).split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean).map((n) => n.textContent).join(' ');
  }

  function roleOf(el) {
    const explicit = el.getAttribute('role');
    if (explicit) return clean(explicit).split(' ')[0];
    const tag = el.localName;
    if (tag === 'a') return 'link';
    if (tag === 'button' || tag === 'summary') return 'button';
    if (tag === 'select') return el.multiple ? 'listbox' : 'combobox';
    if (tag === 'textarea') return 'textbox';
    if (tag === 'input') return INPUT_ROLES[el.type] || 'textbox';
    return tag;
  }

  function labelOf(el) {
    const labels = el.labels ? Array.from(el.labels) : [];
    return clean(labels.map((l) => l.textContent).join(' '));
  }

  function nameOf(el, role) {
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) return clean(byIds(labelledBy));
    const aria = el.getAttribute('aria-label');
    if (aria) return clean(aria);
    const label = labelOf(el);
    if (label) return label;
    if (el.localName === 'input' && ['button', 'submit', 'reset'].includes(el.type)) return clean(el.value);
    if (role === 'textbox' || role === 'combobox' || role === 'searchbox' || role === 'spinbutton') {
      return clean(el.getAttribute('title') || el.getAttribute('placeholder'));
    }
    return textOf(el) || clean(el.getAttribute('title'));
  }

  // The label, legend or heading of the nearest enclosing group, so that
  // two "API keys" links (Organization / Project) can be told apart.
  function sectionOf(el) {
    let node = el.parentElement;
    for (let depth = 0; node && depth < 8; depth += 1, node = node.parentElement) {
      const labelledBy = node.getAttribute('aria-labelledby');
      if (labelledBy) return clean(byIds(labelledBy));
      if (node.getAttribute('aria-label')) return clean(node.getAttribute('aria-label'));
      if (node.localName === 'fieldset') {
        const legend = node.querySelector(':scope > legend');
        if (legend) return textOf(legend);
      }
      // A section's heading comes first: only its first children are looked at.
      const children = node.children;
      for (let i = 0; i < children.length && i < 100; i += 1) {
        if (children[i].contains(el)) break;
        if (children[i].matches(HEADINGS)) return textOf(children[i]);
      }
    }
    return '';
  }

  function isShown(el) {
    if (el.closest('[aria-hidden=true],[inert]')) return false;
    if (el.checkVisibility && !el.checkVisibility({ visibilityProperty: true })) return false;
    return true;
  }

  function stateOf(el, role) {
    const aria = (name) => {
      const v = el.getAttribute(name);
      return v === null ? null : v === 'true';
    };
    const native = el.localName === 'input' && (el.type === 'checkbox' || el.type === 'radio');
    const hasValue = el.localName === 'select' ? el.selectedIndex >= 0
      : 'value' in el && typeof el.value === 'string' && el.localName !== 'button' && role !== 'button' ? el.value.length > 0
        : el.isContentEditable ? el.textContent.length > 0 : false;
    return {
      checked: native ? el.checked : aria('aria-checked') ?? aria('aria-pressed'),
      selected: aria('aria-selected'),
      disabled: Boolean(el.disabled) || aria('aria-disabled') === true,
      has_value: hasValue,
      read_only: Boolean(el.readOnly) || aria('aria-readonly') === true,
    };
  }

  function safeUrl() {
    const url = new URL(location.href);
    // forEach, not an iterator: Firefox's content-script wrapper around the
    // page's URL objects drops Symbol.iterator from searchParams.keys().
    const secretKeys = [];
    url.searchParams.forEach((_, key) => { if (SECRET_PARAM.test(key)) secretKeys.push(key); });
    for (const key of secretKeys) url.searchParams.set(key, '');
    url.hash = '';
    return url.href.slice(0, MAX_URL);
  }

  // What the report says about one interactive element (without its id and
  // dialog), or null when the admin cannot see it.
  function describe(el) {
    if (!isShown(el)) return null;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return null;
    const role = roleOf(el);
    return {
      role,
      name: nameOf(el, role),
      label: labelOf(el),
      placeholder: clean(el.getAttribute('placeholder')),
      section: sectionOf(el),
      test_id: clean(el.getAttribute('data-testid')),
      form: formOf(el),
      submit: (el.localName === 'button' || el.localName === 'input') && ['submit', 'image'].includes(el.type) && Boolean(el.form),
      ...stateOf(el, role),
      rect: { x: r.x, y: r.y, width: r.width, height: r.height },
    };
  }

  // Returns the report and the elements it numbers (id = index).
  function collect() {
    const dialogNodes = firstShown(DIALOGS, MAX_DIALOGS);
    const dialogs = dialogNodes.map((d) => {
      const heading = d.querySelector(HEADINGS);
      const name = d.getAttribute('aria-labelledby') ? clean(byIds(d.getAttribute('aria-labelledby')))
        : clean(d.getAttribute('aria-label')) || textOf(heading);
      return { name, modal: d.getAttribute('aria-modal') === 'true' || d.matches(':modal') };
    });
    const headings = firstShown(HEADINGS, MAX_HEADINGS).map(textOf);
    const nodes = [];
    const elements = [];
    for (const el of document.querySelectorAll(INTERACTIVE)) {
      if (elements.length >= MAX_ELEMENTS) break;
      const fact = describe(el);
      if (!fact) continue;
      const dialog = dialogNodes.findIndex((d) => d.contains(el));
      elements.push({ id: nodes.length, ...fact, dialog: dialog < 0 ? null : dialog });
      nodes.push(el);
    }
    return { report: { url: safeUrl(), title: clean(document.title), dialogs, headings, elements }, nodes };
  }

  // Whether a DOM change can alter the report: it adds, removes or renames
  // an interactive element, a heading, a label or a dialog. Text churn in a
  // data grid does not, and must not cost a full scan of a large page.
  const NAMING = `${INTERACTIVE},${HEADINGS},${DIALOGS},label,legend`;
  // Whether an element sits inside (or is) a naming element, remembered per
  // element; forgotten whenever elements or attributes change.
  let insideCache = new WeakMap();
  function insideNaming(el) {
    if (!el) return false;
    let inside = insideCache.get(el);
    if (inside === undefined) {
      inside = el.matches(NAMING) || insideNaming(el.parentElement);
      insideCache.set(el, inside);
    }
    return inside;
  }
  // `target` and `type` are the record's, read once by the caller.
  function isRelevantChange(record, target, type) {
    if (type === 'attributes') {
      insideCache = new WeakMap();
      return true;
    }
    const element = target.nodeType === ELEMENT_NODE ? target : target.parentElement;
    if (insideNaming(element)) return true;
    if (type !== 'childList') return false;
    for (const list of [record.addedNodes, record.removedNodes]) {
      for (let i = 0; i < list.length; i += 1) {
        const node = list[i];
        if (node.nodeType !== ELEMENT_NODE) continue;
        insideCache = new WeakMap();
        if (node.matches(NAMING) || node.querySelector(NAMING)) return true;
      }
    }
    return false;
  }

  return { collect, describe, isRelevantChange, INTERACTIVE, DIALOGS };
})();
