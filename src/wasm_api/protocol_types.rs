//! The protocol's shapes as TypeScript declarations, appended by
//! wasm-bindgen to the core's `.d.ts`, which the type check of the extension's
//! JavaScript reads (`tsc`, see tsconfig.json). The `.d.ts` never ships.
//!
//! Written by hand from the serde shapes in `protocol.rs`, `page_report.rs`,
//! `dispatch/`, `sender_check.rs`, `key/` and `transfer/`. The native test
//! `tests/core/protocol_typescript/` compares every declaration below with what
//! those Rust types actually read and write, and names whatever differs.
//!
//! Layout rules the test's reader relies on: one `export interface` or
//! `export type` per item, fields as `name: type;` or `name?: type;`, no
//! inline object types, unions of interfaces or of string literals only.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const PROTOCOL_TYPES: &str = r#"
/** The protocol version every request carries in `v`. */
export type ProtocolVersion = 1;

// ---- Requests (content scripts and extension pages to the core) ----

/** A box in CSS pixels, relative to the viewport. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An open dialog on the page. */
export interface DialogFact {
  name: string;
  modal: boolean;
  /** Its accessible description (aria-describedby), cleaned. */
  description: string;
}

/** One visible interactive element; `id` is its index in this report. */
export interface ElementFact {
  id: number;
  role: string;
  name: string;
  label: string;
  placeholder: string;
  section: string;
  /** Inside a navigation landmark (a sidebar's link, not one in the page's text). */
  in_nav: boolean;
  test_id: string;
  dialog: number | null;
  checked: boolean | null;
  /** Partly checked (aria-checked="mixed", a native checkbox's indeterminate); checked is then false. */
  mixed: boolean;
  selected: boolean | null;
  disabled: boolean;
  has_value: boolean;
  read_only: boolean;
  /** A list box's shown choice by name (a select's chosen option, a non-typed combobox's text); never typed text. */
  value_text: string;
  /** A select's option names, at most 12. */
  options: string[];
  /** Inside a table row: the row's cell texts, cleaned, at most 12. */
  row: string[];
  /** Id of the element's form, stable for the document's life; null outside a form. */
  form: number | null;
  /** Whether the element submits its form. */
  submit: boolean;
  rect: Rect;
}

/** What a content script reports about its page. */
export interface PageReport {
  url: string;
  title: string;
  dialogs: DialogFact[];
  headings: string[];
  elements: ElementFact[];
}

/** A guide button the admin pressed. */
export type GuideAction = "done" | "back" | "pause" | "resume" | "restart";

export interface PageReportRequest {
  kind: "page_report";
  v: ProtocolVersion;
  report: PageReport;
}

/** From the callout (no `tab_id`) or the popup (the active tab's id). */
export interface GuideActionRequest {
  kind: "guide_action";
  v: ProtocolVersion;
  action: GuideAction;
  tab_id?: number | null;
}

export interface GuideStatusRequest {
  kind: "guide_status";
  v: ProtocolVersion;
  tab_id?: number | null;
}

export interface CaptureKeyRequest {
  kind: "capture_key";
  v: ProtocolVersion;
  key: string;
  confirm?: boolean;
}

export interface SendKeyRequest {
  kind: "send_key";
  v: ProtocolVersion;
  key: string;
  confirm?: boolean;
}

export interface ReleaseKeyRequest {
  kind: "release_key";
  v: ProtocolVersion;
  /** The offer's nonce, from `FillPlan.offer`. */
  offer: string;
  /** Report ids of the fields to fill. */
  fields?: number[];
}

export interface FillDoneRequest {
  kind: "fill_done";
  v: ProtocolVersion;
  /** The nonce of the offer the key was released for. */
  offer: string;
  filled: number;
}

export interface VaultStatusRequest {
  kind: "vault_status";
  v: ProtocolVersion;
}

export interface ClearVaultRequest {
  kind: "clear_vault";
  v: ProtocolVersion;
}

export interface OpenDestinationRequest {
  kind: "open_destination";
  v: ProtocolVersion;
}

