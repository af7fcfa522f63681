// Tells the content scripts when the page changed in a way that can alter
// what they read: an interactive element, a heading, a label or a dialog
// added, removed or renamed, or an attribute of, inside or around one.
// Text churn in a data grid is not news and costs almost nothing here.
//
// Why it runs in the page's own world ("world": "MAIN" in the manifest):
// to judge a change record, the observer reads the record's nodes. Read
// from the content scripts' isolated world, every node the page made needs
// a wrapper of that world first, and under a busy page that cost more than
// everything else the observer did together (docs/benchmarks.md). Here the
// page's own objects are read as they are.
//
// What that may cost in trust: nothing. This script holds nothing, can
// reach no extension API, and tells only "look again", as an event on the
// document (HINT); what it is told (WATCH) is a selector. The page sees that event and could send it or stop it
// too, which gains it nothing it does not have: it owns its DOM and could
// simply not change it. The content scripts read every fact themselves, in
// their own world, at most once a frame however often the hint arrives; a
// key is only ever released on the admin's click, for the fields the core
// recognised (key-fill.js). So no built-in is guarded against the page
// here: whatever a page changed, the worst it gets is a hint too many or
// one too few.
//
// Runs from document_start, before any script of the page; watches once
// the content scripts ask (WATCH). Generic: the content scripts say which
// elements name things; it knows no guide.
// @ts-check
'use strict';

/** @type {IkaPageChanges} */
var ikaPageChanges = (() => {
  // The event that means "look again" (guide-adapter.js listens for it).
  const HINT = 'ika-page-changed';
  // The event that starts the watch, its detail the selector of what names
  // things (page-facts.js NAMING: one list, kept by the content scripts).
  // Nothing is watched before it arrives. Sent by the page instead, it can
  // only make hints come more often or not at all.
  const WATCH = 'ika-watch-page';
  /** @type {string} */
  let naming = '';
  // Node.ELEMENT_NODE.
  const ELEMENT_NODE = 1;

  // The naming elements, and a set of them and every element inside them,
  // as the page stood after the last relevant change: a change under one
  // of them is news, and so is one of them leaving the page. A set, so
  // that judging a record never walks the target's ancestors (`closest`
  // per record costs a busy page several times what the whole observer
  // does otherwise); removals are checked on the naming elements once a
  // batch, so that no record's removed nodes are read. No limit: a page
  // with a huge dialog pays one walk of it per relevant change, never one
  // per record.
  /** @type {Element[]} */
  let namingElements = [];
  /** @type {Set<Node | null>} */
  let watched = new Set();

  function watchNaming() {
    namingElements = [...document.querySelectorAll(naming)];
    watched = new Set();
    for (const el of namingElements) {
      watched.add(el);
      for (const node of el.querySelectorAll('*')) watched.add(node);
    }
  }

  // Whether `el` names something, or holds what does.
  /** @param {Element} el */
  const names = (el) => el.matches(naming) || Boolean(el.querySelector(naming));

  // Whether one change record can alter what the content scripts read
  // (removals apart: `onMutations`); `body` is the document's, read once
  // a batch.
  /**
   * @param {MutationRecord} record
   * @param {HTMLElement} body
   */
  function isRelevant(record, body) {
    const { type } = record;
    const target = /** @type {Element} */ (record.target);
    // Text edited in place: news inside a naming element only.
    if (type === 'characterData') return watched.has(target.parentElement);
    // Children of the body come and go with dialogs, and with what hides
    // the page around one; the body's attributes and theirs show and hide it.
    if (target === body || watched.has(target)) return true;
    // Any attribute of, inside or around a naming element can rename,
    // enable, show or hide it; a class on a plain cell cannot.
    if (type === 'attributes') return target.parentNode === body || names(target);
    // A parent left without element children keeps none of the added ones
    // (one moved on is in its new parent's record): a cell's new text is
    // not read.
    if (target.firstElementChild === null) return false;
    const added = record.addedNodes;
    for (let i = 0, n = added.length; i < n; i += 1) {
      const node = added[i];
      if (node.nodeType === ELEMENT_NODE && names(/** @type {Element} */ (node))) return true;
    }
    return false;
  }

  /** @param {MutationRecord[]} records */
  function onMutations(records) {
    const { body } = document;
    let news = namingElements.some((el) => !el.isConnected);
    for (let i = 0; !news && i < records.length; i += 1) news = isRelevant(records[i], body);
    if (!news) return;
    // What names things may have changed: read it again now, while what
    // just came is still on the page (its leaving is news next time).
    watchNaming();
    document.dispatchEvent(new Event(HINT));
  }

  const observer = new MutationObserver(onMutations);
  document.addEventListener(WATCH, (event) => {
    const { detail } = /** @type {CustomEvent} */ (event);
    if (typeof detail !== 'string') return;
    naming = detail;
    watchNaming();
    // A plain literal: the benchmark's floor observer copies it.
    observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });

  return { HINT, WATCH, isRelevant };
})();
