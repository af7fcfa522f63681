// Which OpenAI layout the replica draws: '2025' (default) or '2026'. The
// server keeps a `?layout=` choice in the `practice-layout` cookie
// (tests/practice-site/layout.mjs); the query wins on the page that has it.
// 2026 policy knobs, read on the keys page: `?expiry=required|optional|none`,
// `?keys=service-only`, `?mixed=1`.
const LAYOUTS = ['2025', '2026'];

function chosen() {
  const asked = new URLSearchParams(window.location.search).get('layout');
  if (LAYOUTS.includes(asked)) return asked;
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('practice-layout='));
  const value = cookie ? cookie.split('=')[1] : '';
  return LAYOUTS.includes(value) ? value : '2025';
}

export const LAYOUT = chosen();
export const is2026 = LAYOUT === '2026';

/** The organisation's key policies, as the 2026 create-key dialog applies them. */
export function keyPolicy(params = new URLSearchParams(window.location.search)) {
  const expiry = params.get('expiry');
  return {
    expiry: ['required', 'optional', 'none'].includes(expiry) ? expiry : 'optional',
    serviceOnly: params.get('keys') === 'service-only',
    mixed: params.get('mixed') === '1',
  };
}
