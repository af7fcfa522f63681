// Request routing for the practice site: by Host header first, then by path.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  INNOSLATE_HOSTS, OPENAI_API_HOST, OPENAI_AUTH_HOST, OPENAI_PLATFORM_HOST,
} from './hosts.mjs';
import { layoutCookieHeader, layoutOf } from './layout.mjs';
import { apiSite } from './openai/api.mjs';
import {
  BASE_CSP, notFound, redirect, send, sendAsset, sendFile,
} from './respond.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const AUTH_DIR = join(HERE, 'openai', 'auth');
const PLATFORM_DIR = join(HERE, 'openai', 'platform');
const INNOSLATE_DIR = join(HERE, 'innoslate');
const ATTACKS_DIR = join(HERE, 'attacks');
const ATTACKS_SCRIPT = '/practice-attacks.js';

// Test-only: `?attack=NAME` adds the page script of attacks.js to a page, so
// the attack runs in the page's own world, under the page's own CSP.
function attackTag(url) {
  return url.searchParams.has('attack') ? `<script type="module" src="${ATTACKS_SCRIPT}"></script>\n` : '';
}

function authSite(req, res, url) {
  const pages = {
    '/log-in': 'log-in.html',
    '/log-in/password': 'password.html',
    '/create-account': 'create-account.html',
    // The 2026 sign-in pages (served whatever the layout, as the real host does).
    '/log-in-or-create-account': 'log-in-or-create-account.html',
    '/choose-an-account': 'choose-an-account.html',
    '/mfa-challenge': 'mfa-challenge.html',
    '/mfa-challenge/email-otp': 'email-otp.html',
  };
  if (url.pathname === '/') {
    const start = layoutOf(req, url) === '2026' ? '/log-in-or-create-account' : '/log-in';
    return redirect(res, 302, start, layoutCookieHeader(url));
  }
  if (pages[url.pathname]) return sendFile(res, AUTH_DIR, pages[url.pathname], { headers: layoutCookieHeader(url) });
  if (url.pathname.startsWith('/assets/')) return sendAsset(res, AUTH_DIR, url.pathname);
  return notFound(res);
}

function platformSite(req, res, url) {
  if (url.pathname === '/auth/callback') {
    if (!url.searchParams.get('code')) return send(res, 400, 'Missing code\n');
    // 2026: a new account lands on the organization step first, others on /home.
    if (layoutOf(req, url) !== '2026') return redirect(res, 302, `https://${OPENAI_PLATFORM_HOST}/`);
    const next = url.searchParams.get('signup') === '1' ? '/welcome?step=create' : '/home';
    return redirect(res, 302, `https://${OPENAI_PLATFORM_HOST}${next}`);
  }
  if (url.pathname.startsWith('/assets/')) return sendAsset(res, PLATFORM_DIR, url.pathname);
  // A single-page app: one shell for every other path; the router draws the page.
  return sendFile(res, PLATFORM_DIR, 'index.html', { headExtra: attackTag(url), headers: layoutCookieHeader(url) });
}

function innoslateSite(req, res, url) {
  const pages = {
    '/': ['index.html', BASE_CSP],
    '/acme/admin/dashboard': ['dashboard.html', BASE_CSP],
    // Frameable by its own origin only, as a real admin page would be.
    '/acme/admin/preferences': ['preferences.html', `${BASE_CSP}; frame-ancestors 'self'`],
    '/acme/admin/preferences-in-frame': ['preferences-in-frame.html', `${BASE_CSP}; frame-src 'self'`],
    '/acme/admin/other': ['other.html', BASE_CSP],
    // Pages whose content others wrote or that try to catch the key.
    '/acme/p/7/discussions/42': ['discussion.html', BASE_CSP],
    '/acme/p/7/discussions/44': ['discussion.html', BASE_CSP],
    '/acme/p/7/documents/huge': ['huge.html', BASE_CSP],
  };
  const page = pages[url.pathname];
  if (page) return sendFile(res, INNOSLATE_DIR, page[0], { csp: page[1], headExtra: attackTag(url) });
  if (url.pathname.startsWith('/assets/')) return sendAsset(res, INNOSLATE_DIR, url.pathname);
  return notFound(res);
}

const SITES = new Map([
  [OPENAI_AUTH_HOST, authSite],
  [OPENAI_PLATFORM_HOST, platformSite],
  [OPENAI_API_HOST, apiSite],
  ...INNOSLATE_HOSTS.map((h) => [h, innoslateSite]),
]);
const HTTPS_ONLY = new Set([OPENAI_AUTH_HOST, OPENAI_PLATFORM_HOST, OPENAI_API_HOST]);

/** Host header without the port, lower-cased; '' when absent. */
export function hostOf(req) {
  const raw = String(req.headers.host || '').trim().toLowerCase();
  if (raw.startsWith('[')) return raw.slice(0, raw.indexOf(']') + 1);
  return raw.replace(/:\d*$/, '').replace(/\.$/, '');
}

/** @param {'http'|'https'} scheme */
export function createRequestHandler(scheme) {
  return async (req, res) => {
    try {
      const host = hostOf(req);
      const site = SITES.get(host);
      if (!site) {
        return send(res, 421, 'Misdirected Request: this practice server does not serve that host.\n');
      }
      // The API replica takes POST and CORS preflights, and answers plain
      // http with an error as the real API does, never with a redirect.
      if (host === OPENAI_API_HOST) {
        if (scheme === 'http') return send(res, 403, '{"error":{"message":"HTTPS is required"}}\n', { type: 'application/json' });
        return await apiSite(req, res, new URL(req.url, `https://${host}`));
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(res, 405, 'Method Not Allowed\n', { headers: { Allow: 'GET, HEAD' } });
      }
      const url = new URL(req.url, `${scheme}://${host}`);
      // The real OpenAI hosts are HTTPS only; Innoslate hosts also answer on plain
      // HTTP so tests can prove the extension refuses an insecure page.
      if (scheme === 'http' && HTTPS_ONLY.has(host)) {
        return redirect(res, 301, `https://${host}${url.pathname}${url.search}`);
      }
      // No icons: answer "no content" so browsers do not log a 404 for them.
      if (url.pathname === '/favicon.ico') return send(res, 204, '');
      if (url.pathname === ATTACKS_SCRIPT) return await sendFile(res, ATTACKS_DIR, 'attacks.js');
      return await site(req, res, url);
    } catch (err) {
      if (!res.headersSent) return send(res, 500, 'Internal error in the practice site\n');
      res.destroy(err);
    }
  };
}
