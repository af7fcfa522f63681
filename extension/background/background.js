// Background loader: starts the Rust core and routes runtime messages to it.
// All decisions (who may ask, what the answer is, where a key may go) are
// the core's. This file reduces the browser's sender object to plain facts,
// passes in stored settings and the clock, stores what the core hands back,
// and carries out the effects it asks for (open a tab, mirror or drop the
// key in session storage, keep a key's record), and the reminders of a
// recorded key's expiry (badge, notifications, alarm).
// @ts-check
import init, {
  handleMessage, heldKeyForCheck, keyReminder, recordLiveCheck, restoreVault,
} from '../core/innoslate_key_assistant.js';
import { LOCAL_KEYS, readSettings } from '../shared/settings.js';
import { restoreSelfHostedScript } from '../shared/self-hosted-script.js';
import { apiAllowed, runLiveCheck } from '../shared/live-check.js';
import { replyInWords } from '../shared/words.js';
import {
  MAX_RECORDS, NOTICES_KEY, RECORDS_KEY, currentRecord, readRecords,
} from '../shared/key-records.js';
import { BROWSER_ONLY, GUIDE_SITES } from './browser-messages.js';

const api = globalThis.browser ?? globalThis.chrome;
const own = { id: api.runtime.id, origin: new URL(api.runtime.getURL('')).origin };

// storage.session lives in memory only, is cleared when the browser closes,
// and is not readable by content scripts (Chromium's default access level;
// Firefox does not expose it to content scripts at all).
/** @param {number} tabId */
const progressKey = (tabId) => `guide.tab.${tabId}`;
const VAULT_KEY = 'vault';
// The record whose key is being replaced ({origin, id}), from the popup's
// "Replace this key" until its row is seen gone or the admin dismisses it.
const REPLACING_KEY = 'key.replacing';

// Start the core, then take back a key mirrored before a service-worker restart.
const ready = init({ module_or_path: api.runtime.getURL('core/innoslate_key_assistant_bg.wasm') }).then(async () => {
  const stored = await api.storage.session.get(VAULT_KEY);
  // Whatever is stored, the core checks it again before taking it back.
  const record = /** @type {Core.VaultRecord | undefined} */ (stored[VAULT_KEY]);
  if (record && !restoreVault(record, Date.now())) await api.storage.session.remove(VAULT_KEY);
});

const UNAVAILABLE = {
  kind: 'error', ok: false, code: 'core_unavailable',
  message: 'The extension could not start. Reload it from the browser\'s extensions page.',
};

/**
 * The sender's tab id, as the browser reports it.
 * @param {chrome.runtime.MessageSender} sender
 * @returns {number | null}
 */
function senderTab(sender) {
  const id = sender.tab?.id;
  return id !== undefined && Number.isInteger(id) ? id : null;
}

// What the browser attests about the sender, and nothing the message says.
/**
 * @param {chrome.runtime.MessageSender} sender
 * @returns {Core.SenderFacts}
 */
function senderFacts(sender) {
  return {
    id: sender.id ?? '',
    url: sender.url ?? '',
    origin: sender.origin ?? null,
    frame_id: sender.frameId !== undefined && Number.isInteger(sender.frameId) ? sender.frameId : null,
    in_tab: Boolean(sender.tab),
    tab_id: senderTab(sender),
    // Chromium names the document; Firefox does not (the URL still binds).
    document_id: typeof sender.documentId === 'string' ? sender.documentId : null,
  };
}

// One of our own pages (popup, options), by what the browser attests.
/** @param {chrome.runtime.MessageSender} sender */
function fromOwnPage(sender) {
  if (sender.id !== own.id || typeof sender.url !== 'string' || !sender.url.startsWith(`${own.origin}/`)) return false;
  return sender.origin == null || sender.origin === own.origin;
}

// The tab a message concerns: the sender's own, as the browser reports it.
// Only our own pages may name another tab (`tab_id`); from anyone else the
// field is never read (and the core refuses the message).
/**
 * @param {unknown} message whatever arrived; only a numeric `tab_id` is used
 * @param {chrome.runtime.MessageSender} sender
 * @returns {number | null}
 */
function tabOf(message, sender) {
  const named = message && typeof message === 'object' && 'tab_id' in message ? message.tab_id : null;
  if (fromOwnPage(sender) && Number.isInteger(named)) return /** @type {number} */ (named);
  return senderTab(sender);
}

