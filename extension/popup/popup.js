// Popup: the key Innoslate holds as far as the extension recorded it (with
// its expiry, and the way to replace it), where the guide is in the current
// tab, the key in transit (masked, with its countdown), and a key checker.
// Guide and key state come from the background core over the checked
// message channel; the checker runs the
// core's validator in this window, so a pasted key never leaves it. Either
// key can be tested with OpenAI: a pasted one from this window, the one in
// transit by the background, which holds it (only the report comes back).
// @ts-check
import init, {
  describePage, keyReminder, liveCheckPlan, liveCheckReport, validateKey,
} from '../core/innoslate_key_assistant.js';
import { currentRecord, readRecords } from '../shared/key-records.js';
import { words } from '../shared/words.js';
import { LOCAL_KEYS, readSettings } from '../shared/settings.js';
import {
  PERMISSION_WHY, apiAllowed, requestApiPermission, runLiveCheck,
} from '../shared/live-check.js';

const api = globalThis.browser ?? globalThis.chrome;
// Elements of popup.html, which has every id used here.
/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @param {string} id */
const $input = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));
/** @type {Record<Core.KeyKind, string>} */
const KIND_NAMES = {
  user: 'user key', project: 'project key', service_account: 'service-account key',
  admin: 'admin key', unknown_openai: 'unfamiliar OpenAI key shape', not_openai: 'not an OpenAI key',
};
/** @type {Record<Core.Verdict, string>} */
const VERDICTS = { valid: 'Innoslate can use this key.', suspicious: 'Probably usable, but the shape is unfamiliar.', invalid: 'Innoslate cannot use this.' };

/** @type {number | null} */
let tabId = null;
/** @type {ReturnType<typeof setInterval> | undefined} */
let countdown;
// A checked key the admin may still choose to send: kept in this window's
// memory only, for at most PASTED_KEY_MS, and forgotten when sent, when
// another key is checked or when the popup closes.
/** @type {{key: string, confirm: boolean, tested: Core.LiveVerdict | null, timer: ReturnType<typeof setTimeout>} | null} */
let pasted = null;
const PASTED_KEY_MS = 2 * 60_000;
// What to do when this window or the background does not work.
const RESTART_ADVICE = 'Close this window and open it again; if that does not help, turn the extension off and on again on the browser\'s extensions page.';
const NOT_ANSWERING = `The extension is not answering. ${RESTART_ADVICE}`;
// This window's own core (the checker, the report's words): started at
// once, awaited by whatever needs it, as a page can be used before it runs.
const coreReady = init();
const CORE_FAILED = `The key checker could not start in this window. ${RESTART_ADVICE}`;
/**
 * Whether this window's core runs; if it cannot, `box` says so.
 * @param {HTMLElement} box where the admin is looking
 */
async function coreStarted(box = $('check-result')) {
  try {
    await coreReady;
    return true;
  } catch (_) {
    box.textContent = CORE_FAILED;
    return false;
  }
}
// The organization's rule for the test with OpenAI (policy liveKeyCheck).
/** @type {'off' | 'ask' | 'required'} */
let livePolicy = 'ask';
/** @type {Record<Core.LiveVerdict, string>} */
const LIVE_VERDICTS = {
  works: 'OpenAI says this key works for Chat AI and Image AI.',
  problem: 'OpenAI found a problem with this key.',
  could_not_check: 'The test with OpenAI could not be completed. This does not mean the key is wrong.',
};
// A problem found only on the credit line is the account's billing, not the key.
const ACCOUNT_PROBLEM = 'OpenAI knows this key, but its account\'s billing stops Chat AI and Image AI requests.';

/**
 * The report's heading: its verdict, and for a problem whom it is about.
 * @param {Core.LiveReport} report
 */
