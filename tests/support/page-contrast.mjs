// WCAG 2.2 contrast, measured on the real page: colours come from
// getComputedStyle of the rendered elements, backgrounds are composited up
// the ancestor chain onto the page's canvas. The functions passed to
// page.evaluate carry their own helpers, as they run inside the page.

/**
 * In the page. `what` = 'text': every visible text, its colour and the
 * background behind it, with the contrast ratio and the minimum WCAG asks for
 * (4.5:1, or 3:1 for large text); disabled controls are exempt, as WCAG says.
 * `what` = 'focus': the focused element's focus ring (its outline) against
 * the background around it, and for a text field its border against the same
 * background (WCAG 1.4.11 asks 3:1 for both); null when nothing has focus.
 * `what` = { look: selector }: how that element looks, as the colours on
 * screen (its background composited onto what is behind it).
 */
export function measureContrast(what) {
  const parse = (c) => {
    const m = /rgba?\(([^)]+)\)/.exec(c);
    if (!m) throw new Error(`unreadable colour ${c}`);
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const over = (top, under) => ({
    r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a), b: top.b * top.a + under.b * (1 - top.a), a: 1,
  });
  const channel = (v) => { const s = v / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
  const luminance = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
  };
  const probe = document.createElement('div');
  probe.style.backgroundColor = 'Canvas';
  document.body.append(probe);
  const canvas = parse(getComputedStyle(probe).backgroundColor);
  probe.remove();
  const backgroundOf = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.a > 0) layers.push(c);
      if (c.a === 1) break;
    }
    return layers.reverse().reduce((under, top) => over(top, under), canvas);
  };
  if (what === 'focus') {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    // The ring sits outside the element (outline-offset), on its parent's background.
    const around = backgroundOf(el.parentElement);
    const field = el.matches('input:not([type=checkbox]):not([type=radio]), textarea');
    const rect = el.getBoundingClientRect();
    return {
      name: el.getAttribute('aria-label') || el.id || el.textContent.trim().slice(0, 60),
      // Page coordinates: a focused control is scrolled into view, which
      // moves every viewport position measured before it.
      top: Math.round(rect.top + scrollY),
      left: Math.round(rect.left + scrollX),
      ring: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth),
      ringRatio: ratio(over(parse(style.outlineColor), around), around),
      borderRatio: field ? ratio(over(parse(style.borderTopColor), around), around) : null,
    };
  }
  const hex = (c) => `#${[c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
  if (typeof what === 'object') {
    const el = document.querySelector(what.look);
    const style = getComputedStyle(el);
    const bg = backgroundOf(el);
    return {
      background: hex(bg), color: hex(over(parse(style.color), bg)),
      border: `${style.borderTopStyle} ${hex(over(parse(style.borderTopColor), backgroundOf(el.parentElement)))}`,
    };
  }
  const found = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent.trim()).join(' ');
    const isField = el.matches('input:not([type=checkbox]):not([type=radio]), textarea') && el.value;
    if (!own && !isField) continue;
    if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true }) || el.getClientRects().length === 0) continue;
    if (el.closest(':disabled')) continue;
    const style = getComputedStyle(el);
    const bg = backgroundOf(el);
    const fg = over(parse(style.color), bg);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    found.push({
      text: (own || `[${el.id || el.tagName} value]`).slice(0, 60), ratio: ratio(fg, bg),
      needed: large ? 3 : 4.5, fg: hex(fg), bg: hex(bg),
    });
  }
  return found;
}