/** @param {string} url */
async function openDestination(url) {
  /** @type {chrome.tabs.Tab[]} */
  let tabs = [];
  try {
    tabs = await api.tabs.query({ url: `${new URL(url).origin}/*` });
  } catch (_) { /* no host permission for that origin yet: open a new tab */ }
  const tab = tabs.find((t) => t.url !== undefined && new URL(t.url).origin === new URL(url).origin);
  if (!tab || tab.id === undefined) {
    await api.tabs.create({ url });
    return;
  }
  await api.tabs.update(tab.id, { active: true });
  await api.windows.update(tab.windowId, { focused: true }).catch(() => {});
  api.tabs.sendMessage(tab.id, { kind: 'refresh' }).catch(() => {});
}

/**
 * @param {Core.Effect[]} effects
 * @param {Core.VaultRecord | undefined} vaultRecord
 */
async function runEffects(effects, vaultRecord) {
  for (const effect of effects) {
    if (effect.kind === 'persist_vault' && vaultRecord) await api.storage.session.set({ [VAULT_KEY]: vaultRecord });
    if (effect.kind === 'clear_vault') await api.storage.session.remove(VAULT_KEY);
    if (effect.kind === 'open_destination') await openDestination(effect.url);
    if (effect.kind === 'live_check') await checkHeldKey(effect.probes, effect.credit);
    if (effect.kind === 'save_key_record') await saveRecord(effect.record);
    // The core's own effect, of the shape a record edit has.
    if (effect.kind === 'key_revoked') await editRecord(effect);
  }
}

/**
 * Keeps (or replaces, by id) a key's record under its origin.
 * @param {Core.KeyRecord} record
 */
async function saveRecord(record) {
  const records = await readRecords();
  const kept = records[record.origin];
  const list = (Array.isArray(kept) ? kept : []).filter((r) => r.id !== record.id);
  list.push(record);
  records[record.origin] = list.slice(-MAX_RECORDS);
  await api.storage.local.set({ [RECORDS_KEY]: records });
}

/**
 * The admin's changes to a record, from the popup: delete it, set or clear
 * its expiry (a date the page did not show), start replacing its key
 * (`key_record_replace`), or dismiss the reminder to revoke it; and the
 * core's finding that OpenAI's table no longer lists it (`key_revoked`).
 * @param {{ kind: string, origin?: unknown, id?: unknown, expires_ms?: unknown }} message
 */
async function editRecord(message) {
  const records = await readRecords();
  const origin = String(message.origin);
  const kept = Object.hasOwn(records, origin) ? records[origin] : null;
  const list = Array.isArray(kept) ? kept : [];
  const record = list.find((r) => r.id === message.id);
  if (!record) return { ok: false };
  const ends = await replacingIs(origin, record.id);
  if (message.kind === 'key_record_replace') {
    await api.storage.session.set({ [REPLACING_KEY]: { origin, id: record.id } });
    return { ok: true };
  }
  if (message.kind === 'key_revoked' || message.kind === 'key_record_dismiss_revoke') {
    if (ends) await api.storage.session.remove(REPLACING_KEY);
    if (message.kind === 'key_revoked') record.revoked_ms = Date.now();
    else record.revoke_dismissed = true;
  } else if (message.kind === 'key_record_delete') {
    if (ends) await api.storage.session.remove(REPLACING_KEY);
    records[origin] = list.filter((r) => r !== record);
    if (!records[origin].length) delete records[origin];
  } else {
    const at = message.expires_ms;
    record.expires_ms = typeof at === 'number' && Number.isFinite(at) ? at : null;
    record.expiry = '';
  }
  await api.storage.local.set({ [RECORDS_KEY]: records });
  return { ok: true };
}

// ---- Reminders of the recorded key's expiry ----
const REMINDER_ALARM = 'key-reminder';
const NOTIFICATION_PREFIX = 'key-reminder:';

/** Whether the admin allowed system notifications (an optional permission). */
async function notificationsAllowed() {
  try {
    return Boolean(api.notifications) && await api.permissions.contains({ permissions: ['notifications'] });
  } catch (_) {
    return false;
  }
}

/**
 * The notification's words for a key `days` days from expiry.
 * @param {Core.KeyRecord} record
 * @param {number} days
 */
