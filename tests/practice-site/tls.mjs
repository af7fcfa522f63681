// Run-time TLS material for the practice site: a throw-away CA and one leaf
// certificate for every practice host. Made with the openssl CLI into a fresh
// temporary directory; nothing private is ever written into the repository.
import { execFile } from 'node:child_process';
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const CA_COMMON_NAME = 'Innoslate Key Assistant practice CA';
const VALID_DAYS = '30';

async function openssl(args, cwd) {
  try {
    await run('openssl', args, { cwd });
  } catch (err) {
    const detail = (err.stderr || err.message || '').toString().trim();
    throw new Error(`openssl ${args[0]} failed (is the openssl CLI installed?): ${detail}`);
  }
}

/** base64(sha256(SubjectPublicKeyInfo DER)), the form Chromium's SPKI allow-list wants. */
export function spkiHashOf(certPem) {
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

/**
 * @param {string[]} hosts DNS names the leaf must cover.
 * @returns {Promise<{dir: string, caCertPath: string, caCertPem: string,
 *   certChainPem: string, keyPem: string, spkiHash: string, remove: () => Promise<void>}>}
 */
export async function createTlsMaterial(hosts) {
  const dir = await mkdtemp(join(tmpdir(), 'innoslate-practice-tls-'));
  // Also clean up if the process ends without close() (a crashed test run).
  const removeOnExit = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeOnExit);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

  await openssl(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem',
    '-days', VALID_DAYS, '-sha256', '-subj', `/CN=${CA_COMMON_NAME}`,
    '-addext', 'basicConstraints=critical,CA:TRUE,pathlen:0',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    '-addext', 'subjectKeyIdentifier=hash'], dir);

  await openssl(['req', '-new', ...ec, '-keyout', 'leaf.key', '-out', 'leaf.csr',
    '-subj', '/CN=Innoslate Key Assistant practice site'], dir);

  const ext = [
    `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`,
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature',
    'extendedKeyUsage=serverAuth',
    'authorityKeyIdentifier=keyid',
  ].join('\n');
  await writeFile(join(dir, 'leaf.ext'), `${ext}\n`);
  await openssl(['x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key',
    '-set_serial', `0x${randomBytes(12).toString('hex')}`, '-days', VALID_DAYS, '-sha256',
    '-extfile', 'leaf.ext', '-out', 'leaf.pem'], dir);

  const [caCertPem, leafPem, keyPem] = await Promise.all(
    ['ca.pem', 'leaf.pem', 'leaf.key'].map((f) => readFile(join(dir, f), 'utf8')));
  // The CA key is only needed to sign the leaf: drop it right away.
  await rm(join(dir, 'ca.key'), { force: true });

  return {
    dir,
    caCertPath: join(dir, 'ca.pem'),
    caCertPem,
    certChainPem: leafPem + caCertPem,
    keyPem,
    spkiHash: spkiHashOf(leafPem),
    remove: async () => {
      process.off('exit', removeOnExit);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
