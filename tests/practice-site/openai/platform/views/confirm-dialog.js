// The confirmation a key's removal asks for: "Delete" on the 2026 keys
// table, the trash icon's "Revoke secret key" on the older one. Nothing is
// removed until the confirm button is pressed.
import { h, uid } from '../dom.js';
import { createModal } from './modal.js';

/**
 * @param {{opener: HTMLElement, title: string, text: string, confirm: string, onConfirm: () => void}} options
 */
export function confirmRemoval({ opener, title, text, confirm, onConfirm }) {
  const modal = createModal({ opener, title, role: 'alertdialog' });
  // As dialog libraries do: the sentence naming the key is the dialog's description.
  const textId = uid('text');
  modal.dialog.setAttribute('aria-describedby', textId);
  const cancel = h('button', { type: 'button', onclick: () => modal.close() }, 'Cancel');
  modal.body.append(
    h('p', { id: textId }, text),
    h('div', { class: 'actions end' },
      cancel,
      h('button', {
        type: 'button',
        class: 'danger',
        onclick() {
          modal.close();
          onConfirm();
        },
      }, confirm)));
  modal.show();
  cancel.focus();
}
