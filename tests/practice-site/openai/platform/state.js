// Practice "server" state kept in sessionStorage: the organization name and the
// rows of the keys table. Only masked keys are ever stored.
const KEY = 'practice-platform-state';

const initial = () => ({
  orgName: 'Personal',
  keys: [{
    name: 'Practice key',
    masked: 'sk-...Qx4Z',
    created: 'Oct 14, 2026',
    lastUsed: 'Nov 20, 2026',
    project: 'Default project',
    createdBy: 'Practice Admin',
    permissions: 'All',
  }],
});

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
