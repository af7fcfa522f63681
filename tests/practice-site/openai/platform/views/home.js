import { h, uid } from '../dom.js';
import { navigate } from '../router.js';
import * as variant from '../variant.js';

export function homeView() {
  const bannerTitle = uid('h');
  const banner = h('section', { class: 'banner', 'aria-labelledby': bannerTitle },
    h('div', {},
      h('h2', { id: bannerTitle }, 'Get your API keys'),
      h('p', {}, 'Set up a key once, then use it from your own tools and integrations.')),
    h('button', {
      type: 'button', class: 'primary', onclick: () => navigate('/welcome?step=invite'), ...variant.intended('start-building'),
    }, 'Start building'));
  const node = h('div', { class: 'page home' },
    h('h1', {}, 'Home'),
    variant.is('reordered') ? null : banner,
    variant.is('decoys') ? h('a', { href: '/docs/overview' }, 'Start building with the docs') : null,
    h('div', { class: 'cards' },
      h('section', { class: 'card' }, h('h2', {}, 'Quickstart'),
        h('p', {}, 'Make a first request in a few minutes.')),
      h('section', { class: 'card' }, h('h2', {}, 'Usage'),
        h('p', {}, 'No requests yet this month.'))),
    variant.is('reordered') ? banner : null);
  return { title: 'Home', node };
}
