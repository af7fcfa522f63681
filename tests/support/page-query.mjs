// Finds a page element the way a person names it (role and visible name,
// or its label), so that one scenario can drive Chromium (Playwright) and
// Firefox (puppeteer over WebDriver BiDi) alike. Both drivers serialise
// `locateInPage` into the page and run it there, so it must stay
// self-contained: no imports, no closures over module variables.
//
// A query: { role, name, label, placeholder, testId, within: [query...], last,
// focus }. `focus` also focuses the element and selects its text.
// `name` and `label` are exact strings (whitespace folded) or
// { source, flags } for a regular expression. Only rendered elements count.

/** Runs in the page. Returns the centre of the clickable box, or null. */
export function locateInPage(query) {
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const matches = (wanted, text) => {
    if (wanted === undefined) return true;
    if (typeof wanted === 'string') return norm(text) === wanted;
    return new RegExp(wanted.source, wanted.flags).test(norm(text));
  };
  const textOf = (el) => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove());
    return copy.textContent;
  };
  const byIds = (ids) => ids.split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean).map(textOf).join(' ');
  const labelText = (el) => {
    if (el.getAttribute('aria-labelledby')) return byIds(el.getAttribute('aria-labelledby'));
    if (el.getAttribute('aria-label')) return el.getAttribute('aria-label');
    if (el.id) {
      const label = document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
      if (label) return textOf(label);
    }
    const wrapping = el.closest('label');
    return wrapping ? textOf(wrapping) : '';
  };
  const ROLE_SELECTORS = {
    button: 'button, [role=button], input[type=submit], input[type=button]',
    link: 'a[href], [role=link]',
    textbox: 'input:not([type]), input[type=text], input[type=email], input[type=search], input[type=url], textarea, [role=textbox]',
    radio: 'input[type=radio], [role=radio]',
    checkbox: 'input[type=checkbox], [role=checkbox]',
    combobox: 'select, [role=combobox]',
    group: 'fieldset, [role=group], [role=radiogroup]',
    dialog: 'dialog[open], [role=dialog]',
    region: 'section[aria-label], section[aria-labelledby], [role=region]',
    navigation: 'nav, [role=navigation]',
    main: 'main, [role=main]',
    heading: 'h1, h2, h3, h4, h5, h6, [role=heading]',
  };
  const nameOf = (el) => {
    const fromLabel = labelText(el);
    if (fromLabel) return fromLabel;
    if (el.localName === 'fieldset') return textOf(el.querySelector('legend') || document.createElement('i'));
    if (el.matches(ROLE_SELECTORS.button + ',' + ROLE_SELECTORS.link + ',' + ROLE_SELECTORS.heading)) return textOf(el);
    return el.getAttribute('title') || '';
  };
  const rendered = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0 && !el.matches('input[type=radio], input[type=checkbox]')) return false;
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none' && !el.closest('[hidden]');
  };
  const findAll = (q, scopes) => {
    const selector = q.role ? ROLE_SELECTORS[q.role]
      : q.testId ? `[data-testid="${q.testId}"]`
        : 'input, textarea, select, button';
    if (!selector) throw new Error(`unknown role ${q.role}`);
    const found = [];
    for (const scope of scopes) {
      for (const el of scope.querySelectorAll(selector)) {
        if (!rendered(el) || found.includes(el)) continue;
        if (q.name !== undefined && !matches(q.name, nameOf(el))) continue;
        if (q.label !== undefined && !matches(q.label, labelText(el))) continue;
        if (q.placeholder !== undefined && el.getAttribute('placeholder') !== q.placeholder) continue;
        found.push(el);
      }
    }
    return found;
  };
  let scopes = [document];
  for (const outer of query.within || []) scopes = findAll(outer, scopes);
  const hits = findAll(query, scopes);
  const el = query.last ? hits[hits.length - 1] : hits[0];
  if (!el) return null;
  if (query.focus) {
    el.focus();
    if (typeof el.select === 'function') el.select();
  }
  // Scrolled into view only when needed: every scroll moves the overlay too.
  const seen = el.getBoundingClientRect();
  if (seen.top < 0 || seen.left < 0 || seen.bottom > innerHeight || seen.right > innerWidth) {
    el.scrollIntoView({ block: 'center', inline: 'center' });
  }
  // A visually hidden radio or checkbox is pressed through its label.
  let target = el;
  const box = el.getBoundingClientRect();
  if ((box.width < 2 || box.height < 2) && el.labels && el.labels[0]) target = el.labels[0];
  const r = target.getBoundingClientRect();
  const x = r.x + r.width / 2;
  const y = r.y + r.height / 2;
  // What a click at that point would land on (the guide's own callout, say).
  const top = document.elementFromPoint(x, y);
  const reachable = Boolean(top) && (top === target || target.contains(top) || top === el || (el.labels && [...el.labels].includes(top)));
  return {
    x,
    y,
    coveredBy: reachable ? null : (top ? top.localName : 'nothing'),
    box: { x: box.x, y: box.y, width: box.width, height: box.height },
    value: 'value' in el ? el.value : null,
    checked: 'checked' in el ? el.checked : null,
    disabled: 'disabled' in el ? el.disabled : null,
    count: hits.length,
  };
}

/** Turns a RegExp in a query into something that survives serialisation. */
export function portableQuery(query) {
  const out = { ...query };
  for (const key of ['name', 'label']) {
    if (out[key] instanceof RegExp) out[key] = { source: out[key].source, flags: out[key].flags };
  }
  if (out.within) out.within = out.within.map(portableQuery);
  return out;
}
