import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { JournalError } from '../errors.js';
import { newerEnvelope, newerFormat } from './newer.js';

/*
 * The envelope of an encrypted file (docs/envelope.md describes it for
 * anyone writing their own reader): a small JSON object, readable by
 * `attach doctor` without the passphrase, around AES-256-GCM ciphertext.
 * The key comes from scrypt with a random salt per file; every write uses a
 * fresh nonce; the header is authenticated as additional data, so no field
 * of it can be swapped.
 */

export const ENVELOPE_FORMAT = 'attach.encrypted';
/** The envelope version this attach writes and reads. */
export const ENVELOPE_VERSION = 1;

export interface KdfParams {
  name: 'scrypt';
  N: number;
  r: number;
  p: number;
  keyLength: 32;
}

export interface Envelope {
  format: typeof ENVELOPE_FORMAT;
  version: 1;
  kdf: KdfParams;
  salt: string;
  cipher: 'aes-256-gcm';
  nonce: string;
  tag: string;
  ciphertext: string;
}

/**
 * OWASP's minimum for scrypt (N = 2^17, r = 8, p = 1: 128 MiB). Measured
 * here (bench/kdf.mjs): about 570 ms a derivation on an idle core, once per
 * run of attach on an encrypted journal.
 */
export const DEFAULT_KDF: KdfParams = { name: 'scrypt', N: 2 ** 17, r: 8, p: 1, keyLength: 32 };

/*
 * What a file may ask for. A changed envelope must not make attach spend
 * minutes and gigabytes before saying the passphrase is wrong: N up to 2^20,
 * its memory (128 * N * r bytes) up to 1 GiB, its work (N * r * p) up to
 * eight times today's.
 */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;
const MAX_MEMORY = 2 ** 30;
const MAX_WORK = 8 * workOf(DEFAULT_KDF);

function workOf(kdf: Pick<KdfParams, 'N' | 'r' | 'p'>): number {
  return kdf.N * kdf.r * kdf.p;
}

/** scrypt with a 32-byte key and parameters within the bounds above (N a power of two). */
export function kdfAllowed(kdf: Partial<KdfParams> | undefined): kdf is KdfParams {
  if (kdf?.name !== 'scrypt' || kdf.keyLength !== 32) return false;
  const { N, r, p } = kdf;
  if (![N, r, p].every((n) => Number.isInteger(n) && (n as number) > 0)) return false;
  const [n, block, lanes] = [N as number, r as number, p as number];
  return (
    n >= 2 &&
    n <= MAX_N &&
    (n & (n - 1)) === 0 &&
    block <= MAX_R &&
    lanes <= MAX_P &&
    128 * n * block <= MAX_MEMORY &&
    n * block * lanes <= MAX_WORK
  );
}

/**
 * Weaker than `current` (by its work, N * r * p: OWASP counts N = 2^16 with
 * p = 2 as N = 2^17 with p = 1): a file sealed so is sealed again, with
 * `current` and a new salt, at its next write.
 */
export function kdfWeaker(kdf: KdfParams, current: KdfParams = DEFAULT_KDF): boolean {
  return workOf(kdf) < workOf(current);
}

/** A derived key and the salt it came from: one derivation serves every write of the file. */
export interface Sealer {
  salt: Buffer;
  kdf: KdfParams;
  key: Buffer;
}

/** The passphrase as scrypt gets it: Unicode NFC, then UTF-8 (so "é" typed either way is the same key). */
export function passphraseBytes(passphrase: string): Buffer {
  return Buffer.from(passphrase.normalize('NFC'), 'utf8');
}

