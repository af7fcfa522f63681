// Tiny element builder: h('button', {class: 'primary', onclick: fn}, 'Save').
// Text is always set as text (never parsed as HTML).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'value' || name === 'checked' || name === 'selected') {
      el[name] = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

let idCounter = 0;
/** Unique, framework-looking ids (":r3:"), so nothing can rely on fixed ids. */
export function uid(prefix = 'r') {
  idCounter += 1;
  return `:${prefix}${idCounter.toString(36)}:`;
}

/** A labelled radio group as fieldset + legend; returns {fieldset, value()}. */
export function radioGroup({ legend, name, options, checked, onchange, className = 'radio-group' }) {
  const fieldset = h('fieldset', { class: className }, h('legend', {}, legend));
  const row = h('div', { class: 'radio-options' });
  for (const option of options) {
    const id = uid('radio');
    row.append(h('span', { class: 'radio-option' },
      h('input', {
        type: 'radio', id, name, value: option.value, checked: option.value === checked, onchange,
      }),
      h('label', { for: id }, option.label)));
  }
  fieldset.append(row);
  return {
    fieldset,
    value: () => fieldset.querySelector('input:checked')?.value,
  };
}
