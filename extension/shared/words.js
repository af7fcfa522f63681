// The core's words live in extension/_locales/en/messages.json (ids
// `core_*`); the core answers message ids, and this turns them into words
// with i18n.getMessage. A message is an id, or `[id, ...values]` whose
// values are text to show as it is (a name the core checked, a number) or
// messages of ours. getMessage inserts a value as it is, in one pass: a `$`
// in it never becomes a placeholder.
// @ts-check

const i18n = (globalThis.browser ?? globalThis.chrome).i18n;

/**
 * @param {Core.Said} said
 * @returns {string}
 */
export function words(said) {
  if (typeof said === 'string') return i18n.getMessage(said);
  const [id, ...values] = said;
  return i18n.getMessage(id, values.map((value) => (typeof value === 'string' ? value : words(value))));
}

/**
 * A reply with its callout, error or key check in words, as content scripts
 * and the popup show them. A key taken or refused also says so in one line
 * (`status`, words `status_*`), which the callout shows after "Send key" as
 * it is: the content scripts every page loads carry no wording of their own
 * for it.
 * @param {Core.CoreReply} reply
 * @returns {Core.Reply}
 */
export function replyInWords(reply) {
  if (reply.kind === 'error') return { ...reply, message: words(reply.message) };
  if (reply.kind === 'key_check') {
    const problems = reply.report.problems.map((p) => ({ ...p, message: words(p.message) }));
    const listed = problems.map((p) => p.message).join(' ');
    const status = i18n.getMessage(reply.needs_confirmation ? 'status_key_doubtful' : 'status_key_unusable', [listed]);
    return { ...reply, report: { ...reply.report, problems }, status };
  }
  if (reply.kind === 'captured') return { ...reply, status: i18n.getMessage('status_key_sent', [reply.vault.masked]) };
  if (reply.kind !== 'guide' || !reply.overlay) return /** @type {Core.Reply} */ (reply);
  const o = reply.overlay;
  const overlay = {
    ...o,
    progress: words(o.progress),
    title: words(o.title),
    instruction: words(o.instruction),
    why: words(o.why),
    advice: o.advice.map(words),
    capture: o.capture && { ...o.capture, label: words(o.capture.label) },
    fill: o.fill && { ...o.fill, choices: o.fill.choices.map((c) => ({ ...c, label: words(c.label) })) },
  };
  return { ...reply, overlay };
}