function noticeText(record, days) {
  const which = record.name ? `\u201c${record.name}\u201d (${record.masked})` : record.masked;
  return {
    title: days === 1 ? 'Innoslate\u2019s OpenAI key expires within a day' : `Innoslate\u2019s OpenAI key expires in ${days} days`,
    message: `The key ${which} used by ${record.origin} stops working then, and Chat AI and Image AI with it. Open Innoslate Key Assistant to replace it.`,
  };
}

/**
 * Shows where the configured Innoslate's recorded key stands: the badge
 * from the reminder window on, one notification per mark (if allowed), and
 * an alarm for the next change. Without a recorded expiry nothing is left
 * scheduled.
 * @param {number} [now] the clock
 */
async function updateReminders(now = Date.now()) {
  await ready;
  const [settings, records, stored] = await Promise.all([
    readSettings(), readRecords(), api.storage.local.get(NOTICES_KEY),
  ]);
  const record = currentRecord(records, settings.destination);
  const notices = /** @type {Record<string, number>} */ (stored[NOTICES_KEY] ?? {});
  const reminder = record
    ? keyReminder(record.expires_ms ?? null, now, settings.reminderDays, notices[record.id] ?? 0)
    : null;
  await api.action.setBadgeText({ text: reminder?.badge ?? '' });
  if (reminder?.badge) {
    await api.action.setBadgeBackgroundColor({ color: reminder.state === 'expired' ? '#b3261e' : '#8a4600' });
    await api.action.setTitle({
      title: reminder.state === 'expired' ? 'Innoslate\u2019s OpenAI key has expired' : `Innoslate\u2019s OpenAI key expires in ${reminder.days_left} days`,
    });
  } else {
    await api.action.setTitle({ title: api.i18n.getMessage('actionTitle') });
  }
  if (record && reminder?.notice && await notificationsAllowed()) {
    await api.notifications.create(`${NOTIFICATION_PREFIX}${record.id}:${reminder.notice}`, {
      type: 'basic',
      iconUrl: api.runtime.getURL('icons/icon-128.png'),
      ...noticeText(record, reminder.notice),
    });
    await api.storage.local.set({ [NOTICES_KEY]: { ...notices, [record.id]: reminder.notice } });
  }
  if (reminder?.next_ms) await api.alarms.create(REMINDER_ALARM, { when: reminder.next_ms });
  else await api.alarms.clear(REMINDER_ALARM);
}

// Reminders are refreshed from many events, one after another: two at once
// would both read that a mark's notification is still due and show it
// twice. One that fails (storage or the policy unreadable for a moment)
// leaves the last badge until the next.
let reminding = Promise.resolve();
function remind() {
  reminding = reminding.then(() => updateReminders()).catch(() => {});
}

/** The popup, from a notification: as a popup where the browser can, else in a tab. */
async function openPopup() {
  try {
    await api.action.openPopup();
  } catch (_) {
    await api.tabs.create({ url: api.runtime.getURL('popup/popup.html') });
  }
}

/** @param {string} id */
function onNotificationClicked(id) {
  if (!id.startsWith(NOTIFICATION_PREFIX)) return;
  api.notifications.clear(id);
  openPopup();
}

// The notifications API exists only once the admin allowed it.
function listenToNotifications() {
  if (api.notifications && !api.notifications.onClicked.hasListener(onNotificationClicked)) {
    api.notifications.onClicked.addListener(onNotificationClicked);
  }
}
listenToNotifications();
api.alarms.onAlarm.addListener((alarm) => { if (alarm.name === REMINDER_ALARM) remind(); });

/**
 * Tests the held key with OpenAI where it is held, here: the popup that
 * asked only ever sees the report. The core keeps the report with the key,
 * and the Innoslate tab, if open, shows it.
 * @param {Core.Probe[]} probes
 * @param {boolean} credit
 */
async function checkHeldKey(probes, credit) {
  const key = heldKeyForCheck();
  if (!key) return;
  /** @type {{ organization?: string }} */
  const seen = {};
  const results = await runLiveCheck(probes, key, seen);
  // Another key may have come in meanwhile: the report belongs to this one.
  if (heldKeyForCheck() === key) recordLiveCheck(results, credit, Date.now(), seen.organization ?? '');
  refreshAllTabs();
}

// A page cannot ask for access to the API (the browser asks only from a
// click on one of our own pages): the callout's test says where to allow it,
// and nothing is tested or recorded.
/** @type {Core.Reply} */
const ASK_FROM_MENU = {
  kind: 'error', ok: false, code: 'not_allowed',
  message: 'Not tested: the extension may not contact api.openai.com yet. Open the extension\'s menu and choose Test with OpenAI once to allow it.',
};

