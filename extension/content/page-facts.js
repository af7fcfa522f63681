// Describes the visible page in generic terms (roles, accessible names,
// labels, state, boxes) for the core to interpret. Knows nothing about any
// guide. Never reads a field's value: only whether it has one. Anything that
// looks like an API key in visible text is redacted before it leaves here.
// @ts-check
'use strict';

/** @type {IkaPageFacts} */
var ikaPageFacts = (() => {
  // One literal rather than a joined list: the minifier keeps a join.
  const INTERACTIVE = 'button,a[href],input:not([type=hidden]),select,textarea,summary,'
    + '[role=button],[role=link],[role=tab],[role=radio],[role=checkbox],[role=combobox],'
    + '[role=menuitem],[role=menuitemradio],[role=option],[role=switch],[role=textbox]';
  const DIALOGS = '[role=dialog],[role=alertdialog],dialog[open]';
  const HEADINGS = 'h1,h2,h3,h4,h5,h6,[role=heading]';
  // What the page-world watcher counts as news when it comes, goes or is
  // renamed (page-changes.js): what a report names, and labels.
  const NAMING = `${INTERACTIVE},${HEADINGS},${DIALOGS},label,legend`;
  const CELLS = 'td,th,[role=cell],[role=gridcell],[role=rowheader]';
  // What hides the rest of the page around a modal dialog.
  const HIDERS = 'body>[aria-hidden=true],body>[inert]';
  // Limits the core also enforces (src/page_report.rs): a report over any
  // of them is refused there, so a huge or hostile page costs a bounded scan.
  const MAX_ELEMENTS = 400;
  const MAX_HEADINGS = 40;
  const MAX_DIALOGS = 20;
  const MAX_TEXT = 120;
  const MAX_URL = 2048;
  const MAX_OPTIONS = 12;
  const MAX_CELLS = 12;
  // Raw text is cut before it is cleaned, so a megabyte label costs little.
  const MAX_RAW = 2000;
  // Node.ELEMENT_NODE and TEXT_NODE (Node's constants cost a read of the page's global).
  const ELEMENT_NODE = 1;
  const TEXT_NODE = 3;
  // Secrets that could be visible as text: OpenAI-style keys.
  const SECRET_TEXT = /sk-[\w-]{8,}/g;
  // What stands for text withheld as a possible secret (page_report.rs).
  const WITHHELD = '[hidden]';
  // Query parameters that can carry credentials (OAuth codes, tokens).
  const SECRET_PARAM = /code|token|secret|key|state|session|auth|password/i;

  // Implicit roles, by tag name or, for an input, by its type; any other
  // input is a text box.
  /** @type {Record<string, string>} */
  const IMPLICIT_ROLES = {
    a: 'link', button: 'button', summary: 'button', textarea: 'textbox', checkbox: 'checkbox', radio: 'radio',
    range: 'slider', submit: 'button', reset: 'button', image: 'button', search: 'searchbox', number: 'spinbutton',
  };

  // Secrets are judged on whole words, and no limit cuts inside one: the
  // words that do not fit go whole (so does the last one before the raw
  // limit, judged with up to 16 characters after it), and the text ends in
  // WITHHELD when one of them may be a token (16 or more characters with a
  // digit or an underscore, or already hidden; the core counts such texts
  // as left out), else in an ellipsis.
  /** @param {string | null | undefined} text */
  function clean(text) {
    const s = String(text || '');
    const words = s.slice(0, MAX_RAW).replace(SECRET_TEXT, `sk-${WITHHELD}`).split(/\s+/).filter(Boolean);
    const gone = s.length > MAX_RAW ? [(words.pop() || '') + s.slice(MAX_RAW, MAX_RAW + 16).split(/\s/)[0]] : [];
    while (words.join(' ').length > MAX_TEXT - (gone.length && 9)) gone.push(/** @type {string} */ (words.pop()));
    if (gone.length) words.push(gone.some((w) => w.includes(WITHHELD) || (w.length > 15 && /[\d_]/.test(w))) ? WITHHELD : '\u2026');
    return words.join(' ');
  }

  // Up to `max` shown elements matching `selector`, in document order.
  /**
   * @param {string} selector
   * @param {number} max
   */
  function firstShown(selector, max) {
    /** @type {Element[]} */
    const out = [];
    for (const el of document.querySelectorAll(selector)) {
      if (out.length >= max) break;
      if (isShown(el)) out.push(el);
    }
    return out;
  }

  // Each form gets a number the first time it is seen, kept for the
  // document's life, so the core can tell which Save belongs to a field.
  /** @type {WeakMap<HTMLFormElement, number>} */
  const formIds = new WeakMap();
  let nextFormId = 0;
  /**
   * @param {Element} el
   * @returns {number | null}
   */
  function formOf(el) {
    const own = /** @type {{ form?: unknown }} */ (el).form;
    const form = own instanceof HTMLFormElement ? own : el.closest('form');
    if (!form) return null;
    if (!formIds.has(form)) formIds.set(form, (nextFormId += 1));
    return /** @type {number} */ (formIds.get(form));
  }

  /** @param {Element | null | undefined} el */
  const textOf = (el) => clean(el ? el.textContent : '');

  // An element's text as assistive technology reads it for a name: without
  // descendants hidden from it (aria-hidden icons such as a leading "+").
  /**
   * @param {Element} el
   * @returns {string}
   */
  function contentText(el) {
    if (!el.querySelector('[aria-hidden=true]')) return el.textContent || '';
    let text = '';
    for (const node of el.childNodes) {
      if (node.nodeType === TEXT_NODE) text += node.textContent;
      else if (node.nodeType === ELEMENT_NODE && /** @type {Element} */ (node).getAttribute('aria-hidden') !== 'true') {
        text += contentText(/** @type {Element} */ (node));
      }
    }
    return text;
  }

  /** @param {string} ids */
  function byIds(ids) {
    return ids.slice(0, MAX_RAW).split(/\s+/).map((id) => document.getElementById(id)).filter((n) => n !== null).map((n) => n.textContent).join(' ');
  }

  /** @param {FormControlLike} el */
  function roleOf(el) {
    const explicit = el.getAttribute('role');
    if (explicit) return clean(explicit).split(' ')[0];
    const tag = el.localName;
    if (tag === 'select') return el.multiple ? 'listbox' : 'combobox';
    // Only the tags INTERACTIVE lists come here without a role.
    return IMPLICIT_ROLES[tag === 'input' ? String(el.type) : tag] || (tag === 'input' ? 'textbox' : tag);
  }

  /** @param {FormControlLike} el */
  function labelOf(el) {
    return clean(Array.from(el.labels || [], (l) => l.textContent).join(' '));
  }

  /**
   * @param {FormControlLike} el
   * @param {string} role
   */
  function nameOf(el, role) {
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) return clean(byIds(labelledBy));
    const aria = el.getAttribute('aria-label');
    if (aria) return clean(aria);
    const label = labelOf(el);
    if (label) return label;
    if (el.localName === 'input') {
      const input = /** @type {HTMLInputElement} */ (el);
      if (['button', 'submit', 'reset'].includes(input.type)) return clean(input.value);
    }
    if (role === 'textbox' || role === 'combobox' || role === 'searchbox' || role === 'spinbutton') {
      return clean(el.getAttribute('title') || el.getAttribute('placeholder'));
    }
    return clean(contentText(el)) || clean(el.getAttribute('title'));
  }

  // What a sibling just before a group says about the group: a heading, a
  // disclosure button, or a short line of plain text ("PROJECT" above
  // "General, API keys, Limits"). Null for peers of the element (siblings
  // with controls of their own), labels of single fields and sentences.
  /**
   * @param {Element} node
   * @returns {string | null}
   */
  function captionOf(node) {
    const only = node.childElementCount === 1 ? node.firstElementChild : null;
    if (node.matches('[aria-expanded]') || (only && only.matches('[aria-expanded]'))) {
      return textOf(node);
    }
    if (node.localName === 'label' || node.matches(INTERACTIVE) || node.querySelector(INTERACTIVE) || !isShown(node)) return null;
    const heading = node.matches(HEADINGS) ? node : node.querySelector(HEADINGS);
    if (heading) return textOf(heading);
    const text = textOf(node);
    return text.length <= 40 && text.split(' ').length <= 4 && !/[.!?]$/.test(text) ? text : null;
  }

  // The caption of the nearest enclosing group, so that two "API keys"
  // links (Organization / Project) can be told apart. Nearest wins, at each
  // level up: a fieldset's legend or a details' summary, then a caption
  // just before the branch holding the element, then the level's own
  // aria-labelledby or aria-label (a nav's label is less specific than a
  // caption inside it).
  /** @param {Element} el */
  function sectionOf(el) {
    let child = el;
    let node = el.parentElement;
    for (let depth = 0; node && depth < 12; depth += 1, child = node, node = node.parentElement) {
      const summary = node.querySelector(':scope > legend, :scope > summary');
      if (summary && !summary.contains(el) && /^(fieldset|details)$/.test(node.localName)) return textOf(summary);
      let sibling = child.previousElementSibling;
      for (let seen = 0; sibling && seen < 8; seen += 1, sibling = sibling.previousElementSibling) {
        const caption = captionOf(sibling);
        if (caption) return caption;
      }
      const labelledBy = node.getAttribute('aria-labelledby');
      if (labelledBy) return clean(byIds(labelledBy));
      if (node.getAttribute('aria-label')) return clean(node.getAttribute('aria-label'));
    }
    return '';
  }

  // A dialog is modal when it says so, when the browser made it so
  // (showModal), or when the page hid everything else from assistive
  // technology or made it inert.
  /** @param {Element} dialog */
  function isModal(dialog) {
    if (dialog.getAttribute('aria-modal') === 'true' || dialog.matches(':modal')) return true;
    for (const hidden of document.querySelectorAll(HIDERS)) {
      if (!hidden.contains(dialog)) return true;
    }
    return false;
  }

  // Whether `el` may be a step's control: a dialog step's only inside a
  // dialog, any other step's only outside dialogs, and nothing outside a
  // modal dialog while one is open (the core applies the same rule).
  /**
   * @param {Element} el
   * @param {boolean} inDialog
   */
  function inReach(el, inDialog) {
    const dialog = el.closest(DIALOGS);
    const modalOpen = Array.from(document.querySelectorAll(DIALOGS)).some((d) => isShown(d) && isModal(d));
    return inDialog ? dialog !== null && (!modalOpen || isModal(dialog)) : !dialog && !modalOpen;
  }

  /** @param {Element} el */
  function isShown(el) {
    if (el.closest('[aria-hidden=true],[inert]')) return false;
    if (el.checkVisibility && !el.checkVisibility({ visibilityProperty: true })) return false;
    return true;
  }

  /**
   * @param {FormControlLike} el
   * @param {string} role
   */
  function stateOf(el, role) {
    /** @param {string} name */
    const aria = (name) => {
      const v = el.getAttribute(name);
      return v === null ? null : v === 'true';
    };
    const native = el.localName === 'input' && (el.type === 'checkbox' || el.type === 'radio');
    // A tri-state checkbox partly checked is neither checked nor not.
    const mixed = el.getAttribute('aria-checked') === 'mixed' || Boolean(native && el.indeterminate);
    const hasValue = el.localName === 'select' ? (el.selectedIndex ?? -1) >= 0
      : 'value' in el && typeof el.value === 'string' && el.localName !== 'button' && role !== 'button' ? el.value.length > 0
        : el.isContentEditable ? el.textContent.length > 0 : false;
    return {
      checked: !mixed && (native ? /** @type {HTMLInputElement} */ (el).checked : aria('aria-checked') ?? aria('aria-pressed')),
      mixed,
      selected: aria('aria-selected'),
      disabled: Boolean(el.disabled) || aria('aria-disabled') === true,
      has_value: hasValue,
      read_only: Boolean(el.readOnly) || aria('aria-readonly') === true,
    };
  }

  // The choice a list box shows, by the names a person reads: a select's
  // chosen option and its options, or the text of a combobox nobody types
  // into. Never typed text.
  /**
   * @param {FormControlLike} el
   * @param {string} role
   */
  function choiceOf(el, role) {
    const select = el.localName === 'select' ? /** @type {HTMLSelectElement} */ (el) : null;
    const shown = select ? select.selectedOptions[0]
      : role === 'combobox' && !/^(input|textarea)$/.test(el.localName) && !el.isContentEditable ? el : null;
    return { value_text: textOf(shown), options: select ? Array.from(select.options).slice(0, MAX_OPTIONS).map(textOf) : [] };
  }

  // A control in a table row: its row's cell texts, so the core can tell
  // which row (which key, say) the control acts on.
  /** @param {Element} el */
  function rowOf(el) {
    const row = el.closest('tr,[role=row]');
    return row ? Array.from(row.querySelectorAll(CELLS)).slice(0, MAX_CELLS).map(textOf) : [];
  }

  function safeUrl() {
    const url = new URL(location.href);
    // forEach, not an iterator: Firefox's content-script wrapper around the
    // page's URL objects drops Symbol.iterator from searchParams.keys().
    /** @type {string[]} */
    const secretKeys = [];
    url.searchParams.forEach((_, key) => { if (SECRET_PARAM.test(key)) secretKeys.push(key); });
    for (const key of secretKeys) url.searchParams.set(key, '');
    url.hash = '';
    return url.href.slice(0, MAX_URL);
  }

  // What the report says about one interactive element (without its id and
  // dialog), or null when the admin cannot see it. Its section is read only
  // when `withSection` (finding it walks up the page): the spotter skips it
  // unless a locator asks for one.
  /**
   * @param {Element} el
   * @param {boolean} [withSection]
   * @returns {ElementDescription | null}
   */
  function describe(el, withSection = true) {
    if (!isShown(el)) return null;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return null;
    // Only the properties FormControlLike lists are read, each guarded.
    const control = /** @type {FormControlLike} */ (el);
    const role = roleOf(control);
    return {
      role,
      name: nameOf(control, role),
      label: labelOf(control),
      placeholder: clean(el.getAttribute('placeholder')),
      section: withSection ? sectionOf(el) : '',
      in_nav: el.closest('nav,[role=navigation]') !== null,
      test_id: clean(el.getAttribute('data-testid')),
      form: formOf(control),
      submit: (control.localName === 'button' || control.localName === 'input')
        && ['submit', 'image'].includes(/** @type {HTMLInputElement} */ (control).type) && Boolean(/** @type {HTMLInputElement} */ (control).form),
      ...stateOf(control, role),
      ...choiceOf(control, role),
      row: rowOf(el),
      rect: { x: r.x, y: r.y, width: r.width, height: r.height },
    };
  }

  // Returns the report and the elements it numbers (id = index).
  /** @returns {{ report: Core.PageReport, nodes: Element[] }} */
  function collect() {
    const dialogNodes = firstShown(DIALOGS, MAX_DIALOGS);
    const dialogs = dialogNodes.map((d) => {
      const heading = d.querySelector(HEADINGS);
      const labelledBy = d.getAttribute('aria-labelledby');
      const name = labelledBy ? clean(byIds(labelledBy)) : clean(d.getAttribute('aria-label')) || textOf(heading);
      const describedBy = d.getAttribute('aria-describedby');
      return { name, modal: isModal(d), description: describedBy ? clean(byIds(describedBy)) : '' };
    });
    const headingNodes = firstShown(HEADINGS, MAX_HEADINGS);
    /** @type {Element[]} */
    const nodes = [];
    /** @type {Core.ElementFact[]} */
    const elements = [];
    for (const el of document.querySelectorAll(INTERACTIVE)) {
      if (elements.length >= MAX_ELEMENTS) break;
      const fact = describe(el);
      if (!fact) continue;
      const dialog = dialogNodes.findIndex((d) => d.contains(el));
      elements.push({ id: nodes.length, ...fact, dialog: dialog < 0 ? null : dialog });
      nodes.push(el);
    }
    return { report: { url: safeUrl(), title: clean(document.title), dialogs, headings: headingNodes.map(textOf), elements }, nodes };
  }

  return { collect, describe, inReach, formOf, INTERACTIVE, DIALOGS, NAMING };
})();
