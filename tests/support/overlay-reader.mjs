// The one reader of the guide overlay's closed shadow root, for every test
// driver. Neither the page nor a content script can reach that root; the
// drivers can, each its own way, and only that part differs here:
//   Chromium  the DevTools protocol pierces closed roots (chromiumOverlayRoot)
//   Firefox   WebDriver BiDi serializes an element's shadow root, closed or
//             not, as a shared reference a later call can take as an
//             argument (firefoxOverlayRoot)
// Either way the driver hands the root to readOverlayIn, which runs in the
// page with the root as its argument; it is self-contained for that reason.

const HOST_TAG = 'ika-guide-overlay';

/** Runs in the page. Returns the overlay's state as plain data. */
export function readOverlayIn(root) {
  const boxOf = (el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height, hidden: el.hidden || getComputedStyle(el).display === 'none' };
  };
  const centre = (el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2, width: r.width, height: r.height };
  };
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const host = root.host;
  const callout = root.querySelector('[role="dialog"]');
  const spotlight = root.querySelector('.spotlight');
  const labelledBy = callout && callout.getAttribute('aria-labelledby');
  const title = labelledBy ? root.getElementById(labelledBy) : null;
  const showGuide = root.querySelector('.show-guide');
  const active = root.activeElement;
  // Staged (its target still rendering): laid out but invisible, which is
  // not shown to anyone (hidden by Esc, it has no boxes at all).
  const staged = Boolean(callout) && callout.getClientRects().length > 0 && !callout.checkVisibility({ visibilityProperty: true });
  // Elements the practice site marks as the one a person would use, by step id.
  const intended = {};
  for (const el of host.ownerDocument.querySelectorAll('[data-practice-intended]')) {
    if (el.getBoundingClientRect().width > 0) intended[el.getAttribute('data-practice-intended')] = boxOf(el);
  }
  return {
    isShadowRoot: root instanceof ShadowRoot,
    shadowRootType: root.mode,
    shown: host.isConnected && !host.hidden,
    hostHidden: host.hidden,
    hostAttributes: host.getAttributeNames(),
    hostInTopLayer: host.matches(':popover-open'),
    hostParent: host.parentNode?.localName ?? null,
    staged,
    callout: !callout || staged ? null : {
      role: callout.getAttribute('role'),
      ariaModal: callout.getAttribute('aria-modal'),
      labelledBy,
      text: callout.innerText,
      labelText: title ? title.textContent : null,
      titleTag: title ? title.localName : null,
      title: title ? norm(title.textContent) : null,
      progress: norm(callout.querySelector('p.progress')?.textContent) || null,
      box: boxOf(callout),
      // Whether the overlay's stylesheet applies (it makes the callout fixed).
      styled: getComputedStyle(callout).position === 'fixed',
      buttons: [...callout.querySelectorAll('button')].filter((b) => !b.hidden).map((b) => {
        const { x, y } = centre(b);
        return { text: b.textContent, x, y };
      }),
    },
    // Hidden by Esc or the close button (the host stays).
    calloutHidden: Boolean(callout) && callout.getClientRects().length === 0,
    // The advice lines under the instruction (warnings about the page's choices).
    advice: [...root.querySelectorAll('.advice li')].map((li) => li.textContent),
    spotlight: spotlight && boxOf(spotlight),
    // What has focus in the root: 'callout' (the dialog itself), a button's text, or null.
    focus: active ? (active.getAttribute('role') === 'dialog' ? 'callout' : active.textContent) : null,
    live: root.querySelector('[aria-live]')?.textContent ?? null,
    // The "Show guide" control as drawn (null: hidden).
    showGuide: showGuide && !showGuide.hidden ? centre(showGuide) : null,
    intended,
  };
}

function findNode(node, test) {
  if (test(node)) return node;
  for (const child of [...(node.children || []), ...(node.shadowRoots || []), ...(node.contentDocument ? [node.contentDocument] : [])]) {
    const hit = findNode(child, test);
    if (hit) return hit;
  }
  return null;
}

/**
 * Chromium: the overlay's shadow root as a DevTools remote object id, in the
 * page's main world or in `executionContextId`; null without an overlay.
 * The host is looked for everywhere (frames and shadow roots too), or, with
 * `topDocument`, only among the top document's elements: a much cheaper
 * query for suites that read the overlay hundreds of times.
 */
export async function chromiumOverlayRoot(cdp, { executionContextId, topDocument = false } = {}) {
  let shadow;
  if (topDocument) {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: HOST_TAG });
    if (!nodeId) return null;
    const { node } = await cdp.send('DOM.describeNode', { nodeId, pierce: true, depth: 0 });
    shadow = (node.shadowRoots || [])[0];
  } else {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const host = findNode(root, (n) => n.localName === HOST_TAG);
    shadow = host && (host.shadowRoots || [])[0];
  }
  if (!shadow) return null;
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId, executionContextId });
  return object.objectId;
}

/** Chromium: the overlay's state through a CDP session, or null without an overlay. */
export async function readOverlayChromium(cdp, { topDocument = false } = {}) {
  const objectId = await chromiumOverlayRoot(cdp, { topDocument });
  return objectId ? readOverlayAt(cdp, objectId) : null;
}

/** Chromium: the state of the overlay whose shadow root is the remote object `objectId`. */
export async function readOverlayAt(cdp, objectId) {
  const { result } = await cdp.send('Runtime.callFunctionOn', {
    objectId, functionDeclaration: `function () { return (${readOverlayIn})(this); }`, returnByValue: true,
  });
  return result.value;
}

// `connection` is puppeteer-core's BiDi connection (`browser.connection`).
async function bidiCall(connection, context, functionDeclaration, args = []) {
  const { result } = await connection.send('script.callFunction', {
    functionDeclaration,
    target: { context },
    arguments: args,
    awaitPromise: true,
    resultOwnership: 'none',
    // The shadow root's own children are not needed, only its shared id.
    serializationOptions: { maxDomDepth: 0 },
  });
  if (result.type === 'exception') {
    throw new Error(`script.callFunction threw: ${result.exceptionDetails?.text || JSON.stringify(result.exceptionDetails)}`);
  }
  return result.result;
}

/**
 * Firefox: whether the overlay's host is in the top document, and the BiDi
 * shared id and mode of its shadow root (open or closed) when it has one.
 * @returns {Promise<{exists: boolean, shadowId?: string, shadowMode?: string}>}
 */
export async function firefoxOverlayRoot(connection, context) {
  const host = await bidiCall(connection, context, `() => document.querySelector('${HOST_TAG}')`);
  if (!host || host.type !== 'node') return { exists: false };
  const shadow = host.value?.shadowRoot;
  return { exists: true, shadowId: shadow?.sharedId, shadowMode: shadow?.value?.mode };
}

/** Firefox: the overlay's state through a BiDi connection, or null without an overlay. */
export async function readOverlayFirefox(connection, context) {
  const { shadowId } = await firefoxOverlayRoot(connection, context);
  if (!shadowId) return null;
  const json = await bidiCall(connection, context, `(root) => JSON.stringify((${readOverlayIn})(root))`, [{ sharedId: shadowId }]);
  return JSON.parse(json.value);
}
