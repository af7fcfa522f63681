// Reading a CLOSED shadow root from the test driver over WebDriver BiDi.
//
// Page script gets `host.shadowRoot === null` for a closed root, but BiDi's
// serialization of an element node (script.callFunction result) always puts
// its shadow root, open or closed, in `value.shadowRoot`: a node remote value
// with its own `sharedId` and `value.mode`. (serializationOptions only decide
// whether the root's CHILDREN are serialized too; with maxDomDepth 0 they are
// not.) A shared reference `{sharedId}` passed as an argument of a later
// `script.callFunction` is deserialized back into that ShadowRoot object, so
// a function run by the driver can query inside it.
//
// `connection` is puppeteer-core's BiDi connection (`browser.connection`):
// `send(method, params)` resolves with the whole success message.

async function callFunction(connection, context, functionDeclaration, args, serializationOptions) {
  const { result } = await connection.send('script.callFunction', {
    functionDeclaration,
    target: { context },
    arguments: args,
    awaitPromise: false,
    resultOwnership: 'none',
    ...(serializationOptions ? { serializationOptions } : {}),
  });
  if (result.type === 'exception') {
    const details = result.exceptionDetails || {};
    throw new Error(`script.callFunction threw: ${details.text || JSON.stringify(details)}`);
  }
  return result.result;
}

/**
 * Find the first element matching `selector` in the top document and return
 * the shared id of its shadow root (open or closed), if any.
 * @returns {Promise<{exists: boolean, shadowId?: string, shadowMode?: string}>}
 */
export async function remoteHostShadowId(connection, context, selector) {
  const value = await callFunction(
    connection, context,
    '(selector) => document.querySelector(selector)',
    [{ type: 'string', value: selector }],
    { maxDomDepth: 0 },
  );
  if (!value || value.type !== 'node') return { exists: false };
  const shadow = value.value && value.value.shadowRoot;
  return {
    exists: true,
    shadowId: shadow && shadow.sharedId ? shadow.sharedId : undefined,
    shadowMode: shadow && shadow.value ? shadow.value.mode : undefined,
  };
}

// Runs in the page's realm, but with the ShadowRoot handed in by the driver.
const READ_CALLOUT = `(root) => {
  const dialog = root.querySelector('section[role="dialog"]');
  const labelledBy = dialog ? dialog.getAttribute('aria-labelledby') : null;
  const title = labelledBy ? root.getElementById(labelledBy) : null;
  const progress = dialog ? dialog.querySelector('p.progress') : null;
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  return JSON.stringify({
    isShadowRoot: root instanceof ShadowRoot,
    dialog: Boolean(dialog),
    ariaModal: dialog ? dialog.getAttribute('aria-modal') : null,
    labelledBy,
    titleTag: title ? title.localName : null,
    title: title ? norm(title.textContent) : null,
    progress: progress ? norm(progress.textContent) : null,
    text: dialog ? norm(dialog.textContent) : '',
  });
}`;

/** Read the guide callout inside the shadow root with the given shared id. */
export async function readClosedShadow(connection, context, shadowId) {
  const value = await callFunction(connection, context, READ_CALLOUT, [{ sharedId: shadowId }]);
  if (!value || value.type !== 'string') throw new Error(`unexpected result ${JSON.stringify(value)}`);
  return JSON.parse(value.value);
}
