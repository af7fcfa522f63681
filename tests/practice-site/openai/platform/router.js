// History-API router: links are intercepted, no page reloads. Each navigation
// first shows a loading state and draws the page ~150 ms later, the way a real
// dashboard renders after fetching its data.
import { h } from './dom.js';
import { is2026 } from './layout.js';
import * as variant from './variant.js';

export const RENDER_DELAY_MS = 150;

let outlet;
let resolveView;
let renderToken = 0;

/** Same-origin URL → history entry + render; other origins → a real page load. */
export function navigate(to, { replace = false } = {}) {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin) {
    window.location.assign(url.href);
    return;
  }
  const method = replace ? 'replaceState' : 'pushState';
  window.history[method]({}, '', `${url.pathname}${url.search}${url.hash}`);
  render();
}

function onDocumentClick(event) {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target.closest?.('a[href]');
  if (!link || link.target || link.hasAttribute('download')) return;
  const url = new URL(link.href);
  if (url.origin !== window.location.origin) return;
  event.preventDefault();
  navigate(url.href);
}

function render() {
  renderToken += 1;
  const token = renderToken;
  const url = new URL(window.location.href);
  window.dispatchEvent(new CustomEvent('app:navigate', { detail: { path: url.pathname } }));
  outlet.setAttribute('aria-busy', 'true');
  outlet.replaceChildren(h('div', { class: 'loading', role: 'progressbar', 'aria-label': 'Loading' }));
  const late = variant.lateBy();
  // The late variant draws skeleton rows first, the way dashboards do.
  if (late) outlet.append(h('div', { class: 'skeleton', 'aria-hidden': 'true' }, h('div', {}), h('div', {}), h('div', {})));
  setTimeout(() => {
    if (token !== renderToken) return; // a newer navigation won
    const view = resolveView(url);
    // The 2026 titles as captured ("API keys - OpenAI Platform").
    document.title = is2026 ? `${view.title} - OpenAI Platform` : `${view.title} - OpenAI Platform (practice replica)`;
    outlet.replaceChildren(variant.finish(view.node));
    outlet.removeAttribute('aria-busy');
    view.mounted?.();
  }, RENDER_DELAY_MS + late);
}

/**
 * @param {{outlet: HTMLElement, resolve: (url: URL) => {title: string, node: Node, mounted?: () => void}}} opts
 */
export function startRouter(opts) {
  outlet = opts.outlet;
  resolveView = opts.resolve;
  document.addEventListener('click', onDocumentClick);
  window.addEventListener('popstate', render);
  render();
}
