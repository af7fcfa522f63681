// An extension page whose own wasm core starts late, or never: the start
// (WebAssembly.instantiate*) is held from before the page's scripts run,
// as on a busy machine, until the test lets it go or makes it fail.

/**
 * Opens `url` in a new page of `context` with its wasm start held.
 * @param {import('@playwright/test').BrowserContext} context
 * @param {string} url
 */
export async function openWithWasmHeld(context, url) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    const held = new Promise((resolve, reject) => { globalThis.wasmStart = { resolve, reject }; });
    for (const name of ['instantiate', 'instantiateStreaming']) {
      const real = WebAssembly[name];
      WebAssembly[name] = async (...args) => { await held; return real.apply(WebAssembly, args); };
    }
  });
  await page.goto(url);
  return {
    page,
    /** Lets the held start go on. */
    release: () => page.evaluate(() => globalThis.wasmStart.resolve()),
    /** Makes the held start fail, as a broken or blocked module would. */
    fail: () => page.evaluate(() => globalThis.wasmStart.reject(new Error('held start refused'))),
  };
}
