import { JournalError } from '../errors.js';
import {
  DEFAULT_KDF,
  decrypt,
  deriveKey,
  type KdfParams,
  kdfAllowed,
  kdfWeaker,
  newSealer,
  readEnvelope,
  type Sealer,
  seal,
} from './envelope.js';

/*
 * The encryption state of a journal (the envelope itself is envelope.ts's,
 * and docs/envelope.md's): the passphrase, asked once, each salt's key,
 * derived once, and how what is written next is sealed.
 */

export * from './envelope.js';

export class Keyring {
  private readonly keys = new Map<string, Buffer>();
  private phrase: Promise<string> | undefined;
  /** Set by the last read of an encrypted file; null when it was plain. */
  sealer: Sealer | null = null;
  /** A sealer with today's parameters, being derived for a file that was sealed with weaker ones. */
  private stronger: Promise<Sealer> | undefined;

  /**
   * `ask` gets the reason when it is asked again; `tries` is how many
   * passphrases a person may type before attach stops (1 when it comes from
   * ATTACH_PASSPHRASE, which can't be typed again); `current` is what a file
   * sealed with weaker parameters is sealed with at its next write.
   */
  constructor(
    private readonly ask?: (again?: string) => Promise<string>,
    private readonly tries = 1,
    readonly current: KdfParams = DEFAULT_KDF,
  ) {}

  passphrase(file: string): Promise<string> {
    if (!this.ask) {
      return Promise.reject(
        new JournalError(
          `Your journal at ${file} is encrypted, and attach has no way to ask for the passphrase here. ` +
            'Set ATTACH_PASSPHRASE, or run it on a terminal.',
        ),
      );
    }
    this.phrase ??= this.ask();
    return this.phrase;
  }

  /**
   * Derives the key of an encrypted file ahead of time, from its header (the
   * first bytes), so that writers waiting for the lock do not also queue
   * behind each other's derivation. Anything unexpected is left to
   * unseal(), which checks everything.
   */
  async prepare(head: string, file: string): Promise<void> {
    if (!head.includes('attach.encrypted') || !this.ask) return;
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
    const bytes = await this.unsealBytes(text, file);
    return bytes === null ? text : bytes.toString('utf8');
  }

  /** The bytes inside an envelope, or null when the text is not one (the file is plain). */
  async unsealBytes(text: string, file: string): Promise<Buffer | null> {
    const envelope = readEnvelope(text, file);
    if (!envelope) {
      this.sealer = null;
      return null;
    }
    const salt = Buffer.from(envelope.salt, 'base64');
    let key = this.keys.get(envelope.salt) ?? (await deriveKey(await this.passphrase(file), salt, envelope.kdf));
    let plaintext = decrypt(envelope, key);
    for (let attempt = 1; plaintext === null; attempt++) {
      this.keys.delete(envelope.salt);
      if (attempt >= this.tries || !this.ask) {
        throw new JournalError(
          `That passphrase doesn't open your journal at ${file}. ` +
            'Nothing was changed; check it and try again (ATTACH_PASSPHRASE too, if you use it).',
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

  /**
   * What is inside an envelope beside the journal (a backup, a kept copy, a
   * waiting entry), or null when it is damaged or this passphrase does not
   * open it. Each salt's key is derived once; a wrong passphrase is never
   * asked again for such a file: it is only left as it is.
   */
  async openQuietly(text: string, file: string): Promise<Buffer | null> {
    try {
      const envelope = readEnvelope(text, file);
      if (!envelope) return null;
      const salt = Buffer.from(envelope.salt, 'base64');
      const key = this.keys.get(envelope.salt) ?? (await deriveKey(await this.passphrase(file), salt, envelope.kdf));
      const bytes = decrypt(envelope, key);
      if (bytes) this.keys.set(envelope.salt, key);
      return bytes;
    } catch {
      return null;
    }
  }

  /** Seals what is written next with `sealer` (encrypt, a new passphrase) or not at all (null: decrypt). */
  use(sealer: Sealer | null): void {
    this.sealer = sealer;
    this.stronger = undefined;
  }

  /**
   * A file read to be written back that was sealed with weaker parameters
   * than today's gets a new salt and today's parameters at that write, once.
   * The derivation starts here, on libuv's threads, while the journal is
   * parsed on the main one.
   */
  strengthen(): void {
    const sealer = this.sealer;
    if (!sealer || !kdfWeaker(sealer.kdf, this.current) || this.stronger || !this.phrase) return;
    this.stronger = this.phrase.then((phrase) => newSealer(phrase, this.current));
    // Awaited by sealForWrite; a failure is met there, not as an unhandled rejection.
    this.stronger.catch(() => {});
  }

  /** What to write: sealed when the journal is encrypted, with today's parameters if strengthen() was called. */
  async sealForWrite(plaintext: string): Promise<string> {
    if (this.sealer && this.stronger && kdfWeaker(this.sealer.kdf, this.current)) {
      this.sealer = await this.stronger;
      this.keys.set(this.sealer.salt.toString('base64'), this.sealer.key);
    }
    this.stronger = undefined;
    return this.seal(plaintext);
  }

  /** What to write: sealed when the journal is encrypted. */
  seal(plaintext: string): string {
    return this.sealer ? seal(plaintext, this.sealer) : plaintext;
  }
}
