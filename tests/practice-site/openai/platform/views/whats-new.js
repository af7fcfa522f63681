// Under the second-dialog redesign (variant.js): a card some dashboards open
// next to their own dialogs.
import { h, uid } from '../dom.js';

// A "What's new" card that some dashboards open next to (after) their own
// dialogs: a second dialog at the same time.
export function whatsNewCard() {
  const titleId = uid('title');
  const card = h('div', { role: 'dialog', 'aria-labelledby': titleId, class: 'whats-new' },
    h('h3', { id: titleId }, 'What\u2019s new'),
    h('p', {}, 'Projects can now have their own rate limits.'),
    h('button', { type: 'button', onclick: () => card.remove() }, 'Got it'),
    h('button', { type: 'button' }, 'Create new project'));
  return card;
}
