// Entry point of the platform replica: the frame (a top bar, or the 2026
// sidebar), the router and the route table of the chosen layout.
import { h } from './dom.js';
import { is2026 } from './layout.js';
import { startRouter } from './router.js';
import { getState } from './state.js';
import * as variant from './variant.js';
import { home2026View, homeView, productView } from './views/home.js';
import { keys2026View } from './views/keys-2026.js';
import { keysView } from './views/keys.js';
import { notFoundView, settingsView } from './views/settings.js';
import { sidebar } from './views/sidebar.js';
import { welcomeView } from './views/welcome.js';

const KEYS_PATHS = /^\/(?:api-keys|settings\/(?:organization|proj_[A-Za-z0-9]+)\/api-keys)\/?$/;

const ROUTES = [
  [/^\/$/, homeView],
  [/^\/welcome\/?$/, welcomeView],
  [KEYS_PATHS, keysView],
  [/^\/settings\//, settingsView],
];

// 2026: /home is the landing page (`/` is sent there); the sidebar's
// product pages exist as stubs.
const ROUTES_2026 = [
  [/^\/home\/?$/, home2026View],
  [/^\/welcome\/?$/, welcomeView],
  [KEYS_PATHS, keys2026View],
  [/^\/settings\//, settingsView],
  [/^\/(?:chat|audio|images|codex|usage|logs|batches|storage)\/?$/, productView],
];

function topBar() {
  const crumb = h('span', { class: 'crumb' });
  const bar = h('header', { class: 'topbar' },
    h('a', { class: 'logo', href: '/' }, 'OpenAI Platform'),
    crumb,
    h('nav', { class: 'topnav', 'aria-label': 'Primary' },
      h('a', { href: '/' }, 'Dashboard'),
      h('a', { href: '/docs/overview' }, 'Docs'),
      h('a', { href: '/settings/organization/general' }, 'Settings')));
  const refresh = () => { crumb.textContent = `${getState().orgName} / Default project`; };
  window.addEventListener('app:navigate', refresh);
  refresh();
  return bar;
}

// What sits around a page in real dashboards: an announcement banner, a
// toast and a cookie notice drawn as a (non-modal) dialog; or a "What's new"
// card, a second dialog.
function surroundings() {
  if (variant.is('banners')) {
    return [
      h('div', { class: 'announcement', role: 'region', 'aria-label': 'Announcement' },
        'Projects now have their own keys and limits. ', h('a', { href: '/docs/overview' }, 'Read the changelog')),
      h('div', { role: 'status', class: 'toast' }, 'Signed in'),
      h('div', { role: 'dialog', 'aria-label': 'Cookie preferences', class: 'cookie-notice' },
        h('p', {}, 'We use cookies to keep you signed in.'),
        h('button', { type: 'button' }, 'Accept all'), h('button', { type: 'button' }, 'Reject all')),
    ];
  }
  if (variant.is('second-dialog') && !new URLSearchParams(window.location.search).has('open')) {
    return [h('div', { role: 'dialog', 'aria-label': 'What\u2019s new', class: 'whats-new' },
      h('p', {}, 'Usage now updates every minute.'), h('button', { type: 'button' }, 'Got it'))];
  }
  return [];
}

variant.rewriteStyles();
const outlet = h('main', { id: 'main', class: 'outlet' });
if (is2026) {
  if (window.location.pathname === '/') window.history.replaceState({}, '', `/home${window.location.search}`);
  document.body.classList.add('layout-2026');
  document.getElementById('root').replaceChildren(h('div', { class: 'frame' }, sidebar(), outlet));
} else {
  document.getElementById('root').replaceChildren(topBar(), outlet);
}
document.body.append(...surroundings());

startRouter({
  outlet,
  resolve(url) {
    const match = (is2026 ? ROUTES_2026 : ROUTES).find(([pattern]) => pattern.test(url.pathname));
    return match ? match[1](url) : notFoundView(url);
  },
});
