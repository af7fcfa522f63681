// The modal frame every replica dialog uses: a portal on document.body with
// a backdrop, the page behind marked aria-hidden, Tab kept inside, Esc and
// in-app navigation closing it, focus given back to the opener. At most one
// at a time, as in the dashboards it imitates.
import { h, uid } from '../dom.js';
import * as variant from '../variant.js';

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

let openModalCount = 0;

// The focus trap of React dialog libraries (Radix's FocusScope and the
// like): focus that lands outside the open dialog is pulled back to the
// last element focused inside it. On with `?trap` or a
// `practice-focus-trap=1` cookie (kept across the flow's page loads).
const trapsFocus = () => new URLSearchParams(window.location.search).has('trap')
  || document.cookie.split('; ').includes('practice-focus-trap=1');

/** Whether a replica dialog is open now. */
export const modalOpen = () => openModalCount > 0;

/**
 * @param {{opener: HTMLElement, title: string, native?: boolean, role?: string,
 *   backdropCloses?: () => boolean, onClose?: () => void}} options
 * @returns {{dialog: HTMLElement, title: HTMLElement, body: HTMLElement, close: () => void, show: () => void}}
 */
export function createModal({ opener, title: titleText, native = false, role = 'dialog', backdropCloses = () => true, onClose }) {
  const titleId = uid('title');
  const title = h('h2', { id: titleId, class: 'dialog-title' }, titleText);
  const body = h('div', { class: 'dialog-body' });
  const dialog = native
    ? h('dialog', { 'aria-labelledby': titleId, class: 'dialog' }, title, body)
    : h('div', { role, 'aria-modal': 'true', 'aria-labelledby': titleId, class: 'dialog', tabindex: '-1' }, title, body);
  const backdrop = h('div', { class: 'backdrop' });
  const portal = h('div', { class: 'portal', 'data-portal': '' }, backdrop, dialog);
  const appRoot = document.getElementById('root');
  let lastInside = null; // for the focus trap

  function onFocusIn(event) {
    if (dialog.contains(event.target)) {
      lastInside = event.target;
      return;
    }
    (lastInside && lastInside.isConnected ? lastInside : dialog).focus();
  }

  function onKeydown(event) {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Tab') {
      const items = [...dialog.querySelectorAll(FOCUSABLE)].filter((el) => !el.closest('[hidden]'));
      if (!items.length) return;
      const first = items[0];
      const last = items[items.length - 1];
      if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
    }
  }

  function close() {
    if (!portal.isConnected) return;
    portal.remove();
    openModalCount -= 1;
    if (!openModalCount) appRoot?.removeAttribute('aria-hidden');
    document.removeEventListener('keydown', onKeydown, true);
    document.removeEventListener('focusin', onFocusIn);
    window.removeEventListener('app:navigate', close);
    onClose?.();
    if (opener.isConnected) opener.focus();
  }

  backdrop.addEventListener('click', () => { if (backdropCloses()) close(); });

  function show() {
    variant.finish(portal);
    document.body.append(portal);
    openModalCount += 1;
    if (native) dialog.showModal();
    appRoot?.setAttribute('aria-hidden', 'true');
    document.addEventListener('keydown', onKeydown, true);
    if (trapsFocus()) document.addEventListener('focusin', onFocusIn);
    window.addEventListener('app:navigate', close);
  }

  return { dialog, title, body, close, show };
}