function liveHeading(report) {
  const failed = report.lines.filter((line) => line.state === 'fail');
  return report.verdict === 'problem' && failed.every((line) => line.check === 'credit')
    ? ACCOUNT_PROBLEM : LIVE_VERDICTS[report.verdict];
}
/** @type {Record<Core.LineState, string>} */
const LINE_STATES = { pass: 'OK', fail: 'Problem', unknown: 'Could not check', skipped: 'Not checked' };
const CREDIT_COST = 'Checking credit makes one billed request: a one-word answer from a small chat model (gpt-4o-mini), which costs a small fraction of a US cent on your OpenAI account. It runs only when you tick the box.';
const NOT_ALLOWED = 'Not tested: the extension was not allowed to contact api.openai.com. Nothing else changed; you can still send the key untested, or press Test with OpenAI again and allow it.';
const REQUIRED = 'Your organization asks for a successful test with OpenAI before a key goes to Innoslate. Press Test with OpenAI first.';

/** @returns {Promise<number | null>} */
async function activeTabId() {
  // Needs no "tabs" permission: only the id is read.
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  const id = tab?.id;
  return id !== undefined && Number.isInteger(id) ? id : null;
}

/**
 * @param {Core.UnversionedRequest} message
 * @returns {Promise<Core.Reply | null>} null when the background did not answer
 */
function send(message) {
  return api.runtime.sendMessage({ v: 1, ...message }).catch(() => null);
}

async function showGuide() {
  const reply = await send({ kind: 'guide_status', tab_id: tabId });
  if (!reply || reply.kind !== 'status') {
    $('core-status').textContent = (reply && reply.kind === 'error' && reply.message) || NOT_ANSWERING;
    return;
  }
  const g = reply.guide;
  // The version is what an admin quotes when asking for help.
  $('core-status').textContent = `Ready. Version ${reply.version}.`;
  $input('guide-on').checked = !g.guide_off;
  const started = g.number > 0;
  $('pause').hidden = !started;
  $('restart').hidden = !started;
  $('pause').textContent = g.paused ? 'Resume' : 'Pause';
  // Said politely (aria-live) whenever it changes: where the guide is and what to do next.
  $('guide-where').textContent = g.guide_off
    ? 'The guide is turned off. Tick "Show the guide on OpenAI pages" to see it again.'
    : !started
      ? `Open OpenAI's API keys page with the button below. The guide then takes you through ${g.total} steps there, pointing at each control to use.`
      : g.paused
        ? `The guide is paused at step ${g.number} of ${g.total}: ${words(g.title ?? '')}. Choose Resume to carry on.`
        : `Step ${g.number} of ${g.total} in this tab: ${words(g.title ?? '')}. Follow the guide on the page; ${g.done} of ${g.total} steps are done.`;
}

/** @param {number} ms */
function formatLeft(ms) {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

async function showVault() {
  clearInterval(countdown);
  const reply = await send({ kind: 'vault_status' });
  const vault = reply && reply.kind === 'vault' ? reply.vault : null;
  $('vault-held').hidden = !vault;
  $('vault-empty').hidden = Boolean(vault);
  if (!vault) {
    $('vault-live-report').replaceChildren();
    return;
  }
  const live = reply && reply.kind === 'vault' ? reply.live_report : null;
  const liveBox = $('vault-live-report');
  if (live) showLiveReport(liveBox, live);
  // A report of a key no longer held goes; a note (no verdict) stays.
  else if (liveBox.dataset.verdict) showLiveNote(liveBox, '');
  $('vault-required').hidden = livePolicy !== 'required' || live?.verdict === 'works';
  $('vault-personal').hidden = !(reply && reply.kind === 'vault' && reply.personal);
  $('vault-masked').textContent = vault.masked;
  $('vault-kind').textContent = KIND_NAMES[vault.kind] || vault.kind;
  $('vault-destination').textContent = vault.destination;
  // The popup's clock and the background's agree: both are this browser's.
  const tick = () => {
    const left = vault.expires_at_ms - Date.now();
    $('vault-countdown').textContent = formatLeft(left);
    if (left <= 0) showVault();
  };
  tick();
  countdown = setInterval(tick, 1000);
}

/**
 * @param {string} tag
 * @param {string} text
 * @param {string} [className]
 */
function textElement(tag, text, className) {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) node.className = className;
  return node;
}

/**
 * Shows the core's capability report: the conclusion, then one line per
 * check with what to do next.
 * @param {HTMLElement} box
 * @param {Core.LiveReport} report
 */
