// Practice "server" state kept in sessionStorage: the organization name and the
// rows of the keys table, one state per layout. Only masked keys are ever stored.
import { is2026 } from './layout.js';

const KEY = is2026 ? 'practice-platform-state-2026' : 'practice-platform-state';

const PRACTICE_KEY = {
  id: 'key_Qm81xTz0PbW4sLk2',
  name: 'Practice key',
  masked: 'sk-...Qx4Z',
  created: 'Oct 14, 2026',
  lastUsed: 'Nov 20, 2026',
  project: 'Default project',
  createdBy: 'Practice Admin',
  permissions: 'All',
  spend: '$1.24',
  expires: null,
};

/**
 * Keys made before, some named alike (the same name with another masked
 * form, a name that only adds a suffix), as an organisation's list grows.
 * On the 2026 layout by default; on the 2025 one with `?history=1`.
 */
export const EARLIER_KEYS = Object.freeze([
  {
    id: 'key_7fGhR2mNc8Lq0ZbT', name: 'Innoslate', masked: 'sk-...7fGh', created: 'Mar 3, 2026', lastUsed: 'Dec 1, 2026',
    project: 'Default project', createdBy: 'Practice Admin', permissions: 'Restricted', spend: '$18.40', expires: 'Mar 3, 2027',
  },
  {
    id: 'key_a9K2vXe4Hs1Pw6Dn', name: 'Innoslate (old)', masked: 'sk-...a9K2', created: 'Sep 12, 2025', lastUsed: 'Mar 2, 2026',
    project: 'Default project', createdBy: 'Practice Admin', permissions: 'Restricted', spend: '$0.00', expires: null,
  },
  {
    id: 'key_Wd3eJ5tY0uQk9Bra', name: 'Innoslate', masked: 'sk-...Wd3e', created: 'Jan 8, 2026', lastUsed: 'Never',
    project: 'Default project', createdBy: 'Service account', permissions: 'All', spend: '$0.00', expires: 'Jan 8, 2027',
  },
  {
    id: 'key_p0LmC3gVw7Xn2Ksd', name: 'Innoslate test', masked: 'sk-...p0Lm', created: 'Feb 20, 2026', lastUsed: 'Feb 21, 2026',
    project: 'Default project', createdBy: 'Practice Admin', permissions: 'Read only', spend: '$0.02', expires: null,
  },
]);

const initial = () => ({ orgName: 'Personal', keys: is2026 ? [PRACTICE_KEY, ...EARLIER_KEYS] : [PRACTICE_KEY] });

function load() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY)) || initial();
  } catch {
    return initial();
  }
}

function save(state) {
  sessionStorage.setItem(KEY, JSON.stringify(state));
}

export function getState() {
  return load();
}

export function setOrgName(name) {
  const state = load();
  state.orgName = name;
  save(state);
}

export function addKeyRow(row) {
  const state = load();
  state.keys.push(row);
  save(state);
}

/** Adds the earlier keys once per session (2025 layout, `?history=1`): a revoked one stays revoked. */
export function addEarlierKeys() {
  const state = load();
  if (state.historyAdded) return;
  state.keys.push(...EARLIER_KEYS);
  state.historyAdded = true;
  save(state);
}

export function renameKeyRow(id, name) {
  const state = load();
  const row = state.keys.find((k) => k.id === id);
  if (row) row.name = name;
  save(state);
}

export function removeKeyRow(id) {
  const state = load();
  state.keys = state.keys.filter((k) => k.id !== id);
  save(state);
}
