// A quick read of where the guide's spotlight is and what its callout says,
// through the DevTools protocol (the overlay lives in a closed shadow root),
// together with the boxes of the elements a test marks as intended ones
// (`data-practice-intended`, valued by step id).
// Cheaper than overlay-probe.mjs's full read: four protocol calls, for
// suites that read the overlay hundreds of times.

const READ = `function () {
  const box = (el) => {
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  };
  const host = this.host;
  const spot = this.querySelector('.spotlight');
  const callout = this.querySelector('[role=dialog]');
  const intended = {};
  for (const el of host.ownerDocument.querySelectorAll('[data-practice-intended]')) {
    if (el.getBoundingClientRect().width > 0) intended[el.getAttribute('data-practice-intended')] = box(el);
  }
  return {
    shown: host.isConnected && !host.hidden,
    callout: callout ? callout.innerText : '',
    spotlight: spot && !spot.hidden && getComputedStyle(spot).display !== 'none' ? box(spot) : null,
    intended,
  };
}`;

export async function spotlightReader(page) {
  const cdp = await page.context().newCDPSession(page);
  return {
    /** `{shown, callout, spotlight, intended: {stepId: box}}`, or null without an overlay. */
    async read() {
      const { result } = await cdp.send('Runtime.evaluate', { expression: 'document.querySelector("ika-guide-overlay")' });
      if (!result.objectId) return null;
      const { node } = await cdp.send('DOM.describeNode', { objectId: result.objectId, pierce: true, depth: 0 });
      const shadow = (node.shadowRoots || [])[0];
      if (!shadow) return null;
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
      const { result: value } = await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId, functionDeclaration: READ, returnByValue: true,
      });
      return value.value;
    },
    detach: () => cdp.detach(),
  };
}