function showLiveReport(box, report) {
  const list = document.createElement('ul');
  for (const line of report.lines) {
    const item = document.createElement('li');
    item.dataset.check = line.check;
    item.dataset.state = line.state;
    const models = line.models.length ? ` ${line.models.join(', ')}.` : '';
    item.append(textElement('span', `${LINE_STATES[line.state]}: `, 'state'), `${words(line.text)}${models}`);
    if (line.next_step) item.append(' ', words(line.next_step));
    if (line.link) {
      const link = textElement('a', line.link.includes('billing') ? 'Open billing' : 'Open the API keys page');
      /** @type {HTMLAnchorElement} */ (link).href = line.link;
      /** @type {HTMLAnchorElement} */ (link).target = '_blank';
      /** @type {HTMLAnchorElement} */ (link).rel = 'noopener';
      item.append(' ', link);
    }
    list.append(item);
  }
  box.dataset.verdict = report.verdict;
  box.replaceChildren(textElement('p', liveHeading(report), 'live-verdict'), list);
}

/**
 * @param {HTMLElement} box
 * @param {string} text
 */
function showLiveNote(box, text) {
  delete box.dataset.verdict;
  box.replaceChildren(textElement('p', text));
}

/**
 * Asks for access to api.openai.com. The first thing a Test click does:
 * the browser shows its prompt only during the admin's action.
 * @param {HTMLElement} box
 */
async function allowApi(box) {
  const allowed = await requestApiPermission();
  if (!allowed) showLiveNote(box, NOT_ALLOWED);
  else $('live-permission').textContent = '';
  return allowed;
}

/** @param {import('../core/innoslate_key_assistant.js').KeyReport} result the core's check, its messages as ids */
function showCheck(result) {
  const box = $('check-result');
  const verdict = document.createElement('p');
  verdict.className = 'verdict';
  verdict.textContent = `${VERDICTS[result.verdict]} (${KIND_NAMES[result.kind]}${result.masked ? `, ${result.masked}` : ''})`;
  const list = document.createElement('ul');
  for (const problem of result.problems) {
    const item = document.createElement('li');
    item.textContent = words(problem.message);
    list.append(item);
  }
  box.replaceChildren(verdict, ...(result.problems.length ? [list] : []));
}

$('pause').addEventListener('click', async () => {
  await send({ kind: 'guide_action', action: $('pause').textContent === 'Resume' ? 'resume' : 'pause', tab_id: tabId });
  await showGuide();
});
$('restart').addEventListener('click', async () => {
  await send({ kind: 'guide_action', action: 'restart', tab_id: tabId });
  await showGuide();
});
$('guide-on').addEventListener('change', async () => {
  await api.storage.local.set({ [LOCAL_KEYS.guideOff]: !$input('guide-on').checked });
  await showGuide();
});
// ---- Innoslate's current key (its record) ----
const KEYS_PAGE = 'https://platform.openai.com/api-keys';
/** @type {Record<Core.Purpose, string>} */
const FIELD_NAMES = { chat_ai: 'Chat AI', image_ai: 'Image AI', unspecified: 'a key field you picked' };
const NOTIFY_WHY = 'To be reminded 14, 7 and 1 days before this key expires even with this window closed, allow the extension to show notifications.';
/** @type {Core.KeyRecord | null} */
let shownRecord = null;

/** @param {number} ms */
const dateOf = (ms) => new Date(ms).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/**
 * Starts replacing the recorded key (or, once its successor is saved,
 * revoking it): the background remembers which key, and OpenAI's keys
 * page opens in a new tab, where the guide names it.
 * @param {Core.KeyRecord} record the key being replaced
 */
async function replaceKey(record) {
  const reply = await api.runtime.sendMessage({ kind: 'key_record_replace', id: record.id, origin: record.origin }).catch(() => null);
  if (!reply || !reply.ok) {
    $('record-status').textContent = NOT_ANSWERING;
    return;
  }
  await api.tabs.create({ url: KEYS_PAGE });
  window.close();
}

/** @param {Core.KeyRecord} record */
const whichKey = (record) => (record.name ? `\u201c${record.name}\u201d (${record.masked})` : record.masked);

/**
 * The key the shown one replaced: revoked, or still active (until the
 * admin revokes it or dismisses the reminder).
 * @param {Core.KeyRecord | undefined} old
 */
