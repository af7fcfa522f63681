// Response helpers: every answer of the practice site goes through `send`, so
// every answer (pages, scripts, styles, redirects, errors) carries the same
// strict security headers as a careful real site would.
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

export const BASE_CSP = "default-src 'self'; script-src 'self'; object-src 'none'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string|Buffer} body
 * @param {{type?: string, csp?: string, headers?: Record<string,string>}} [opts]
 */
export function send(res, status, body, { type = TYPES['.txt'], csp = BASE_CSP, headers = {} } = {}) {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  res.writeHead(status, {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Content-Type': type,
    'Content-Length': String(buf.length),
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : buf);
}

export function redirect(res, status, location, headers = {}) {
  send(res, status, `Redirecting to ${location}\n`, { headers: { ...headers, Location: location } });
}

export function notFound(res, what = 'page') {
  send(res, 404, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>`
    + `<body><h1>Not found</h1><p>This practice site has no such ${what}.</p></body></html>\n`,
  { type: TYPES['.html'] });
}

/**
 * Serve one file, named relative to `dir`, with a CSP chosen by the caller.
 * `headExtra`: markup added at the end of an HTML page's <head>; `headers`: more
 * response headers (a test knob's cookie).
 */
export async function sendFile(res, dir, relPath, { csp = BASE_CSP, headExtra = '', headers = {} } = {}) {
  const type = TYPES[extname(relPath)];
  const root = resolve(dir);
  const full = resolve(root, relPath);
  if (!type || !full.startsWith(root + sep)) return notFound(res, 'file');
  let body;
  try {
    body = await readFile(full);
  } catch {
    return notFound(res, 'file');
  }
  if (headExtra) body = Buffer.from(body.toString('utf8').replace('</head>', `${headExtra}</head>`), 'utf8');
  return send(res, 200, body, { type, csp, headers });
}

/**
 * `/assets/<file>` → a file under `dir`; anything odd → 404. Assets may be
 * cached for an hour, as a real site's static files are: a page load then
 * costs the browser what it costs there, not 20 script fetches and compiles.
 */
export function sendAsset(res, dir, pathname) {
  let rel;
  try {
    rel = decodeURIComponent(pathname.slice('/assets/'.length));
  } catch {
    return notFound(res, 'file');
  }
  if (!rel || rel.includes('\0') || rel.split('/').some((part) => part === '..' || part === '')) {
    return notFound(res, 'file');
  }
  return sendFile(res, dir, rel, { headers: { 'Cache-Control': 'max-age=3600' } });
}
