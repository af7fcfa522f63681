// Tiny element builder: h('button', {class: 'primary', onclick: fn}, 'Save').
// Text is always set as text (never parsed as HTML). Under a redesign variant
// (variant.js) the same calls build different markup.
import * as variant from './variant.js';

export function h(givenTag, givenAttrs = {}, ...children) {
  const [tag, attrs] = variant.element(givenTag, givenAttrs);
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
  variant.finishElement(el);
  return el;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? variant.wrap(parent, child) : document.createTextNode(variant.words(String(child))));
  }
  return parent;
}

let idCounter = 0;
/** Unique, framework-looking ids (":r3:"), so nothing can rely on fixed ids. */
export function uid(prefix = 'r') {
  idCounter += 1;
  return `:${prefix}${idCounter.toString(36)}:`;
}

/**
 * A labelled radio group as fieldset + legend (no legend with `legend: null`);
 * returns {fieldset, value(), choose(value)}. The swaps variant draws the
 * options as role=radio toggle buttons instead of radio inputs.
 */
export function radioGroup({ legend, name, options, checked, onchange, className = 'radio-group', marks = {} }) {
  const fieldset = h('fieldset', { class: className }, legend === null ? null : h('legend', {}, legend));
  const row = h('div', { class: 'radio-options' });
  const toggles = variant.is('swaps') && variant.chance(0.7);
  for (const option of options) {
    const id = uid('radio');
    const mark = marks[option.value] || {};
    if (toggles) {
      const toggle = h('button', {
        type: 'button', role: 'radio', 'aria-checked': String(option.value === checked), 'data-value': option.value, ...mark,
      }, option.label);
      toggle.addEventListener('click', () => {
        choose(option.value);
        onchange?.();
      });
      row.append(toggle);
    } else {
      row.append(h('span', { class: 'radio-option' },
        h('input', {
          type: 'radio', id, name, value: option.value, checked: option.value === checked, onchange, ...mark,
        }),
        h('label', { for: id }, option.label)));
    }
  }
  fieldset.append(row);
  function choose(value) {
    for (const t of row.querySelectorAll('[role=radio]')) t.setAttribute('aria-checked', String(t.dataset.value === value));
    const input = row.querySelector(`input[value="${value}"]`);
    if (input) input.checked = true;
  }
  return {
    fieldset,
    value: () => row.querySelector('[aria-checked=true]')?.dataset.value ?? row.querySelector('input:checked')?.value,
    choose,
  };
}
