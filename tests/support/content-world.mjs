import { readFileSync } from 'node:fs';

// Runs code inside our content script's isolated world on a page, through
// the DevTools protocol: the way to send a forged message exactly as a
// compromised or confused content script on that page could.
export async function inContentScript(page, expression) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const contexts = [];
    cdp.on('Runtime.executionContextCreated', (event) => contexts.push(event.context));
    await cdp.send('Runtime.enable');
    const world = contexts.find((c) => c.name === 'Innoslate Key Assistant' && c.auxData && c.auxData.frameId === frameTree.frame.id);
    if (!world) throw new Error('the content script is not running in this page\'s top frame');
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      expression, contextId: world.id, awaitPromise: true, returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description || exceptionDetails.text);
    return result.value;
  } finally {
    await cdp.detach();
  }
}

// The shipped content scripts are one minified bundle whose functions are
// its own (xtask/src/extension_build.rs): a test that calls the page report
// builder in the content script's world first runs page-facts.js there,
// which defines ikaPageFacts in that world.
const PAGE_FACTS = readFileSync('extension/content/page-facts.js', 'utf8');

/** `expression` (which may use ikaPageFacts) after page-facts.js, as one script. */
export const withPageFacts = (expression) => `${PAGE_FACTS}\n;${expression}`;
