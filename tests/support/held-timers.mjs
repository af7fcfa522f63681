// A controllable clock for one time limit. In a page or the service worker,
// timers set for exactly `ms` are held instead of run: a test checks that
// the limit was set and that nothing is decided before it passes, then
// makes it pass at once instead of waiting it out. Other timers run as usual.

/**
 * @param {{ evaluate: Function }} where a Playwright Page or Worker
 * @param {number} ms the limit's length
 */
export async function holdTimers(where, ms) {
  await where.evaluate((limit) => {
    const real = globalThis.setTimeout;
    globalThis.heldTimers = { real, runs: [] };
    globalThis.setTimeout = (fn, delay, ...args) => {
      if (delay !== limit) return real(fn, delay, ...args);
      globalThis.heldTimers.runs.push(() => fn(...args));
      return -globalThis.heldTimers.runs.length; // clearTimeout ignores it
    };
  }, ms);
  return {
    /** How many timers of that length are waiting. */
    held: () => where.evaluate(() => globalThis.heldTimers.runs.length),
    /** The limit passes: every held timer runs now. */
    expire: () => where.evaluate(() => { globalThis.heldTimers.runs.splice(0).forEach((run) => run()); }),
    /** The real setTimeout again, for what follows in a shared browser. */
    release: () => where.evaluate(() => {
      globalThis.setTimeout = globalThis.heldTimers.real;
      delete globalThis.heldTimers;
    }),
  };
}
