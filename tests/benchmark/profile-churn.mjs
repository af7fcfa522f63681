// Where the extension's main-thread time goes on the churn page: a 5 s CPU
// profile with the extension loaded, summed by function (content scripts
// and the page's own script). A diagnostic run by hand after a build:
//   node tests/benchmark/profile-churn.mjs
import { startPracticeSite } from '../practice-site/server.mjs';
import { launchWithExtension } from '../support/extension-browser.mjs';
import { CHURN_HTML, CHURN_JS } from './churn-page.mjs';
const CSP = "default-src 'self'; script-src 'self'; object-src 'none'";
const site = await startPracticeSite();
const b = await launchWithExtension(site);
await b.context.route('https://platform.openai.com/bench/**', (route) => {
  const p = new URL(route.request().url()).pathname;
  const body = p === '/bench/api-keys' ? CHURN_HTML : CHURN_JS;
  route.fulfill({ status: 200, contentType: p === '/bench/api-keys' ? 'text/html' : 'text/javascript', body, headers: { 'content-security-policy': CSP } });
});
const page = await b.context.newPage();
await page.goto('https://platform.openai.com/bench/api-keys');
await page.waitForFunction(() => Boolean(document.querySelector('ika-guide-overlay')), null, { timeout: 10000 });
await page.waitForTimeout(500);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
await page.evaluate(() => window.churn(5000));
const { profile } = await cdp.send('Profiler.stop');
const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas; 
profile.samples.forEach((id, i) => { const n = byNode.get(id); const f = n.callFrame; const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`; self.set(key, (self.get(key) || 0) + (dt[i] || 0) / 1000); });
console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(1)} ms  ${k}`).join('\n'));
await b.close(); await site.close();