function showOldKey(old) {
  oldRecord = old ?? null;
  const box = $('record-old');
  box.hidden = !old || (!old.revoked_ms && old.revoke_dismissed);
  if (!old || box.hidden) return;
  const active = !old.revoked_ms;
  $('record-old-text').className = active ? 'record-alert' : '';
  $('record-old-text').textContent = active
    ? `The old key ${whichKey(old)} is still active: anyone with a copy of it can still use it. Revoke it on OpenAI\u2019s API keys page.`
    : `It replaced ${whichKey(old)}, revoked on ${dateOf(/** @type {number} */ (old.revoked_ms))}.`;
  $('record-old-actions').hidden = !active;
}
/** @type {Core.KeyRecord | null} */
let oldRecord = null;

/**
 * @param {Core.KeyRecord} record
 * @param {Core.Reminder} reminder
 */
function expiryText(record, reminder) {
  if (record.expires_ms === null) return 'Not known. If OpenAI showed an expiry date for this key, set it below.';
  const date = dateOf(record.expires_ms);
  if (reminder.state === 'expired') return `Expired on ${date}`;
  const days = reminder.days_left === 1 ? 'within a day' : `in ${reminder.days_left} days`;
  return `${date} (${days})`;
}

/**
 * @param {string} destination the configured Innoslate origin
 * @param {number} reminderDays
 */
async function showRecord(destination, reminderDays) {
  const records = await readRecords();
  const record = currentRecord(records, destination);
  shownRecord = record;
  $('record-origin').textContent = destination;
  $('record-none').hidden = Boolean(record);
  $('record-held').hidden = !record;
  if (!record) return;
  const reminder = keyReminder(record.expires_ms, Date.now(), reminderDays, 0);
  const list = Array.isArray(records[destination]) ? records[destination] : [];
  showOldKey(record.replaces ? list.find((r) => r.id === record.replaces) : undefined);
  $('record-name').textContent = record.name || 'Not shown by OpenAI\u2019s page';
  $('record-masked').textContent = record.masked;
  $('record-created').textContent = dateOf(record.created_ms);
  $('record-expires').textContent = expiryText(record, reminder) + (record.expiry ? `, chosen as \u201c${record.expiry}\u201d` : '');
  const apiOrganization = record.api_organization ? ` (OpenAI's API: ${record.api_organization})` : '';
  $('record-organization').textContent = (record.organization || 'Not seen') + apiOrganization;
  $('record-project').textContent = record.project || 'Not seen';
  $('record-access').textContent = [record.owner, record.permissions].filter(Boolean).join(', ') || 'Not seen';
  $('record-fields').textContent = `${(Array.isArray(record.fields) ? record.fields : []).map((f) => FIELD_NAMES[f] ?? FIELD_NAMES.unspecified).join(' and ') || 'a key field'} at ${record.origin}`;
  $('record-saved').textContent = record.saved ? 'Yes, the form\u2019s Save was pressed' : 'No Save seen yet: press Save in Organization Preferences';
  $('record-live').textContent = record.live
    ? `${LIVE_VERDICTS[record.live]} (${dateOf(/** @type {number} */ (record.live_ms))})`
    : 'Not tested while on its way';
  const alert = $('record-alert');
  /** @type {string[]} */
  const warnings = [];
  if (reminder.state === 'expired') warnings.push(`This key expired on ${dateOf(/** @type {number} */ (record.expires_ms))}: Chat AI and Image AI in Innoslate stop until a new key is saved there. Replace it now.`);
  else if (reminder.state === 'soon') warnings.push(`This key expires ${reminder.days_left === 1 ? 'within a day' : `in ${reminder.days_left} days`}. Replace it before then: Chat AI and Image AI stop when it expires.`);
  if (record.personal) warnings.push('It belongs to a personal OpenAI organization, billed to that person\u2019s own account.');
  alert.textContent = warnings.join(' ');
  alert.hidden = !warnings.length;
  // An expiry date the page showed is the page's; otherwise the admin may set one.
  $('record-expiry-form').hidden = Boolean(record.expiry) && record.expires_ms !== null;
  const allowed = await api.permissions.contains({ permissions: ['notifications'] }).catch(() => false);
  $('record-notify').hidden = allowed;
  $('record-notify-why').textContent = allowed ? '' : NOTIFY_WHY;
}