// Page reports arrive up to once a frame, so settings and progress are read
// from storage once and then kept here (written through on change). A
// restarted service worker starts with empty caches and reads storage again.
/** @type {Promise<import('../shared/settings.js').Settings> | null} */
let settingsCache = null;
// Guide pages on OpenAI need neither the address nor the key's lifetime, so
// they do not wait for the organization's policy, whose first read in a
// newly started browser can take seconds.
/** @type {Promise<import('../shared/settings.js').Settings> | null} */
let guideSettingsCache = null;
api.storage.onChanged.addListener((changes, area) => {
  // The replacement is read from its own key and the records only: the
  // progress every page report writes to storage.session leaves it cached.
  if ((area === 'local' && RECORDS_KEY in changes) || (area === 'session' && REPLACING_KEY in changes)) replacingCache = null;
  if (area !== 'session') {
    settingsCache = null;
    guideSettingsCache = null;
  }
  // Content scripts cannot watch storage.local where it is closed to them
  // (below), so they are told when the guide is switched on or off.
  if (area === 'local' && LOCAL_KEYS.guideOff in changes) refreshAllTabs();
  // A new or edited record, another Innoslate address or another policy.
  if ((area === 'local' && (RECORDS_KEY in changes || LOCAL_KEYS.destination in changes)) || area === 'managed') remind();
  // A policy that names another address: its content script, where allowed.
  if (area === 'managed') restoreSelfHostedScript().catch(() => {});
  // A key saved or revoked, or a replacement started: the keys page's
  // callout changes with it.
  if ((area === 'local' && RECORDS_KEY in changes) || (area === 'session' && REPLACING_KEY in changes)) refreshAllTabs();
});

/** @type {Promise<Core.Replacing | null> | null} */
let replacingCache = null;

/** @returns {Promise<{ origin: string, id: string } | null>} the replacement as stored */
async function storedReplacing() {
  const stored = /** @type {{ origin?: unknown, id?: unknown } | undefined} */ ((await api.storage.session.get(REPLACING_KEY))[REPLACING_KEY]);
  const { origin, id } = stored ?? {};
  return typeof origin === 'string' && typeof id === 'string' ? { origin, id } : null;
}

/**
 * Whether the replacement under way is that of this record.
 * @param {string} origin
 * @param {string} id
 */
async function replacingIs(origin, id) {
  const stored = await storedReplacing();
  return stored?.origin === origin && stored.id === id;
}

/**
 * The replacement under way, for the core: the old key's record as kept,
 * and whether its successor was saved in Innoslate (then it is to be
 * revoked). The core checks it again.
 * @returns {Promise<Core.Replacing | null>}
 */
async function readReplacing() {
  const stored = await storedReplacing();
  if (!stored) return null;
  const records = await readRecords();
  const list = Object.hasOwn(records, stored.origin) && Array.isArray(records[stored.origin]) ? records[stored.origin] : [];
  const old = list.find((r) => r.id === stored.id);
  if (!old || old.revoked_ms) return null;
  const revoke = list.some((r) => r.replaces === old.id && r.saved);
  return { origin: old.origin, id: old.id, name: old.name ?? '', masked: old.masked, revoke };
}

async function refreshAllTabs() {
  // Needs no "tabs" permission: only ids are read; tabs without our content
  // script simply do not answer.
  for (const tab of await api.tabs.query({})) {
    if (tab.id !== undefined) api.tabs.sendMessage(tab.id, { kind: 'refresh' }).catch(() => {});
  }
}

// Where the browser allows it (Chromium), content scripts may not read or
// write storage.local at all, so only our own pages write the settings.
// Elsewhere (Firefox) settings.js verifies what it reads.
api.storage.local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => {});
// A revoked host permission unbinds a self-hosted address at once.
api.permissions.onRemoved.addListener(() => { settingsCache = null; });
// The browser dropped every registered content script with the install or
// update: the saved self-hosted address gets its own back, and settings read
// in the meantime (which did not believe that address) are read again.
api.runtime.onInstalled.addListener(() => {
  restoreSelfHostedScript().then(() => { settingsCache = null; remind(); }, () => {});
});
// Notifications allowed from the popup: the reminder due now shows at once.
api.permissions.onAdded.addListener((added) => {
  if (!added.permissions?.includes('notifications')) return;
  listenToNotifications();
  remind();
});
/** @type {Map<string, Partial<Core.TabProgress>>} */
const progressCache = new Map();

