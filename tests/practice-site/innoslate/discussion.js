// A discussion page whose user content looks like the key field. With
// ?move=1 it also tries the pointer trick: the first time the pointer moves
// onto a text field, another text field jumps under it and takes focus, so
// that the click that follows lands on that one instead of the one the
// admin aimed at.
const params = new URLSearchParams(window.location.search);
if (params.get('move') === '1') {
  const slider = document.getElementById('slider');
  let moved = false;
  addEventListener('pointermove', (event) => {
    if (moved || !(event.target instanceof HTMLInputElement)) return;
    moved = true;
    slider.hidden = false;
    Object.assign(slider.style, {
      position: 'fixed', left: `${event.clientX - 40}px`, top: `${event.clientY - 12}px`, width: '160px', zIndex: '10',
    });
    slider.focus();
  }, true);
}
