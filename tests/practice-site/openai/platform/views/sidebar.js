// The 2026 layout's left sidebar of the whole platform: the project
// switcher, the product links (API Keys among them, with no Project section
// around it) and the organisation button at the bottom.
import { h } from '../dom.js';
import { getState } from '../state.js';
import * as variant from '../variant.js';

const LINKS = [
  ['Home', '/home'],
  ['Chat', '/chat'],
  ['Audio', '/audio'],
  ['Images', '/images'],
  ['Codex', '/codex'],
  ['API Keys', '/api-keys'],
  ['Usage', '/usage'],
  ['Logs', '/logs'],
  ['Batches', '/batches'],
  ['Storage', '/storage'],
  ['Settings', '/settings/organization/general'],
];

export function sidebar() {
  const links = LINKS.map(([text, href]) => h('a', {
    href, ...(text === 'API Keys' ? variant.intended('open-api-keys') : {}),
  }, text));
  const org = h('button', { type: 'button', class: 'org-button', 'aria-haspopup': 'menu' });
  const node = h('aside', { class: 'sidebar' },
    h('button', { type: 'button', class: 'project-switcher', 'aria-haspopup': 'menu' }, 'Default project'),
    h('nav', { class: 'sidebar-nav', 'aria-label': 'Main' }, h('ul', {}, links.map((a) => h('li', {}, a)))),
    org);
  const refresh = () => {
    const path = window.location.pathname.replace(/\/$/, '');
    for (const a of links) {
      if (a.getAttribute('href') === path) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    org.textContent = getState().orgName;
    // Onboarding screens are drawn on their own, as a full page.
    node.hidden = path.startsWith('/welcome');
  };
  window.addEventListener('app:navigate', refresh);
  refresh();
  return node;
}
