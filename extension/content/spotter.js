// Spots, among elements the last report did not list (added or shown
// since), the control the core is waiting for, using the locators the core
// sent (role, name, label...). This lets the callout point at a control in
// the frame it appears, instead of a round trip to the background later;
// the core still confirms every answer.
// Generic: it knows the locator language, not any guide.
// @ts-check
'use strict';

/** @type {IkaSpotter} */
var ikaSpotter = (() => {
  const facts = ikaPageFacts;
  // The same normalisation as the core's (src/guide/text.rs; both are
  // tested against tests/fixtures/text-normalisation.json): typographic
  // quotes made plain, white space collapsed, ASCII lower case, icon-like
  // symbols trimmed from both ends.
  // White space as is_space in src/guide/text.rs has it: JS's \s (which
  // has U+FEFF, unlike Rust's char::is_whitespace) and U+0085.
  const SPACES = /[\s\x85]+/g;
  // Trimmed from both ends: white space, ASCII but letters, digits, quotes
  // and parentheses, and the arrows, bullets and marks is_edge_symbol lists.
  const EDGES = /^[\s\x85\0-!#-&*-/:-@[-`{-\x7f…›‹→←»«•＋]+|[\s\x85\0-!#-&*-/:-@[-`{-\x7f…›‹→←»«•＋]+$/g;
  // Checking a burst of added content stays bounded.
  const MAX_CANDIDATES = 200;

  /** @param {string | null | undefined} text */
  function normalise(text) {
    return (text || '')
      .replace(/[\u2018\u2019\u02BC]/g, '\'')
      .replace(/[\u201C\u201D]/g, '"')
      .replace(SPACES, ' ')
      .replace(/[A-Z]+/g, (c) => c.toLowerCase())
      .replace(EDGES, '');
  }

  // `expected` is one wording, or a list of accepted variants (exact only:
  // looser fits need the whole page to be sure they are unique, which is
  // the core's job).
  /**
   * @param {Core.TextMode} mode
   * @param {string | readonly string[]} expected
   * @param {string} value
   * @returns {boolean}
   */
  function textMatches(mode, expected, value) {
    if (typeof expected !== 'string') return expected.some((one) => textMatches(mode, one, value));
    const page = normalise(value);
    const want = normalise(expected);
    if (mode === 'is') return page === want;
    if (mode === 'has') return page.includes(want);
    return page.startsWith(want);
  }

  // One locator (see `impl Serialize for Locator` in src/guide/mod.rs)
  // against one element's facts.
  /**
   * @param {Core.Locator} locator
   * @param {ElementDescription} fact
   * @param {Element} el
   */
  function matches(locator, fact, el) {
    if (fact.disabled || (locator.role && locator.role !== fact.role)) return false;
    if (!facts.inReach(el, locator.in_dialog)) return false;
    if (locator.when_empty && fact.has_value) return false;
    if (locator.until_checked && (fact.checked === true || fact.selected === true)) return false;
    if (locator.section_mode && !textMatches(locator.section_mode, locator.section_text ?? '', fact.section)) return false;
    if (locator.in_nav && !fact.in_nav) return false;
    const { by, mode, text } = locator;
    if (by === 'name') return textMatches(mode, text, fact.name);
    if (by === 'label') return textMatches(mode, text, fact.label) || textMatches(mode, text, fact.name);
    if (by === 'placeholder') return textMatches(mode, text, fact.placeholder);
    if (by === 'test_id') return fact.test_id === text;
    return by === 'role';
  }

  // The element that one of `locators` (best first) finds among those the
  // last report did not list (`listed`): what was added since, or shown
  // since. None when two fit the same locator (the core's rule: never
  // guess).
  /**
   * @param {readonly Core.Locator[]} locators
   * @param {readonly Element[]} listed
   * @returns {Element | null}
   */
  function spot(locators, listed) {
    const known = new Set(listed);
    const elements = [...document.querySelectorAll(facts.INTERACTIVE)].filter((el) => !known.has(el)).slice(0, MAX_CANDIDATES);
    /** @type {Array<[Element, ElementDescription]>} */
    const described = [];
    const withSection = locators.some((locator) => locator.section_mode);
    for (const el of elements) {
      const fact = facts.describe(el, withSection);
      if (fact) described.push([el, fact]);
    }
    for (const locator of locators) {
      const hits = described.filter(([el, fact]) => matches(locator, fact, el));
      if (hits.length) return hits.length === 1 ? hits[0][0] : null;
    }
    return null;
  }

  return { spot, normalise };
})();
