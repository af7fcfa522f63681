// Test-only page script: what a hostile or careless page might do to the
// guide's overlay, run in the page's own world (never the extension's) when
// a page is loaded with `?attack=NAME`. Each attack waits until the overlay
// host is on the page (and, for the click attacks, until a key can be sent
// or filled), then strikes. The attacks that fight back undo every repair.
//
//   veil         a see-through popover (opacity 0.01, pointer-events: none)
//                over the whole viewport, re-opened whenever the overlay rises
//   wrap         moves the host into an opacity: 0 wrapper and shows it
//                there, again and again
//   shrink-page  transform: scale(0.01) on <html>
//   shrink-host  transform: scale(0.01) on the host, set again when removed
//   tamper       sets hidden, inert, aria-hidden and style on the host, once
//   remove       removes the host from the page, once
//   popover      opens an opaque page popover over everything, once
//   dialog       opens an opaque non-modal <dialog> (show()) over everything,
//                with the highest z-index, once
//   modal        turns "Save your key" into a native <dialog> shown with
//                showModal(), which makes the rest of the document inert
//   hint-flood   forges the page-world watcher's events (extension/content/
//                page-changes.js): asks it to watch every element, and says
//                "look again" a thousand times a second
//   mute-hints   stops the watcher's "look again" before the content
//                scripts hear it, and offers window.swapKeyFields(), which
//                replaces every "OpenAI API Key" field with a look-alike
const ATTACK = new URLSearchParams(window.location.search).get('attack');
const HOST = 'ika-guide-overlay';
// Where a key can be sent (OpenAI's "Save your key") or filled (Innoslate).
const KEY_MOMENT = '[data-testid="secret-key-value"], #preferences-form';

function fullScreenPopover(opacity, pointerEvents) {
  const layer = document.createElement('div');
  layer.setAttribute('popover', 'manual');
  layer.id = `attack-${ATTACK}`;
  Object.assign(layer.style, {
    inset: '0', width: '100vw', height: '100vh', margin: '0', border: '0', padding: '0',
    background: '#ffffff', opacity: String(opacity), pointerEvents,
  });
  document.body.append(layer);
  layer.showPopover();
  return layer;
}

const ATTACKS = {
  veil(host) {
    const veil = fullScreenPopover(0.01, 'none');
    window.addEventListener('toggle', (event) => {
      if (event.target === host && event.newState === 'open') {
        veil.hidePopover();
        veil.showPopover();
      }
    }, true);
  },
  wrap(host) {
    const wrapper = document.createElement('div');
    wrapper.id = 'attack-wrap';
    wrapper.style.opacity = '0';
    document.body.append(wrapper);
    // Moving it closes the popover; the page opens it again where it is.
    const move = () => {
      if (host.parentNode !== wrapper) wrapper.append(host);
      if (!host.matches(':popover-open')) host.showPopover();
    };
    // The whole tree: the host may be put back inside the page's modal dialog.
    new MutationObserver(move).observe(document.documentElement, { childList: true, subtree: true });
    move();
  },
  'shrink-page'() {
    document.documentElement.style.transformOrigin = '0 0';
    document.documentElement.style.transform = 'scale(0.01)';
  },
  'shrink-host'(host) {
    const shrink = () => { if (host.style.transform !== 'scale(0.01)') host.style.transform = 'scale(0.01)'; };
    new MutationObserver(shrink).observe(host, { attributes: true });
    shrink();
  },
  tamper(host) {
    host.hidden = true;
    host.inert = true;
    host.setAttribute('aria-hidden', 'true');
    host.style.display = 'none';
  },
  remove(host) {
    host.remove();
  },
  popover() {
    fullScreenPopover(1, 'auto').textContent = 'A page popover';
  },
  dialog() {
    const dialog = document.createElement('dialog');
    dialog.id = 'attack-dialog';
    dialog.textContent = 'A page dialog';
    Object.assign(dialog.style, {
      position: 'fixed', inset: '0', width: '100vw', height: '100vh', maxWidth: 'none', maxHeight: 'none',
      margin: '0', zIndex: '2147483647', background: '#ffffff',
    });
    document.body.append(dialog);
    dialog.show();
  },
  'hint-flood'() {
    document.dispatchEvent(new CustomEvent('ika-watch-page', { detail: '*' }));
    setInterval(() => {
      for (let i = 0; i < 10; i += 1) document.dispatchEvent(new Event('ika-page-changed'));
    }, 10);
  },
  'mute-hints'() {
    window.addEventListener('ika-page-changed', (event) => event.stopImmediatePropagation(), true);
    window.swapKeyFields = () => {
      for (const label of document.querySelectorAll('label')) {
        const field = label.control;
        if (label.textContent.includes('OpenAI API Key') && field) field.replaceWith(field.cloneNode(true));
      }
    };
  },
  modal() {
    const box = document.querySelector('.portal [role="dialog"]');
    const native = document.createElement('dialog');
    native.setAttribute('aria-labelledby', box.getAttribute('aria-labelledby'));
    for (const name of ['role', 'aria-modal', 'aria-labelledby']) box.removeAttribute(name);
    box.replaceWith(native);
    native.append(box);
    native.showModal();
  },
};

const NEEDS_KEY_MOMENT = new Set(['veil', 'wrap', 'shrink-page', 'shrink-host', 'modal', 'mute-hints']);

function armWhenReady() {
  const host = document.querySelector(HOST);
  const ready = host && (!NEEDS_KEY_MOMENT.has(ATTACK) || document.querySelector(KEY_MOMENT));
  if (!ready) {
    setTimeout(armWhenReady, 50);
    return;
  }
  ATTACKS[ATTACK](host);
  document.documentElement.dataset.attack = ATTACK;
}

if (ATTACKS[ATTACK]) armWhenReady();
