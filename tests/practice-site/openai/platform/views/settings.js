// Settings pages: a left navigation with "Organization" and "Project" groups
// (on the 2026 layout API keys are in the main sidebar instead, and the
// organisation has Admin keys).
import { h, uid } from '../dom.js';
import { is2026 } from '../layout.js';
import { getState } from '../state.js';
import * as variant from '../variant.js';

export const PROJECT_ID = 'proj_practice';

const NAV = [
  ['Organization', [
    ['General', '/settings/organization/general'],
    ['Members', '/settings/organization/members'],
    ['Billing', '/settings/organization/billing'],
    ['Limits', '/settings/organization/limits'],
  ]],
  ['Project', [
    ['General', `/settings/${PROJECT_ID}/general`],
    ['API keys', `/settings/${PROJECT_ID}/api-keys`],
    ['Limits', `/settings/${PROJECT_ID}/limits`],
  ]],
];

const NAV_2026 = [
  ['Organization', [
    ['General', '/settings/organization/general'],
    ['Members', '/settings/organization/members'],
    ['Billing', '/settings/organization/billing'],
    ['Limits', '/settings/organization/limits'],
    ['Admin keys', '/settings/organization/admin-keys'],
  ]],
  ['Project', [
    ['General', `/settings/${PROJECT_ID}/general`],
    ['Limits', `/settings/${PROJECT_ID}/limits`],
  ]],
];

// How a group of links is captioned: a heading the list is labelled by (as
// the replica is), or, under the captions variant, the other ways real apps
// do it. The ambiguous variant drops captions altogether.
function captionStyle() {
  const asked = new URLSearchParams(window.location.search).get('caption');
  if (variant.is('captions') && asked) return asked;
  if (variant.is('captions')) return variant.pick(['plain', 'heading', 'details', 'disclosure', 'aria-label', 'group']);
  return variant.is('ambiguous') ? 'none' : 'labelled';
}

function sideNav(currentPath) {
  const menu = h('nav', { class: 'sidenav', 'aria-label': 'Settings' });
  const style = captionStyle();
  // Under any variant the Organization group has an "API keys" link too, as
  // some dashboards do: only the group's caption tells the two apart.
  const nav = is2026 ? NAV_2026 : variant.activeVariant
    ? NAV.map(([group, links]) => [group, group === 'Organization'
      ? [...links.slice(0, 1), ['API keys', '/settings/organization/api-keys'], ...links.slice(1)] : links])
    : NAV;
  const groups = variant.is('reordered') ? [...nav].reverse() : nav;
  for (const [group, links] of groups) {
    const headingId = uid('nav');
    const listId = uid('list');
    const list = h('ul', {
      id: listId,
      'aria-labelledby': style === 'labelled' ? headingId : undefined,
      'aria-label': style === 'aria-label' ? group : undefined,
    }, links.map(([text, href]) => h('li', {},
      h('a', {
        href,
        'aria-current': href === currentPath ? 'page' : undefined,
        ...(group === 'Project' && text === 'API keys' ? variant.intended('open-api-keys') : {}),
      }, text, variant.is('wording') && text === 'API keys' ? h('span', { class: 'badge' }, ' New') : null),
      variant.is('decoys') && text === 'API keys' && group === 'Organization'
        ? h('a', { href: '/docs/api-keys' }, 'About API keys') : null)));
    if (style === 'labelled') menu.append(h('h2', { id: headingId, class: 'nav-group' }, group), list);
    else if (style === 'plain') menu.append(h('div', { class: 'nav-group' }, group.toUpperCase()), list);
    else if (style === 'heading') menu.append(h('h5', { class: 'nav-group' }, group), list);
    else if (style === 'details') menu.append(h('details', { open: true }, h('summary', { class: 'nav-group' }, group), list));
    else if (style === 'disclosure') {
      menu.append(h('button', { type: 'button', class: 'nav-group', 'aria-expanded': 'true', 'aria-controls': listId }, group), list);
    } else if (style === 'group') menu.append(h('div', { role: 'group', 'aria-label': group }, list));
    else menu.append(list);
  }
  return menu;
}

/** The settings frame around any settings page content. */
export function settingsLayout(currentPath, ...content) {
  return h('div', { class: 'settings' }, sideNav(currentPath), h('div', { class: 'settings-content' }, ...content));
}

function readOnlyField(label, value) {
  const id = uid('f');
  return h('div', { class: 'field' }, h('label', { for: id }, label),
    h('input', { id, type: 'text', readonly: true, value }));
}

const PAGES = {
  '/settings/organization/general': () => ['Organization settings',
    readOnlyField('Organization name', getState().orgName),
    readOnlyField('Organization ID', 'org-practice00000000000000')],
  '/settings/organization/members': () => ['Members', h('p', {}, 'You are the only member so far.')],
  '/settings/organization/billing': () => ['Billing', h('p', {}, 'Credit balance: $0.00 (practice data).')],
  '/settings/organization/limits': () => ['Limits', h('p', {}, 'Usage tier 1 (practice data).')],
  '/settings/organization/admin-keys': () => ['Admin keys',
    h('p', {}, 'Admin keys manage the organization through the Admin API; they cannot call models.')],
  [`/settings/${PROJECT_ID}/general`]: () => ['Project settings',
    readOnlyField('Project name', 'Default project'),
    readOnlyField('Project ID', PROJECT_ID)],
  [`/settings/${PROJECT_ID}/limits`]: () => ['Rate limits', h('p', {}, 'Default limits apply to this project.')],
};

export function settingsView(url) {
  const path = url.pathname.replace(/\/$/, '');
  const page = PAGES[path];
  if (!page) return notFoundView(url);
  const [heading, ...body] = page();
  return { title: heading, node: settingsLayout(path, h('h1', {}, heading), ...body) };
}

export function notFoundView() {
  return {
    title: 'Not found',
    node: h('div', { class: 'page' }, h('h1', {}, 'Page not found'),
      h('p', {}, 'This practice replica has no such page. '), h('a', { href: '/' }, 'Back to the dashboard')),
  };
}
