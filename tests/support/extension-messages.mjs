// The extension's English messages (extension/_locales/en/messages.json),
// looked up the way the browsers' i18n.getMessage does: named placeholders
// replaced by their content, then $1..$9 by the substitutions, `$$` kept as
// one `$`, and an unknown name read as ''. Unit tests give it to the content
// scripts as chrome.i18n.getMessage, so they see the words users see.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const MESSAGES_FILE = path.resolve('extension/_locales/en/messages.json');

/** @type {Record<string, { message: string, placeholders?: Record<string, { content: string }> }>} */
export const messages = JSON.parse(readFileSync(MESSAGES_FILE, 'utf8'));

/**
 * @param {string} name
 * @param {string | string[]} [substitutions]
 */
export function getMessage(name, substitutions = []) {
  const entry = Object.hasOwn(messages, name) ? messages[name] : null;
  if (!entry) return '';
  const values = [substitutions].flat();
  const placeholders = Object.fromEntries(Object.entries(entry.placeholders || {}).map(([key, p]) => [key.toLowerCase(), p.content]));
  const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, key) => placeholders[key.toLowerCase()] ?? whole);
  return named.replace(/\$(\$|[1-9])/g, (_, c) => (c === '$' ? '$' : values[Number(c) - 1] ?? ''));
}