export function deriveKey(passphrase: string, salt: Buffer, kdf: KdfParams): Promise<Buffer> {
  const { N, r, p } = kdf;
  // OpenSSL's own count of what scrypt needs (128 r (N + 2) + 128 r p bytes), with room to spare; Node refuses above 32 MiB without it.
  const maxmem = 128 * r * (N + 2 + p) + 2 ** 16;
  return new Promise((resolve, reject) => {
    scrypt(passphraseBytes(passphrase), salt, kdf.keyLength, { N, r, p, maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function newSealer(passphrase: string, kdf: KdfParams = DEFAULT_KDF): Promise<Sealer> {
  const salt = randomBytes(16);
  return { salt, kdf, key: await deriveKey(passphrase, salt, kdf) };
}

/** The associated data: the header's fields as a compact JSON array, in this order, as UTF-8 (docs/envelope.md). */
export function header(e: Omit<Envelope, 'tag' | 'ciphertext'>): Buffer {
  return Buffer.from(
    JSON.stringify([e.format, e.version, e.kdf.name, e.kdf.N, e.kdf.r, e.kdf.p, e.kdf.keyLength, e.salt, e.cipher, e.nonce]),
  );
}

/** Seals text (a journal, as UTF-8) or bytes (a kept copy, exactly as it was). */
export function seal(plaintext: string | Uint8Array, sealer: Sealer): string {
  const nonce = randomBytes(12);
  const head = {
    format: ENVELOPE_FORMAT as typeof ENVELOPE_FORMAT,
    version: 1 as const,
    kdf: sealer.kdf,
    salt: sealer.salt.toString('base64'),
    cipher: 'aes-256-gcm' as const,
    nonce: nonce.toString('base64'),
  };
  const cipher = createCipheriv('aes-256-gcm', sealer.key, nonce);
  cipher.setAAD(header(head));
  const bytes = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  const ciphertext = Buffer.concat([cipher.update(bytes), cipher.final()]);
  const tag = cipher.getAuthTag().toString('base64');
  // The header through JSON.stringify, the (large, plain base64) ciphertext appended as is:
  // stringifying it cost ~30 ms a write at 20k entries.
  const fields = JSON.stringify({ ...head, tag }, null, 2).slice(0, -2);
  return `${fields},\n  "ciphertext": "${ciphertext.toString('base64')}"\n}\n`;
}

/**
 * Whether a file's text is an envelope. Its only large field is the
 * ciphertext, so in any key order the format name sits near one end:
 * looking there spares scanning all of a 40 MB plain journal.
 */
export function isEnvelopeText(text: string): boolean {
  const name = `"${ENVELOPE_FORMAT}"`;
  return text.slice(0, 512).includes(name) || text.slice(-512).includes(name);
}

const DAMAGED =
  'is damaged: its envelope is incomplete. Nothing was changed; a copy from the last days is in the backups folder beside it.';

/** An envelope, or null when the text is not one (a plain journal). A damaged envelope is exit 3. */
export function readEnvelope(text: string, file: string): Envelope | null {
  if (!isEnvelopeText(text)) return null;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null; // not JSON at all: the journal's own reader explains that
  }
  const e = data as Partial<Envelope> | null;
  if (!e || typeof e !== 'object' || e.format !== ENVELOPE_FORMAT) return null;
  const b64 = (v: unknown, bytes?: number) =>
    typeof v === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(v) && (bytes === undefined || Buffer.from(v, 'base64').length === bytes);
  // The ciphertext is only checked for its type: a regex over megabytes cost more than the cipher; the tag catches any change.
  const cipherText = typeof e.ciphertext === 'string' && e.ciphertext.length % 4 === 0;
  const newer = newerFormat(e.version, ENVELOPE_VERSION);
  if (newer) throw new JournalError(`Your journal at ${file} is ${newerEnvelope(newer)}. Nothing was changed; update attach to open it.`);
  // A 16-byte tag and a 12-byte nonce exactly: GCM would accept a shortened tag, and with it forgeries.
  const whole =
    e.version === 1 &&
    kdfAllowed(e.kdf) &&
    e.cipher === 'aes-256-gcm' &&
    b64(e.salt, 16) &&
    b64(e.nonce, 12) &&
    b64(e.tag, 16) &&
    cipherText;
  if (!whole) throw new JournalError(`Your encrypted journal at ${file} ${DAMAGED}`);
  return e as Envelope;
}

/** The plaintext's bytes, or null when the key does not open it (a wrong passphrase, or a change anywhere). */
export function decrypt(envelope: Envelope, key: Buffer): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.nonce, 'base64'), { authTagLength: 16 });
    decipher.setAAD(header(envelope));
    decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(envelope.ciphertext, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}
