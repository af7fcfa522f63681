// The practice site: replica OpenAI and Innoslate pages served under their REAL
// host names from one local port. A browser started with `chromiumArgs` (or
// Firefox with `firefoxPrefs`) sends every practice host to this server.
//
//   node tests/practice-site/server.mjs [port]     # run by hand, Ctrl-C stops
//
// One TCP listener on 127.0.0.1 looks at the first byte of each connection:
// 0x16 (a TLS handshake record) goes to the HTTPS server, anything else to the
// plain HTTP server, so both https:// and http:// URLs work on the same port.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { pathToFileURL } from 'node:url';
import { ALL_HOSTS, chromiumArgsFor, firefoxPrefsFor } from './hosts.mjs';
import { createRequestHandler } from './routes.mjs';
import { createTlsMaterial } from './tls.mjs';

const TLS_HANDSHAKE = 0x16;

/** Wait for the first byte without consuming it, then hand the socket over. */
function dispatchByFirstByte(socket, httpsServer, httpServer) {
  socket.once('readable', function onReadable() {
    const first = socket.read(1);
    if (first === null) {
      // Nothing yet (or the peer closed): wait for more unless the stream ended.
      if (!socket.readableEnded && !socket.destroyed) socket.once('readable', onReadable);
      return;
    }
    socket.unshift(first);
    const target = first[0] === TLS_HANDSHAKE ? httpsServer : httpServer;
    target.emit('connection', socket);
  });
}

/**
 * Start the practice site.
 * @param {{port?: number}} [options] port 0 (default) picks a free port.
 * @returns {Promise<{port: number, spkiHash: string, caCertPath: string, caDir: string,
 *   hosts: string[], chromiumArgs: string[], firefoxPrefs: Record<string,string>,
 *   close: () => Promise<void>}>}
 */
export async function startPracticeSite({ port = 0 } = {}) {
  const tls = await createTlsMaterial(ALL_HOSTS);

  const httpsServer = https.createServer(
    { key: tls.keyPem, cert: tls.certChainPem, minVersion: 'TLSv1.2' },
    createRequestHandler('https'),
  );
  const httpServer = http.createServer(createRequestHandler('http'));
  // Browsers open speculative connections and drop them; that is not an error.
  httpsServer.on('tlsClientError', () => {});
  for (const s of [httpsServer, httpServer]) s.on('clientError', (_e, sock) => sock.destroy());

  const sockets = new Set();
  const listener = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    dispatchByFirstByte(socket, httpsServer, httpServer);
  });

  try {
    await new Promise((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(port, '127.0.0.1', () => {
        listener.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await tls.remove();
    throw new Error(`practice site could not listen on 127.0.0.1:${port}: ${err.message}`);
  }
  const actualPort = listener.address().port;

  let closing;
  const close = () => {
    closing ??= (async () => {
      await new Promise((resolve) => {
        listener.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      await tls.remove();
    })();
    return closing;
  };

  return {
    port: actualPort,
    spkiHash: tls.spkiHash,
    caCertPath: tls.caCertPath,
    caDir: tls.dir,
    hosts: [...ALL_HOSTS],
    chromiumArgs: chromiumArgsFor(actualPort, tls.spkiHash),
    firefoxPrefs: firefoxPrefsFor(actualPort),
    close,
  };
}

async function main() {
  const port = Number(process.argv[2] ?? process.env.PRACTICE_SITE_PORT ?? 0);
  const site = await startPracticeSite({ port });
  const lines = [
    `Practice site listening on 127.0.0.1:${site.port} (https and http)`,
    `Leaf SPKI sha256: ${site.spkiHash}`,
    `Test CA certificate: ${site.caCertPath}`,
    'Hosts:',
    ...site.hosts.map((h) => `  https://${h}/`),
    'Chromium:',
    `  chromium --user-data-dir=$(mktemp -d) ${site.chromiumArgs.map((a) => `'${a}'`).join(' ')} https://platform.openai.com/`,
    'Firefox prefs:',
    ...Object.entries(site.firefoxPrefs).map(([k, v]) => `  ${k} = ${v}`),
    'Ctrl-C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = () => site.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    process.stderr.write(`${err.stack || err}\n`);
    process.exit(1);
  });
}