/** The popup's "Test with OpenAI" for the key in transit. */
export interface LiveCheckRequest {
  kind: "live_check";
  v: ProtocolVersion;
  /** Also make the billed credit request. */
  credit?: boolean;
}

/** The Innoslate callout's "Test with OpenAI" for the key it offers. */
export interface TestHeldKeyRequest {
  kind: "test_held_key";
  v: ProtocolVersion;
  /** The offer's nonce, from `Overlay.live_test`. */
  offer: string;
}

/** A trusted submit of a form on the Innoslate origin (its report form id). */
export interface FormSubmittedRequest {
  kind: "form_submitted";
  v: ProtocolVersion;
  form: number;
}

/** Every message the core answers. */
export type Request =
  | PageReportRequest
  | GuideActionRequest
  | GuideStatusRequest
  | CaptureKeyRequest
  | SendKeyRequest
  | ReleaseKeyRequest
  | FillDoneRequest
  | VaultStatusRequest
  | ClearVaultRequest
  | OpenDestinationRequest
  | LiveCheckRequest
  | TestHeldKeyRequest
  | FormSubmittedRequest;

/** A request without `v`, which the senders' `send` helpers add. */
export type Unversioned<R> = R extends Request ? Omit<R, "v"> : never;
export type UnversionedRequest = Unversioned<Request>;

// ---- Replies (the core's answers) ----

/** How page text must relate to a locator's wording. */
export type TextMode = "is" | "has" | "starts_with";

/** Which fact of an element a locator compares. */
export type LocatorBy = "name" | "label" | "placeholder" | "test_id" | "role" | "expiration" | "read_only";

/** One way to find a control, for the content script's spotter. */
export interface Locator {
  role: string | null;
  by: LocatorBy;
  mode: TextMode;
  /** One wording, or the accepted variants of it. */
  text: string | string[];
  in_dialog: boolean;
  when_empty: boolean;
  until_checked: boolean;
  section_mode: TextMode | null;
  section_text: string | string[] | null;
  /** Only inside the page's navigation. */
  in_nav: boolean;
}

/** The element holding the key on OpenAI's dialog, and the button's label. */
export interface Capture {
  from: number;
  label: MessageId;
}

/** One fill choice the admin can make ("Chat AI", "Both"). */
export interface FillChoice {
  label: string;
  fields: number[];
}

/** Which fields to fill on the Innoslate page. */
export interface FillPlan {
  /** The offer's nonce: `release_key` and `fill_done` echo it. */
  offer: string;
  choices: FillChoice[];
  pick: boolean;
  masked: string;
}

/** The id of a message in extension/_locales/en/messages.json (`core_*`). */
export type MessageId = string;

/** A message with its placeholders' values: each shown as it is, or a message of ours. */
export type Message = [MessageId, ...(string | Message)[]];

/** What the content script shows for the current page: its texts as message
 * ids, which the background turns into words (extension/shared/words.js)
 * before the content script receives them. */
export interface Overlay {
  guide: string;
  step: string;
  number: number;
  total: number;
  progress: Message;
  title: MessageId;
  instruction: Message;
  why: MessageId;
  advice: Message[];
  target: number | null;
  keep_clear: number[];
  target_expected: boolean;
  watch?: Locator[];
  can_go_back: boolean;
  capture: Capture | null;
  fill: FillPlan | null;
  /** The offer "Test with OpenAI" names; null when the test is not offered. */
  live_test: string | null;
}

/** Where the guide is in a tab, for the popup. */
export interface GuideState {
  step: string | null;
  title: MessageId | null;
  number: number;
  total: number;
  furthest: number;
  done: number;
  paused: boolean;
  guide_off: boolean;
}

export type Verdict = "valid" | "suspicious" | "invalid";

export type KeyKind = "user" | "project" | "service_account" | "admin" | "unknown_openai" | "not_openai";

export type Severity = "error" | "warning";

export type ProblemCode =
  | "empty"
  | "masked"
  | "truncated"
  | "bad_character"
  | "whitespace_inside"
  | "missing_marker"
  | "wrong_length"
  | "admin_key"
  | "other_provider"
  | "multiple_keys"
  | "surrounding_whitespace"
  | "invisible_characters"
  | "quoted"
  | "bearer_prefix"
  | "env_assignment"
  | "unknown_shape"
  | "missing_prefix"
  | "extra_text";

