#!/usr/bin/env node
/*
 * A decryptor for attach's envelopes written from docs/envelope.md alone,
 * to show that page is enough: it imports nothing of attach (nothing from
 * src/), only node:crypto. Used by tests/unit/envelope-independent.test.ts.
 *
 *   ENVELOPE_PASSPHRASE=... node tests/helpers/envelope-open.mjs <file>
 *
 * writes the plaintext's bytes to stdout; exit 1 when the passphrase does not
 * open it (or the file was changed), exit 2 when it is not a valid envelope.
 */
import { createDecipheriv, scrypt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export class NotAnEnvelope extends Error {}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function bytes(value, length, name) {
  if (typeof value !== 'string' || !BASE64.test(value)) throw new NotAnEnvelope(`${name} is not base64`);
  const decoded = Buffer.from(value, 'base64');
  if (length !== undefined && decoded.length !== length) throw new NotAnEnvelope(`${name} is not ${length} bytes`);
  return decoded;
}

/** The plaintext's bytes, or null when the passphrase does not open it. Throws NotAnEnvelope for anything malformed. */
export async function openEnvelope(text, passphrase) {
  let e;
  try {
    e = JSON.parse(text);
  } catch {
    throw new NotAnEnvelope('not JSON');
  }
  if (e === null || typeof e !== 'object' || e.format !== 'attach.encrypted') throw new NotAnEnvelope('format');
  if (e.version !== 1 || e.cipher !== 'aes-256-gcm') throw new NotAnEnvelope('version or cipher');
  const k = e.kdf;
  const isInt = (n) => Number.isInteger(n) && n > 0;
  if (k?.name !== 'scrypt' || k.keyLength !== 32 || ![k.N, k.r, k.p].every(isInt) || (k.N & (k.N - 1)) !== 0) {
    throw new NotAnEnvelope('kdf');
  }
  // Bounds of our own, as the page advises: N up to 2^20, 1 GiB.
  if (k.N > 2 ** 20 || 128 * k.N * k.r > 2 ** 30 || k.p > 16) throw new NotAnEnvelope('kdf too costly');
  const salt = bytes(e.salt, 16, 'salt');
  const nonce = bytes(e.nonce, 12, 'nonce');
  const tag = bytes(e.tag, 16, 'tag');
  const ciphertext = bytes(e.ciphertext, undefined, 'ciphertext');

  const password = Buffer.from(passphrase.normalize('NFC'), 'utf8');
  const key = await new Promise((resolve, reject) =>
    scrypt(password, salt, 32, { N: k.N, r: k.r, p: k.p, maxmem: 128 * k.r * (k.N + 2 + k.p) + 65536 }, (error, derived) =>
      error ? reject(error) : resolve(derived),
    ),
  );
  const aad = Buffer.from(`["attach.encrypted",1,"scrypt",${k.N},${k.r},${k.p},32,"${e.salt}","aes-256-gcm","${e.nonce}"]`, 'utf8');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: 16 });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return null;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const plain = await openEnvelope(readFileSync(process.argv[2], 'utf8'), process.env.ENVELOPE_PASSPHRASE ?? '');
    if (plain === null) process.exit(1);
    process.stdout.write(plain);
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}
