// The messages the core never sees, with the parts that may send them and
// the part that answers. The twin of `BROWSER_ONLY` and `GUIDE_SITES` in
// src/authorisation.rs: tests/core/message_table.rs keeps the two in step.
// @ts-check

/**
 * @typedef {'background' | 'extension_page' | 'content_script' | 'extension'} Part
 * @type {Readonly<Record<string, { from: Part[], to: Part }>>}
 */
export const BROWSER_ONLY = {
  key_fill_script: { from: ['content_script'], to: 'background' },
  key_record_delete: { from: ['extension_page'], to: 'background' },
  key_record_expiry: { from: ['extension_page'], to: 'background' },
  key_record_replace: { from: ['extension_page'], to: 'background' },
  key_record_dismiss_revoke: { from: ['extension_page'], to: 'background' },
  refresh: { from: ['extension'], to: 'content_script' },
  focus_guide: { from: ['extension'], to: 'content_script' },
  describe_page: { from: ['extension'], to: 'content_script' },
};

// Sites whose pages the guide content script reports on.
export const GUIDE_SITES = ['https://platform.openai.com', 'https://auth.openai.com'];
