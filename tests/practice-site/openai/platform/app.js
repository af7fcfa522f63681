// Entry point of the platform replica: top bar, router and the route table.
import { h } from './dom.js';
import { startRouter } from './router.js';
import { getState } from './state.js';
import { homeView } from './views/home.js';
import { keysView } from './views/keys.js';
import { notFoundView, settingsView } from './views/settings.js';
import { welcomeView } from './views/welcome.js';

const ROUTES = [
  [/^\/$/, homeView],
  [/^\/welcome\/?$/, welcomeView],
  [/^\/(?:api-keys|settings\/(?:organization|proj_[A-Za-z0-9]+)\/api-keys)\/?$/, keysView],
  [/^\/settings\//, settingsView],
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

const outlet = h('main', { id: 'main', class: 'outlet' });
document.getElementById('root').replaceChildren(topBar(), outlet);

startRouter({
  outlet,
  resolve(url) {
    const match = ROUTES.find(([pattern]) => pattern.test(url.pathname));
    return match ? match[1](url) : notFoundView(url);
  },
});
