// Runs test code on the guide overlay's closed shadow root from a test-only
// isolated world, reached through the DevTools protocol. The product's root
// stays closed: the page (and its own world) still cannot reach it. Anything
// a test defines there (axe-core, a shadowRoot property on the host's
// wrapper) exists in that world alone.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromiumOverlayRoot } from './overlay-reader.mjs';

const AXE_SOURCE = path.resolve('node_modules/axe-core/axe.min.js');

/** A fresh isolated world on `page`'s top frame, with calls on the overlay's shadow root. */
export async function overlayWorld(page) {
  const cdp = await page.context().newCDPSession(page);
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'overlay test' });
  async function rootObject() {
    const objectId = await chromiumOverlayRoot(cdp, { executionContextId });
    if (!objectId) throw new Error('the overlay is not on the page');
    return objectId;
  }
  /** Calls `fn` (its source) with `this` the shadow root and `args` as its arguments; returns its (awaited) value. */
  async function call(fn, ...args) {
    const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
      objectId: await rootObject(), functionDeclaration: String(fn), arguments: args.map((value) => ({ value })),
      returnByValue: true, awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description || exceptionDetails.text);
    return result.value;
  }
  return {
    call,
    /**
     * Runs axe-core on the callout (WCAG 2.0-2.2 A and AA rules). Returns
     * its violations as { id, help, targets }, and how many elements the
     * colour-contrast rule measured (so a run that saw nothing shows).
     * Throws when a rule ended in an error rather than a result.
     */
    async axe() {
      const source = await readFile(AXE_SOURCE, 'utf8');
      const loaded = await cdp.send('Runtime.evaluate', { expression: source, contextId: executionContextId });
      if (loaded.exceptionDetails) throw new Error(`axe-core did not load: ${loaded.exceptionDetails.text}`);
      const outcome = await call(async function runAxe() {
        const root = this;
        // axe walks into shadow roots through host.shadowRoot, which a closed
        // root hides: give this world's wrapper of the host the root.
        Object.defineProperty(root.host, 'shadowRoot', { get: () => root, configurable: true });
        // axe lays out what it measures (colour contrast: what lies under
        // each text) by walking document.body, and gives each element its
        // stacking order from its parent's, which that walk must have
        // reached first (otherwise the whole colour-contrast rule ends in an
        // error, reported only as "incomplete" on its first text). The host
        // lives either beside the body, under <html>, where the walk would
        // miss it: then this world's body is the host, whose parent <html>
        // axe lays out on its own; or inside the body (re-homed into a
        // page's modal dialog): then the real body's walk passes the host's
        // ancestors before the host.
        if (!document.body || !document.body.contains(root.host)) {
          Object.defineProperty(document, 'body', { get: () => root.host, configurable: true });
        }
        const result = await globalThis.axe.run({ include: [root.host] }, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
        });
        const measured = [...result.passes, ...result.violations].filter((r) => r.id === 'color-contrast')
          .reduce((n, r) => n + r.nodes.length, 0);
        return {
          violations: result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`) })),
          measured,
          // A rule that throws is skipped whole and shows only as
          // "incomplete" on one node.
          errors: result.incomplete.filter((r) => r.error).map((r) => `${r.id}: ${r.error.message}`),
        };
      });
      if (outcome.errors.length) throw new Error(`axe could not check the callout: ${outcome.errors.join('; ')}`);
      return { violations: outcome.violations, measured: outcome.measured };
    },
    detach: () => cdp.detach(),
  };
}
