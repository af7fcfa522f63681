// Reads the guide overlay from outside its closed shadow root, the way
// assistive technology and DevTools do: through the DevTools protocol. The
// page itself cannot do this, which is the point of the closed root.

const HOST_TAG = 'ika-guide-overlay';

async function describeOverlay(cdp, { keyboard = false } = {}) {
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const host = findNode(root, (n) => n.localName === HOST_TAG);
  if (!host) return null;
  const shadow = (host.shadowRoots || [])[0];
  if (!shadow) return { shadowRootType: null };
  const callout = findNode(shadow, (n) => attr(n, 'role') === 'dialog');
  const spotlight = findNode(shadow, (n) => attr(n, 'class') === 'spotlight');
  const resolve = async (node) => (await cdp.send('DOM.resolveNode', { backendNodeId: node.backendNodeId })).object.objectId;
  const read = async (node, fn) => (await cdp.send('Runtime.callFunctionOn', {
    objectId: await resolve(node), functionDeclaration: fn, returnByValue: true,
  })).result.value;
  const box = 'function () { const r = this.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height, hidden: this.hidden || getComputedStyle(this).display === "none" }; }';
  return {
    shadowRootType: shadow.shadowRootType,
    // Hidden by the page's attribute or by the overlay itself (Esc).
    hostHidden: await read(host, 'function () { return this.hidden; }')
      || Boolean(callout && await read(callout, 'function () { return this.getClientRects().length === 0; }')),
    hostAttributes: await read(host, 'function () { return this.getAttributeNames(); }'),
    hostInTopLayer: await read(host, 'function () { return this.matches(":popover-open"); }'),
    hostParent: await read(host, 'function () { return this.parentNode?.localName ?? null; }'),
    callout: callout && {
      role: attr(callout, 'role'),
      ariaModal: attr(callout, 'aria-modal'),
      text: await read(callout, 'function () { return this.innerText; }'),
      labelText: await read(callout, 'function () { const id = this.getAttribute("aria-labelledby"); return this.getRootNode().getElementById(id)?.textContent ?? null; }'),
      box: await read(callout, box),
      buttons: await read(callout, 'function () { return [...this.querySelectorAll("button")].filter((b) => !b.hidden).map((b) => { const r = b.getBoundingClientRect(); return { text: b.textContent, x: r.x + r.width / 2, y: r.y + r.height / 2 }; }); }'),
    },
    spotlight: spotlight && await read(spotlight, box),
    ...(keyboard ? await read(shadow, KEYBOARD_FACTS) : {}),
  };
}

// For keyboard and screen-reader tests (asked for with `{ keyboard: true }`,
// so that other tests' reads stay as quick as they were): what has focus
// inside the closed root ('callout' for the dialog itself, a button's text,
// or null), the live region's text, and the "Show guide" control as drawn
// (null: hidden).
const KEYBOARD_FACTS = `function () {
  const a = this.activeElement;
  const b = this.querySelector('.show-guide');
  const r = b && !b.hidden ? b.getBoundingClientRect() : null;
  return {
    focus: a ? (a.getAttribute('role') === 'dialog' ? 'callout' : a.textContent) : null,
    live: this.querySelector('[aria-live]')?.textContent ?? null,
    showGuide: r && { x: r.x + r.width / 2, y: r.y + r.height / 2, width: r.width, height: r.height },
  };
}`;

function findNode(node, test) {
  if (test(node)) return node;
  for (const child of [...(node.children || []), ...(node.shadowRoots || []), ...(node.contentDocument ? [node.contentDocument] : [])]) {
    const hit = findNode(child, test);
    if (hit) return hit;
  }
  return null;
}

function attr(node, name) {
  const a = node.attributes || [];
  for (let i = 0; i < a.length; i += 2) if (a[i] === name) return a[i + 1];
  return null;
}

/** Accessible name and role of the callout as the browser computes them. */
export async function accessibleDialogs(cdp) {
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  return nodes
    .filter((n) => n.role && n.role.value === 'dialog' && !n.ignored)
    .map((n) => ({ name: n.name ? n.name.value : '', description: n.description ? n.description.value : '' }));
}

export async function overlayProbe(page, options = {}) {
  const cdp = await page.context().newCDPSession(page);
  const describe = () => describeOverlay(cdp, options);
  return {
    read: describe,
    /** Polls until `predicate(state)` holds; returns that state. */
    async until(predicate, { timeout = 8000 } = {}) {
      const end = Date.now() + timeout;
      let state = null;
      while (Date.now() < end) {
        state = await describe();
        if (state && predicate(state)) return state;
        await page.waitForTimeout(50);
      }
      throw new Error(`overlay never reached the expected state; last: ${JSON.stringify(state)}`);
    },
    accessibleDialogs: () => accessibleDialogs(cdp),
    /**
     * Clicks a callout button the way a person does (a trusted mouse click),
     * after looking at it first: security-relevant buttons ignore clicks in
     * their first 500 ms on screen or in a new place. `{ atOnce: true }`
     * clicks without waiting.
     */
    async press(text, { atOnce = false } = {}) {
      const find = async () => (await describeOverlay(cdp))?.callout?.buttons.find((b) => b.text === text);
      let button = await find();
      for (let looks = 0; !atOnce && button && looks < 5; looks += 1) {
        await page.waitForTimeout(700);
        const again = await find();
        const still = again && again.x === button.x && again.y === button.y;
        button = again;
        if (still) break;
      }
      const state = await describeOverlay(cdp);
      if (!button) throw new Error(`no callout button "${text}" in ${JSON.stringify(state?.callout?.buttons)}`);
      await page.mouse.click(button.x, button.y);
    },
    detach: () => cdp.detach(),
  };
}
