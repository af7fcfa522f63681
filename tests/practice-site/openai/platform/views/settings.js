// Settings pages: a left navigation with "Organization" and "Project" groups.
import { h, uid } from '../dom.js';
import { getState } from '../state.js';

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

function sideNav(currentPath) {
  const nav = h('nav', { class: 'sidenav', 'aria-label': 'Settings' });
  for (const [group, links] of NAV) {
    const headingId = uid('nav');
    nav.append(h('h2', { id: headingId, class: 'nav-group' }, group),
      h('ul', { 'aria-labelledby': headingId },
        links.map(([text, href]) => h('li', {},
          h('a', { href, 'aria-current': href === currentPath ? 'page' : undefined }, text)))));
  }
  return nav;
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
