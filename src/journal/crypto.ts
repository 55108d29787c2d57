import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { JournalError } from '../errors.js';
import { newerEnvelope, newerFormat } from './newer.js';

/*
 * Encryption at rest: the journal file becomes a small JSON envelope
 * (readable by `attach doctor` without the passphrase) around AES-256-GCM
 * ciphertext. The key comes from scrypt with a random salt per file, costing
 * about 100 ms here; every write uses a fresh nonce; the header is
 * authenticated as additional data, so no field of it can be swapped.
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

/** About 100 ms on this project's machines (measured: 2^14 51 ms, 2^15 98 ms, 2^16 286 ms). */
export const DEFAULT_KDF: KdfParams = { name: 'scrypt', N: 2 ** 15, r: 8, p: 1, keyLength: 32 };

// A changed envelope must not make attach spend minutes and gigabytes before saying the passphrase is wrong.
const MAX_N = 2 ** 17;
const MAX_R = 16;
const MAX_P = 4;

/** scrypt with a 32-byte key and parameters within the bounds above (N a power of two). */
function kdfAllowed(kdf: Partial<KdfParams> | undefined): kdf is KdfParams {
  if (kdf?.name !== 'scrypt' || kdf.keyLength !== 32) return false;
  const { N, r, p } = kdf;
  return (
    [N, r, p].every((n) => Number.isInteger(n) && (n as number) > 0) && N! <= MAX_N && (N! & (N! - 1)) === 0 && r! <= MAX_R && p! <= MAX_P
  );
}

/** A derived key and the salt it came from: one derivation serves every write of the file. */
export interface Sealer {
  salt: Buffer;
  kdf: KdfParams;
  key: Buffer;
}

export function deriveKey(passphrase: string, salt: Buffer, kdf: KdfParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, kdf.keyLength, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function newSealer(passphrase: string, kdf: KdfParams = DEFAULT_KDF): Promise<Sealer> {
  const salt = randomBytes(16);
  return { salt, kdf, key: await deriveKey(passphrase, salt, kdf) };
}

function header(e: Omit<Envelope, 'tag' | 'ciphertext'>): Buffer {
  // Fixed key order: the bytes authenticated are the same on every machine.
  return Buffer.from(
    JSON.stringify([e.format, e.version, e.kdf.name, e.kdf.N, e.kdf.r, e.kdf.p, e.kdf.keyLength, e.salt, e.cipher, e.nonce]),
  );
}

export function seal(plaintext: string, sealer: Sealer): string {
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
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag().toString('base64');
  // The header through JSON.stringify, the (large, plain base64) ciphertext appended as is: stringifying it cost ~30 ms a write at 20k entries.
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
  if (
    e.version !== 1 ||
    !kdfAllowed(e.kdf) ||
    e.cipher !== 'aes-256-gcm' ||
    !b64(e.salt, 16) ||
    !b64(e.nonce, 12) ||
    !b64(e.tag, 16) ||
    !cipherText
  ) {
    throw new JournalError(
      `Your encrypted journal at ${file} is damaged: its envelope is incomplete. Nothing was changed; a copy from the last days is in the backups folder beside it.`,
    );
  }
  return e as Envelope;
}

function decrypt(envelope: Envelope, key: Buffer): string | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.nonce, 'base64'), { authTagLength: 16 });
    decipher.setAAD(header(envelope));
    decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(envelope.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/**
 * The encryption state of one journal, shared by the reads and writes of a
 * store: the passphrase is asked once, each salt's key derived once, and a
 * file read encrypted is written encrypted (same salt, fresh nonce).
 */
export class Keyring {
  private readonly keys = new Map<string, Buffer>();
  private phrase: Promise<string> | undefined;
  /** Set by the last read of an encrypted file; null when it was plain. */
  sealer: Sealer | null = null;

  /**
   * `ask` gets the reason when it is asked again; `tries` is how many
   * passphrases a person may type before attach stops (1 when it comes from
   * ATTACH_PASSPHRASE, which can't be typed again).
   */
  constructor(
    private readonly ask?: (again?: string) => Promise<string>,
    private readonly tries = 1,
  ) {}

  passphrase(file: string): Promise<string> {
    if (!this.ask) {
      return Promise.reject(
        new JournalError(
          `Your journal at ${file} is encrypted, and attach has no way to ask for the passphrase here. Set ATTACH_PASSPHRASE, or run it on a terminal.`,
        ),
      );
    }
    this.phrase ??= this.ask();
    return this.phrase;
  }

  /**
   * Derives the key of an encrypted file ahead of time, from its header (the
   * first bytes), so that writers waiting for the lock do not also queue
   * behind each other's 100 ms derivation. Anything unexpected is left to
   * unseal(), which checks everything.
   */
  async prepare(head: string, file: string): Promise<void> {
    if (!head.includes(ENVELOPE_FORMAT) || !this.ask) return;
    const salt = /"salt":\s*"([A-Za-z0-9+/=]+)"/.exec(head)?.[1];
    const kdf = /"kdf":\s*(\{[^}]*\})/.exec(head)?.[1];
    if (!salt || !kdf || this.keys.has(salt)) return;
    let params: KdfParams;
    try {
      params = JSON.parse(kdf) as KdfParams;
    } catch {
      return;
    }
    if (!kdfAllowed(params)) return;
    this.keys.set(salt, await deriveKey(await this.passphrase(file), Buffer.from(salt, 'base64'), params));
  }

  /** Plain text of a journal file, opening it when it is an envelope. */
  async unseal(text: string, file: string): Promise<string> {
    const envelope = readEnvelope(text, file);
    if (!envelope) {
      this.sealer = null;
      return text;
    }
    const salt = Buffer.from(envelope.salt, 'base64');
    let key = this.keys.get(envelope.salt) ?? (await deriveKey(await this.passphrase(file), salt, envelope.kdf));
    let plaintext = decrypt(envelope, key);
    for (let attempt = 1; plaintext === null; attempt++) {
      this.keys.delete(envelope.salt);
      if (attempt >= this.tries || !this.ask) {
        throw new JournalError(
          `That passphrase doesn't open your journal at ${file}. Nothing was changed; check it and try again (ATTACH_PASSPHRASE too, if you use it).`,
        );
      }
      const left = this.tries - attempt;
      this.phrase = this.ask(`That passphrase doesn't open your journal (${left === 1 ? 'one more try' : `${left} more tries`}).`);
      key = await deriveKey(await this.phrase, salt, envelope.kdf);
      plaintext = decrypt(envelope, key);
    }
    this.keys.set(envelope.salt, key);
    this.sealer = { salt, kdf: envelope.kdf, key };
    return plaintext;
  }

  /** What to write: sealed when the journal is encrypted. */
  seal(plaintext: string): string {
    return this.sealer ? seal(plaintext, this.sealer) : plaintext;
  }
}