/**
 * @param {Record<string, unknown>} change what to do with the shown record
 */
async function editShownRecord(change) {
  if (!shownRecord) return;
  const reply = await api.runtime.sendMessage({ ...change, id: shownRecord.id, origin: shownRecord.origin }).catch(() => null);
  $('record-status').textContent = reply && reply.ok ? (change.kind === 'key_record_delete' ? 'Record deleted.' : 'Expiry saved.') : NOT_ANSWERING;
  await refreshRecord();
}

$('record-replace').addEventListener('click', () => { if (shownRecord) replaceKey(shownRecord); });
$('record-revoke').addEventListener('click', () => { if (oldRecord) replaceKey(oldRecord); });
$('record-revoke-dismiss').addEventListener('click', async () => {
  if (!oldRecord) return;
  const reply = await api.runtime.sendMessage({ kind: 'key_record_dismiss_revoke', id: oldRecord.id, origin: oldRecord.origin }).catch(() => null);
  $('record-status').textContent = reply && reply.ok ? 'Reminder dismissed. The old key stays active until it is revoked on OpenAI\u2019s keys page.' : NOT_ANSWERING;
  await refreshRecord();
});
$('record-delete').addEventListener('click', () => editShownRecord({ kind: 'key_record_delete' }));
$('record-expiry-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const value = $input('record-expiry-input').value;
  const [y, m, d] = value.split('-').map(Number);
  if (!value || !y || !m || !d) {
    $('record-status').textContent = 'Choose the date OpenAI shows for this key first.';
    return;
  }
  // The end of that day where the admin is.
  editShownRecord({ kind: 'key_record_expiry', expires_ms: new Date(y, m - 1, d, 23, 59, 59).getTime() });
});
$('record-expiry-clear').addEventListener('click', () => editShownRecord({ kind: 'key_record_expiry', expires_ms: null }));
$('record-notify').addEventListener('click', async () => {
  // Asked on the admin's click, the only time a browser shows the prompt.
  const granted = await api.permissions.request({ permissions: ['notifications'] }).catch(() => false);
  $('record-status').textContent = granted ? 'Reminders will show as notifications.' : 'Notifications were not allowed; the toolbar button still shows the days left.';
  await refreshRecord();
});

/** @type {() => Promise<void>} */
let refreshRecord = async () => {};

$('vault-send').addEventListener('click', () => send({ kind: 'open_destination' }));
$('vault-clear').addEventListener('click', async () => {
  await send({ kind: 'clear_vault' });
  await showVault();
});
$('vault-live').addEventListener('click', async () => {
  const box = $('vault-live-report');
  const credit = $input('vault-credit').checked;
  if (!(await allowApi(box))) return;
  showLiveNote(box, 'Testing with OpenAI\u2026');
  // The background holds the key and makes the requests; the report comes
  // with the key's status.
  const reply = await send({ kind: 'live_check', credit });
  if (!reply || reply.kind === 'error') {
    showLiveNote(box, reply?.message || NOT_ANSWERING);
    return;
  }
  await showVault();
});

function forgetPasted() {
  if (pasted) clearTimeout(pasted.timer);
  pasted = null;
  $('check-actions').hidden = true;
  $('check-live-report').replaceChildren();
}

/** With "required", only a key a test found working may be sent. */
function updateSendState() {
  const blocked = livePolicy === 'required' && pasted?.tested !== 'works';
  /** @type {HTMLButtonElement} */ ($('check-send')).disabled = blocked;
  $('check-send-status').textContent = blocked ? REQUIRED : '';
}

// Counts the checks asked for: one that waited for the core only goes on
// if no later one was asked for meanwhile.
let checksAsked = 0;

