// A page built to make a page description as large as possible: 50,000
// buttons, 2,000 headings, 500 open dialogs, and labels of one megabyte.
const root = document.getElementById('huge-root');
const MEGABYTE = 'x'.repeat(1 << 20);
const parts = [];
for (let i = 0; i < 500; i += 1) {
  const dialog = document.createElement('div');
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-label', MEGABYTE);
  dialog.textContent = `Dialog ${i}`;
  parts.push(dialog);
}
for (let i = 0; i < 2000; i += 1) {
  const heading = document.createElement('h2');
  heading.textContent = i < 5 ? MEGABYTE : `Heading ${i}`;
  parts.push(heading);
}
for (let i = 0; i < 50000; i += 1) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = `Button ${i}`;
  if (i < 20) button.setAttribute('aria-label', MEGABYTE);
  if (i < 5) button.setAttribute('role', MEGABYTE);
  parts.push(button);
}
for (let i = 0; i < 5; i += 1) {
  const label = document.createElement('label');
  label.textContent = MEGABYTE;
  const input = document.createElement('input');
  label.append(input);
  parts.push(label);
}
root.append(...parts);
root.removeAttribute('aria-busy');
document.title = MEGABYTE;