/** One finding about a checked key, worded for the admin. */
export interface Problem {
  code: ProblemCode;
  severity: Severity;
  message: Message;
}

/** The result of checking a key; never contains the key. */
export interface KeyReport {
  verdict: Verdict;
  kind: KeyKind;
  problems: Problem[];
  masked: string | null;
}

/** What may be shown about the key in transit (never the key). */
export interface VaultInfo {
  masked: string;
  kind: KeyKind;
  destination: string;
  expires_at_ms: number;
}

export interface GuideReply {
  kind: "guide";
  ok: boolean;
  overlay: Overlay | null;
  /** Paused in this tab, with a callout for this page: offer "Show guide". */
  paused: boolean;
}

export interface StatusReply {
  kind: "status";
  ok: boolean;
  version: string;
  guide: GuideState;
}

export interface DoneReply {
  kind: "done";
  ok: boolean;
}

export interface KeyCheckReply {
  kind: "key_check";
  ok: boolean;
  needs_confirmation: boolean;
  report: KeyReport;
}

export interface CapturedReply {
  kind: "captured";
  ok: boolean;
  vault: VaultInfo;
}

/** The only reply that carries the key. */
export interface ReleasedReply {
  kind: "released";
  ok: boolean;
  key: string;
}

export interface VaultReply {
  kind: "vault";
  ok: boolean;
  vault: VaultInfo | null;
  destination: string;
  now_ms: number;
  /** What OpenAI said when the held key was last tested; null: not tested. */
  live_report: LiveReport | null;
  /** The platform or the API showed the held key's organisation as personal. */
  personal: boolean;
}

// ---- The live key check (src/live_check) ----

export type ProbeId = "models" | "moderation" | "credit";

/** One request of a live key check; always to https://api.openai.com. */
export interface Probe {
  id: ProbeId;
  method: string;
  url: string;
  /** JSON text for POST requests. */
  body: string | null;
}

/** Why a request got no answer. */
export type Failure = "timeout" | "network_error" | "no_permission";

/** One request's answer as fetched: status 0 when none came. */
export interface WireResult {
  id: ProbeId;
  status?: number;
  failure?: Failure | null;
  /** The parsed JSON body; null when it was not JSON. */
  body?: ApiBody | null;
}

/** The parts of an API reply the core reads. */
export interface ApiBody {
  error?: ApiError | null;
  data?: ListedModel[] | null;
}

/** OpenAI's error object. */
export interface ApiError {
  message?: string | null;
  type?: string | null;
  code?: string | null;
}

/** One entry of the models list. */
export interface ListedModel {
  id?: string;
}

export type LiveCheckName = "known" | "list_models" | "chat_models" | "image_models" | "call_models" | "credit";

export type LineState = "pass" | "fail" | "unknown" | "skipped";

/** One line of the capability report. */
export interface Line {
  check: LiveCheckName;
  state: LineState;
  text: MessageId;
  models: string[];
  next_step: MessageId | null;
  link: string | null;
}

export type LiveVerdict = "works" | "problem" | "could_not_check";

/** The capability report; never contains the key or OpenAI's replies. */
export interface LiveReport {
  verdict: LiveVerdict;
  lines: Line[];
}

export interface ErrorReply {
  kind: "error";
  ok: false;
  code: string;
  /** In words once the background has handed the reply on. */
  message: MessageId;
}

/** Every answer of the core. */
export type Reply =
  | GuideReply
  | StatusReply
  | DoneReply
  | KeyCheckReply
  | CapturedReply
  | ReleasedReply
  | VaultReply
  | ErrorReply;

// ---- handleMessage's other inputs and outputs (background only) ----

/** The browser's MessageSender, reduced by the background loader. */
export interface SenderFacts {
  id: string;
  url: string;
  origin: string | null;
  frame_id: number | null;
  in_tab: boolean;
  /** `sender.tab.id`, for content scripts. */
  tab_id: number | null;
  /** `sender.documentId`, where the browser gives one. */
  document_id: string | null;
}