/** @param {string} key */
async function progressOf(key) {
  let progress = progressCache.get(key);
  if (!progress) {
    const stored = await api.storage.session.get(key);
    progress = /** @type {Partial<Core.TabProgress>} */ (stored[key] || {});
    progressCache.set(key, progress);
  }
  return progress;
}

/**
 * The settings a message needs: page reports from the OpenAI sites get them
 * without the policy (the core decides nothing there from the address or
 * the lifetime); everything else waits for the whole.
 * @param {unknown} message
 * @param {chrome.runtime.MessageSender} sender
 */
function settingsFor(message, sender) {
  const report = message && typeof message === 'object' && 'kind' in message && message.kind === 'page_report';
  if (report && GUIDE_SITES.some((site) => (sender.url ?? '').startsWith(`${site}/`))) {
    guideSettingsCache ??= readSettings({ policy: false });
    return guideSettingsCache;
  }
  settingsCache ??= readSettings();
  return settingsCache;
}

/**
 * @param {unknown} message
 * @param {chrome.runtime.MessageSender} sender
 * @returns {Promise<Core.Reply>}
 */
async function answer(message, sender) {
  await ready;
  const tabId = tabOf(message, sender);
  const key = tabId === null ? null : progressKey(tabId);
  replacingCache ??= readReplacing();
  const [progress, settings, replacing] = await Promise.all([
    key ? progressOf(key) : {}, settingsFor(message, sender), replacingCache,
  ]);
  const context = {
    progress,
    guide_off: settings.guideOff,
    destination: settings.destination,
    ttl_ms: settings.ttlMinutes * 60_000,
    now_ms: Date.now(),
    // Names a fill offer, if this message leads to one.
    offer_nonce: crypto.randomUUID(),
    live_check: settings.liveCheck,
    replacing,
  };
  // The core reads any value and answers an error for what it cannot use.
  const result = handleMessage(/** @type {Core.Request} */ (message), senderFacts(sender), own, context);
  if (result.progress && key) {
    progressCache.set(key, result.progress);
    await api.storage.session.set({ [key]: result.progress });
    // A change made from the popup shows at once in that tab.
    if (tabId !== null && (!sender.tab || sender.tab.id !== tabId)) api.tabs.sendMessage(tabId, { kind: 'refresh' }).catch(() => {});
  }
  const testing = result.effects.some((e) => e.kind === 'live_check');
  if (testing && !fromOwnPage(sender) && !(await apiAllowed())) {
    await runEffects(result.effects.filter((e) => e.kind !== 'live_check'), result.vault_record);
    return ASK_FROM_MENU;
  }
  await runEffects(result.effects, result.vault_record);
  // Content scripts draw words: the callout's message ids are resolved here.
  const reply = replyInWords(result.reply);
  // A tab's first callout mentions the shortcut.
  const report = /** @type {{ kind?: unknown }} */ (message).kind === 'page_report';
  if (report && tabId !== null && !tippedTabs.has(tabId) && reply.kind === 'guide' && reply.overlay) {
    if (knownCommands) {
      tippedTabs.add(tabId);
      /** @type {Core.GuideReply} */ (reply).tip = shortcutTip(knownCommands);
      readCommands();
    } else {
      awaitingTip.add(tabId);
    }
  }
  return reply;
}

// The keyboard shortcut (manifest `commands`): the content script in the
// active tab's top frame moves focus into the guide's callout or back.
const FOCUS_COMMAND = 'focus-guide';

/**
 * @param {string} command
 * @param {chrome.tabs.Tab} [tab] the active tab, where the browser says
 */
async function onCommand(command, tab) {
  if (command !== FOCUS_COMMAND) return;
  const target = tab?.id !== undefined ? tab : (await api.tabs.query({ active: true, currentWindow: true }))[0];
  if (target?.id !== undefined) api.tabs.sendMessage(target.id, { kind: 'focus_guide' }, { frameId: 0 }).catch(() => {});
}
api.commands.onCommand.addListener(onCommand);

