// The OpenAI layout the replica draws: the 2025 pages (the default) or the
// 2026 ones. Chosen with `?layout=2026|2025` on any OpenAI page; the choice
// is then kept in a `practice-layout` cookie for all of openai.com, so it
// lasts across the flow's page loads (auth → platform) and in-app navigation.
export const LAYOUTS = Object.freeze(['2025', '2026']);
export const DEFAULT_LAYOUT = '2025';
export const LAYOUT_COOKIE = 'practice-layout';

/** The layout asked for by the query, if any. */
function askedLayout(url) {
  const asked = url.searchParams.get('layout');
  return LAYOUTS.includes(asked) ? asked : null;
}

function cookieLayout(req) {
  const header = String(req.headers.cookie || '');
  const found = header.split(/;\s*/).find((c) => c.startsWith(`${LAYOUT_COOKIE}=`));
  const value = found ? found.slice(LAYOUT_COOKIE.length + 1) : '';
  return LAYOUTS.includes(value) ? value : null;
}

/** The layout of this request: the query first, then the cookie, then the default. */
export function layoutOf(req, url) {
  return askedLayout(url) || cookieLayout(req) || DEFAULT_LAYOUT;
}

/** A Set-Cookie header that keeps a layout asked for by the query; {} otherwise. */
export function layoutCookieHeader(url) {
  const asked = askedLayout(url);
  if (!asked) return {};
  return { 'Set-Cookie': `${LAYOUT_COOKIE}=${asked}; Domain=openai.com; Path=/; Secure; SameSite=Lax` };
}
