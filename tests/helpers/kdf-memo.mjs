/*
 * A test double for scrypt, preloaded into every attach process a sandbox
 * starts (tests/helpers/cli.ts sets NODE_OPTIONS="--import=…/kdf-memo.mjs"):
 * the same key, derived for real once per passphrase, salt and parameters,
 * then read back by the sandbox's later processes.
 *
 * Why: a key derivation costs about half a second of CPU and 128 MiB
 * (N = 2^17, issue 13), once per run of attach on an encrypted journal, and
 * the hostile tests start hundreds of such runs (20 writers x 10 rounds, 50
 * kills) whose subject is the lock and the atomic write, not scrypt. Without
 * this, derivations were 42% of the suite's CPU. With it, the product's code
 * runs unchanged and every file it writes is byte for byte what it would be
 * (the key is the real one), so the independent decryptors still open them;
 * only a repeat of an identical derivation is skipped. The first run of each
 * salt still derives (a test's first encrypted command, and all 20 writers of
 * the first concurrent round, which start together before any key is kept).
 *
 * A wrong passphrase is another entry (derived for real, a wrong key, the
 * same refusal). Keys are kept in ATTACH_TEST_KDF_MEMO (a folder beside the
 * sandbox, removed with it); without that variable this does nothing.
 */
import crypto from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';

const dir = process.env.ATTACH_TEST_KDF_MEMO;

if (dir) {
  const derive = crypto.scrypt;
  crypto.scrypt = function memoScrypt(password, salt, keylen, options, callback) {
    if (typeof options === 'function') [options, callback] = [{}, options];
    const name = crypto
      .createHash('sha256')
      .update(JSON.stringify([Buffer.from(password).toString('base64'), Buffer.from(salt).toString('base64'), keylen, options]))
      .digest('hex');
    const file = path.join(dir, name);
    let kept;
    try {
      kept = readFileSync(file);
    } catch {}
    if (kept?.length === keylen) return process.nextTick(callback, null, kept);
    derive.call(crypto, password, salt, keylen, options, (error, key) => {
      if (!error) {
        // Written whole under a name of its own, then renamed: a process killed here leaves no half key behind.
        const temp = `${file}.${process.pid}.tmp`;
        try {
          mkdirSync(dir, { recursive: true });
          writeFileSync(temp, key);
          renameSync(temp, file);
        } catch {}
      }
      callback(error, key);
    });
  };
  // The bundle imports `scrypt` by name from node:crypto: this makes that binding the one above.
  syncBuiltinESMExports();
}