/** This extension's own id and page origin. */
export interface OwnIdentity {
  id: string;
  origin: string;
}

/** A tab's guide progress, stored by the background between messages. */
export interface TabProgress {
  step: string | null;
  furthest: number;
  done: string[];
  paused: boolean;
  skipped: string[];
  back_to: string | null;
  page: string;
}

/** Stored settings and the clock, passed in with every message. */
export interface Context {
  progress: Partial<TabProgress>;
  guide_off: boolean;
  destination: string | null;
  ttl_ms: number | null;
  now_ms: number;
  /** A fresh nonce for an offer the core may make with this message. */
  offer_nonce: string;
  /** The organization's rule for the live key check (policy `liveKeyCheck`). */
  live_check: Policy;
  /** The recorded key being replaced, while a replacement is under way. */
  replacing: Replacing | null;
}

/** The recorded key a replacement started from (popup's "Replace this key"). */
export interface Replacing {
  origin: string;
  id: string;
  name: string;
  masked: string;
  /** Its replacement was saved in Innoslate: the old key is to be revoked. */
  revoke: boolean;
}

export type Policy = "off" | "ask" | "required";

export interface PersistVaultEffect {
  kind: "persist_vault";
}

export interface ClearVaultEffect {
  kind: "clear_vault";
}

export interface OpenDestinationEffect {
  kind: "open_destination";
  url: string;
}

/** Test the held key: make these requests, then call recordLiveCheck. */
export interface LiveCheckEffect {
  kind: "live_check";
  probes: Probe[];
  credit: boolean;
}

/** What an Innoslate key field is for. */
export type Purpose = "chat_ai" | "image_ai" | "unspecified";

/** A key sent to Innoslate, as kept in storage.local (never the key). */
export interface KeyRecord {
  id: string;
  origin: string;
  /** OpenAI's masked form, `sk-...` and the last four characters. */
  masked: string;
  name: string;
  project: string;
  owner: string;
  permissions: string;
  organization: string;
  api_organization: string;
  personal: boolean;
  created_ms: number;
  expires_ms: number | null;
  expiry: string;
  fields: Purpose[];
  saved: boolean;
  live: LiveVerdict | null;
  live_ms: number | null;
  /** The id of the record this key replaced ("" for none). */
  replaces: string;
  /** When OpenAI's keys table was seen without this key (set by the background). */
  revoked_ms: number | null;
  /** The admin dismissed the reminder to revoke this key (set by the background). */
  revoke_dismissed: boolean;
}

/** Keep (or replace, by id) this record in storage.local. */
export interface SaveKeyRecordEffect {
  kind: "save_key_record";
  record: KeyRecord;
}

/** OpenAI's keys table no longer lists the replaced key: mark its record revoked. */
export interface KeyRevokedEffect {
  kind: "key_revoked";
  origin: string;
  id: string;
}

/** What the background must do besides replying. */
export type Effect = PersistVaultEffect | ClearVaultEffect | OpenDestinationEffect | LiveCheckEffect | SaveKeyRecordEffect | KeyRevokedEffect;

/** Where a recorded key stands on its expiry. */
export type ExpiryState = "unknown" | "later" | "soon" | "expired";

/** keyReminder's answer: what to show and when to look again. */
export interface Reminder {
  state: ExpiryState;
  days_left: number | null;
  badge: string;
  /** The notification due now (days before expiry), if any. */
  notice: number | null;
  next_ms: number | null;
}

/** The key in transit as mirrored in session storage (memory only). */
export interface VaultRecord {
  key: string;
  destination: string;
  expires_at_ms: number;
}

/** What handleMessage returns. */
export interface HandleResult {
  reply: Reply;
  progress?: TabProgress;
  effects: Effect[];
  vault_record?: VaultRecord;
}

/** checkDestination's answer for a usable address. */
export interface DestinationAccepted {
  ok: true;
  origin: string;
  match_pattern: string;
}

/** checkDestination's answer for an address that cannot be used. */
export interface DestinationRefused {
  ok: false;
  message: MessageId;
}

export type DestinationCheck = DestinationAccepted | DestinationRefused;
"#;
