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

/**
 * The 2026 landing page (/home): no set-up banner, the way in is the sidebar.
 * `?links=twin`: the page's text links to API Keys as well, a second link of
 * the same name.
 */
export function home2026View(url) {
  const twin = url.searchParams.get('links') === 'twin';
  const node = h('div', { class: 'page home' },
    h('h1', {}, 'Home'),
    h('div', { class: 'cards' },
      h('section', { class: 'card' }, h('h2', {}, 'Build with the API'),
        h('p', {}, 'Try a prompt in Chat, then call the same model from your code.',
          twin ? [' Your keys are under ', h('a', { href: '/api-keys' }, 'API Keys'), '.'] : null),
        h('a', { href: '/docs/quickstart' }, 'Read the quickstart'),
        variant.is('decoys') ? h('a', { href: '/docs/api-keys' }, ' About API keys') : null),
      h('section', { class: 'card' }, h('h2', {}, 'Usage'),
        h('p', {}, 'No requests yet this month.'))));
  return { title: 'Home', node };
}

const PRODUCTS = {
  chat: ['Chat', 'Try prompts and models side by side.'],
  audio: ['Audio', 'Speech to text and text to speech.'],
  images: ['Images', 'Generate and edit images.'],
  codex: ['Codex', 'Coding tasks in the cloud.'],
  usage: ['Usage', 'No requests yet this month (practice data).'],
  logs: ['Logs', 'Stored responses and completions appear here.'],
  batches: ['Batches', 'No batch jobs yet.'],
  storage: ['Storage', 'Files and vector stores of this project.'],
};

/** A stub for each product page the 2026 sidebar links to. */
export function productView(url) {
  const [title, line] = PRODUCTS[url.pathname.replace(/^\/|\/$/g, '')];
  return { title, node: h('div', { class: 'page' }, h('h1', {}, title), h('p', {}, line)) };
}
