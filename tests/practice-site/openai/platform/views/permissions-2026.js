// The 2026 dialog's restricted permission rows: levels per resource as the
// page offers them (None / Read / Write, "Request", Tunnels' Read / Manage /
// Use), and Model capabilities as an expandable group of per-endpoint rows
// that reads "Mixed" whenever a row differs from the group's own choice.
import { h, radioGroup, uid } from '../dom.js';
import * as variant from '../variant.js';

const RW = ['None', 'Read', 'Write'];
const ROWS = [
  { name: 'Models', endpoints: '/v1/models', levels: ['None', 'Read'] },
  {
    name: 'Model capabilities',
    levels: ['None', 'Request'],
    endpoints: [
      ['Chat completions', '/v1/chat/completions'],
      ['Responses', '/v1/responses'],
      ['Embeddings', '/v1/embeddings'],
      ['Images', '/v1/images'],
      ['Audio', '/v1/audio'],
      ['Moderations', '/v1/moderations'],
    ],
  },
  { name: 'Assistants', endpoints: '/v1/assistants', levels: RW },
  { name: 'Threads', endpoints: '/v1/threads', levels: RW },
  { name: 'Evals', endpoints: '/v1/evals', levels: RW },
  { name: 'Fine-tuning', endpoints: '/v1/fine_tuning', levels: RW },
  { name: 'Files', endpoints: '/v1/files', levels: RW },
  { name: 'Vector stores', endpoints: '/v1/vector_stores', levels: RW },
  { name: 'Tunnels', endpoints: '/v1/tunnels', levels: ['None', 'Read', 'Manage', 'Use'] },
];

const slug = (text) => text.toLowerCase().replace(/[^a-z]+/g, '-');

/** One resource row: a radio group named by the resource, its endpoints beside the name. */
function resourceRow(name, endpoints, levels, { marks = {}, onchange } = {}) {
  const group = radioGroup({
    legend: variant.is('ambiguous') ? null : name,
    name: `perm-${slug(name)}`,
    checked: 'none',
    className: 'radio-group perm-row',
    options: levels.map((level) => ({ value: level.toLowerCase(), label: level })),
    marks,
    onchange,
  });
  const note = h('span', { class: 'endpoints' }, endpoints);
  const legend = group.fieldset.querySelector('legend');
  if (legend) legend.after(note); else group.fieldset.prepend(note);
  return group;
}

/**
 * Model capabilities: the group's own None / Request, and its endpoint rows
 * behind an expand button. The group reads "Mixed" whenever a row differs
 * from the group's own choice: only the group's own Request grants calls.
 */
function capabilityGroup(spec) {
  const rows = [];
  let own = 'none';
  const group = radioGroup({
    legend: variant.is('ambiguous') ? null : spec.name,
    name: `perm-${slug(spec.name)}`,
    checked: 'none',
    className: 'radio-group perm-row',
    options: [...spec.levels, 'Mixed'].map((level) => ({ value: level.toLowerCase(), label: level })),
    // Shown, never chosen: it reports the rows below.
    marks: { mixed: { disabled: true } },
    onchange() {
      own = group.value();
      for (const row of rows) row.choose(own);
      refresh();
    },
  });
  const mixedOption = group.fieldset.querySelector('[value="mixed"], [data-value="mixed"]');
  const mixedHolder = mixedOption.closest('.radio-option') || mixedOption;
  const listId = uid('endpoints');
  const list = h('div', { id: listId, class: 'endpoint-rows', hidden: true });
  for (const [name, path] of spec.endpoints) {
    const row = resourceRow(name, path, spec.levels, { onchange: () => refresh() });
    rows.push(row);
    list.append(row.fieldset);
  }
  const expand = h('button', {
    type: 'button', class: 'expand', 'aria-expanded': 'false', 'aria-controls': listId, 'aria-label': `Expand ${spec.name}`,
  }, h('span', { class: 'chevron', 'aria-hidden': 'true' }, '\u203A'));
  const setExpanded = (open) => {
    list.hidden = !open;
    expand.setAttribute('aria-expanded', String(open));
  };
  expand.addEventListener('click', () => setExpanded(list.hidden));

  function refresh() {
    const mixed = rows.some((row) => row.value() !== own);
    mixedHolder.hidden = !mixed;
    group.choose(mixed ? 'mixed' : own);
  }
  refresh();
  return {
    node: h('div', { class: 'perm-group' }, h('div', { class: 'perm-group-head' }, expand, group.fieldset), list),
    /** The test knob's state: one endpoint row on Request, the group not. */
    makeMixed() {
      setExpanded(true);
      rows[0].choose('request');
      refresh();
    },
  };
}

/** Every row in the page's order (the reordered redesign moves some); `capabilities.makeMixed()` for the test knob. */
export function permissionRows() {
  let capabilities = null;
  const nodes = ROWS.map((spec) => {
    if (Array.isArray(spec.endpoints)) {
      capabilities = capabilityGroup(spec);
      return capabilities.node;
    }
    const marks = spec.name === 'Models' ? { read: variant.intended('restrict-permissions') } : {};
    return resourceRow(spec.name, spec.endpoints, spec.levels, { marks }).fieldset;
  });
  const ordered = variant.is('reordered') ? [nodes[1], nodes[0], ...nodes.slice(2).reverse()] : nodes;
  return { nodes: ordered, capabilities };
}