// Tabs whose callout has mentioned the shortcut (forgotten with the worker,
// after which it is mentioned once more).
/** @type {Set<number>} */
const tippedTabs = new Set();
// The browser's commands, read when the worker starts and after each tip
// (the admin may have set another shortcut). Never waited for: the first
// read in a newly started browser can take seconds, and a callout must
// not. Tabs shown a callout before they were known are asked to report
// again once they are, and get the tip then.
/** @type {chrome.commands.Command[] | null} */
let knownCommands = null;
/** @type {Set<number>} */
const awaitingTip = new Set();
function readCommands() {
  api.commands.getAll().then((commands) => {
    knownCommands = commands;
    for (const tabId of awaitingTip) api.tabs.sendMessage(tabId, { kind: 'refresh' }, { frameId: 0 }).catch(() => {});
    awaitingTip.clear();
  }, () => {});
}
readCommands();

/**
 * The callout's one-line tip about the shortcut as the admin set it (or
 * where to set one), given `commands` (the browser's). Not the core's
 * business: nothing is decided from it, and it carries nothing of the
 * page's; it goes with the reply to a tab's first page report that brings
 * a callout (`answer`).
 * @param {chrome.commands.Command[]} commands
 */
function shortcutTip(commands) {
  const shortcut = commands.find((c) => c.name === FOCUS_COMMAND)?.shortcut;
  return shortcut
    ? `Tip: press ${shortcut} to move between this box and the page.`
    : 'Tip: to reach this box from the keyboard, set a shortcut for Innoslate Key Assistant in your browser\u2019s extension shortcut settings.';
}

// The Fill and Test buttons' code, which every page need not carry.
const KEY_FILL_SCRIPT = 'content/key-fill.js';

/**
 * Runs key-fill.js in the sender's own document (its top frame), where the
 * adapter shows an offer from the core. Not the core's business: the
 * script decides nothing and can take nothing by itself (every key it
 * writes is released by the core for that page's offer, on a click the
 * guard accepted), and the browser runs it only where the extension has
 * host access (Innoslate's addresses; never OpenAI's).
 * @param {chrome.runtime.MessageSender} sender
 */
async function injectKeyFill(sender) {
  const tabId = senderTab(sender);
  if (tabId === null || sender.frameId !== 0) return { ok: false };
  // Chromium names the document, so a page that navigated meanwhile gets
  // nothing; Firefox does not (its top frame then).
  const target = typeof sender.documentId === 'string'
    ? { tabId, documentIds: [sender.documentId] }
    : { tabId, frameIds: [0] };
  try {
    await api.scripting.executeScript({ target, files: [KEY_FILL_SCRIPT] });
    return { ok: true };
  } catch (_) {
    return { ok: false };
  }
}

// One message at a time per tab, so progress updates never overwrite each other.
/** @type {Map<number | string, Promise<void>>} */
const queues = new Map();

/**
 * The part of ours a message came from, by what the browser attests.
 * @param {chrome.runtime.MessageSender} sender
 */
function partOf(sender) {
  if (fromOwnPage(sender)) return 'extension_page';
  return sender.id === own.id && sender.tab ? 'content_script' : null;
}

/**
 * Answers a message the core never sees, from a sender its row admits.
 * @param {{ kind: string }} message
 * @param {chrome.runtime.MessageSender} sender
 */
async function answerHere(message, sender) {
  const part = partOf(sender);
  if (!part || !BROWSER_ONLY[message.kind].from.includes(part)) return { ok: false };
  if (message.kind === 'key_fill_script') return injectKeyFill(sender);
  // Records are the background's: the table lets only our own pages change them.
  return editRecord(message);
}

// Registered synchronously at start-up, as service workers require.
api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const kind = message && typeof message.kind === 'string' ? message.kind : '';
  if (Object.hasOwn(BROWSER_ONLY, kind) && BROWSER_ONLY[kind].to === 'background') {
    answerHere(message, sender).then(sendResponse, () => sendResponse({ ok: false }));
    return true;
  }
  const lane = tabOf(message, sender) ?? 'none';
  const next = (queues.get(lane) ?? Promise.resolve())
    .then(() => answer(message, sender))
    .then(sendResponse, () => sendResponse(UNAVAILABLE));
  queues.set(lane, next);
  next.then(() => { if (queues.get(lane) === next) queues.delete(lane); });
  return true;
});

api.tabs.onRemoved.addListener((tabId) => {
  tippedTabs.delete(tabId);
  progressCache.delete(progressKey(tabId));
  api.storage.session.remove(progressKey(tabId));
});

// A restarted worker (or browser) shows the recorded key's state again.
remind();