$('check-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const asked = ++checksAsked;
  const input = $input('check-input');
  const text = input.value;
  // The field is cleared at once so the key is not left on screen.
  input.value = '';
  forgetPasted();
  $('check-send-status').textContent = '';
  // A key checked while this window's core still starts is checked once it
  // has started, not dropped (validateKey throws before then).
  if (!(await coreStarted()) || asked !== checksAsked) return;
  const result = validateKey(text);
  showCheck(result);
  if (result.verdict === 'invalid') return;
  const confirm = result.verdict === 'suspicious';
  pasted = { key: text, confirm, tested: null, timer: setTimeout(forgetPasted, PASTED_KEY_MS) };
  $('check-send').textContent = confirm ? 'Send to Innoslate anyway' : 'Send to Innoslate';
  $('check-actions').hidden = false;
  updateSendState();
});

$('check-live').addEventListener('click', async () => {
  const checked = pasted;
  if (!checked) return;
  const box = $('check-live-report');
  const credit = $input('check-credit').checked;
  if (!(await allowApi(box))) return;
  showLiveNote(box, 'Testing with OpenAI\u2026');
  const report = liveCheckReport(await runLiveCheck(liveCheckPlan(credit), checked.key), credit);
  // Forgotten or replaced meanwhile: the report belongs to a key no longer here.
  if (pasted !== checked) return;
  checked.tested = report.verdict;
  showLiveReport(box, report);
  updateSendState();
});

$('check-send').addEventListener('click', async () => {
  if (!pasted || /** @type {HTMLButtonElement} */ ($('check-send')).disabled) return;
  const { key, confirm } = pasted;
  forgetPasted();
  const reply = await send({ kind: 'send_key', key, confirm });
  const status = $('check-send-status');
  if (reply && reply.kind === 'captured') {
    status.textContent = `Key ${reply.vault.masked} is waiting for Innoslate at ${reply.vault.destination}, which opens in a new tab. Choose Fill there.`;
    // The core trusts only a test it made with the key it holds: repeat the
    // free part where the key now is, so the required test counts there.
    if (livePolicy === 'required') await send({ kind: 'live_check', credit: false });
    await showVault();
  } else if (reply && reply.kind === 'key_check') {
    status.textContent = `Not sent: ${reply.report.problems.map((p) => p.message).join(' ')}`;
  } else {
    status.textContent = reply && reply.kind === 'error' ? reply.message : `Not sent. ${NOT_ANSWERING}`;
  }
});
addEventListener('pagehide', forgetPasted);

// Describes the page in the tab the popup was opened over: the tab's content
// script reports the page's structure, this window's core redacts it.
$('diagnostic-copy').addEventListener('click', async () => {
  const statusLine = $('diagnostic-status');
  const box = /** @type {HTMLTextAreaElement} */ ($('diagnostic-text'));
  const tab = await activeTabId();
  /** @type {{ok: boolean, report?: Core.PageReport} | null} */
  const page = tab === null ? null : await api.tabs.sendMessage(tab, { kind: 'describe_page' }).catch(() => null);
  if (!page || !page.ok) {
    box.hidden = true;
    statusLine.textContent = 'The extension is not running on this tab. Switch to the OpenAI or Innoslate tab you need help with, then try again.';
    return;
  }
  const status = await send({ kind: 'guide_status', tab_id: tab });
  if (!(await coreStarted(statusLine))) return;
  const text = describePage(page.report, status && status.kind === 'status' ? status.guide : {});
  if (!text) {
    statusLine.textContent = 'This page could not be described. Reload it and try again.';
    return;
  }
  box.value = text;
  box.hidden = false;
  try {
    await navigator.clipboard.writeText(text);
    statusLine.textContent = 'Copied. Paste it into a message to whoever looks after the extension.';
  } catch (_) {
    box.select();
    statusLine.textContent = 'Select the text below and copy it (Ctrl+C or Cmd+C).';
  }
});

$('live-credit-cost').textContent = CREDIT_COST;
readSettings().then(async (settings) => {
  refreshRecord = () => showRecord(settings.destination, settings.reminderDays);
  if (await coreStarted()) await refreshRecord();
  livePolicy = settings.liveCheck;
  document.body.classList.toggle('live-off', livePolicy === 'off');
  if (livePolicy !== 'off' && !(await apiAllowed())) $('live-permission').textContent = PERMISSION_WHY;
  updateSendState();
  await showVault();
}, () => {});
tabId = await activeTabId();
await Promise.all([showGuide(), showVault(), coreStarted()]);
