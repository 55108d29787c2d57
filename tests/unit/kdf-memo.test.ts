import { spawnSync } from 'node:child_process';
import { scryptSync } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KDF_MEMO, sandboxes } from '../helpers/cli.js';

/*
 * The scrypt double of tests/helpers/kdf-memo.mjs stands in for a real
 * derivation in every sandboxed attach process, so it must give exactly the
 * key scrypt gives, through the named import the bundle uses, and only skip
 * a derivation it has already seen with the same passphrase, salt and options.
 */

const sandbox = sandboxes();

/** Derives in a process of its own, through `import { scrypt } from 'node:crypto'` as the CLI does; the key as hex. */
function deriveIn(env: NodeJS.ProcessEnv, passphrase: string, salt: string): string {
  const code = `import { scrypt } from 'node:crypto';
    scrypt(Buffer.from(${JSON.stringify(passphrase)}), Buffer.from(${JSON.stringify(salt)}), 32, { N: 1024, r: 8, p: 1 },
      (error, key) => { if (error) throw error; process.stdout.write(key.toString('hex')); });`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], { env, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

const real = (passphrase: string, salt: string) => scryptSync(passphrase, salt, 32, { N: 1024, r: 8, p: 1 }).toString('hex');

describe('the scrypt double the sandboxes preload', () => {
  it('gives the real key the first time and again from what it kept, one kept key per passphrase, salt and options', () => {
    const box = sandbox();
    const memo = box.env.ATTACH_TEST_KDF_MEMO!;
    expect(box.env.NODE_OPTIONS).toBe(KDF_MEMO);
    expect(deriveIn(box.env, 'correct horse', 'salt one')).toBe(real('correct horse', 'salt one'));
    expect(readdirSync(memo)).toHaveLength(1);
    expect(deriveIn(box.env, 'correct horse', 'salt one')).toBe(real('correct horse', 'salt one'));
    expect(readdirSync(memo)).toHaveLength(1);
    // Another passphrase or salt is derived, not looked up: a wrong passphrase still gives a wrong key.
    expect(deriveIn(box.env, 'wrong horse', 'salt one')).toBe(real('wrong horse', 'salt one'));
    expect(deriveIn(box.env, 'correct horse', 'salt two')).toBe(real('correct horse', 'salt two'));
    expect(readdirSync(memo)).toHaveLength(3);
    // Nothing inside the sandbox itself, which tests compare file by file.
    expect(memo.startsWith(`${box.dir}/`)).toBe(false);
  });

  it('does nothing without ATTACH_TEST_KDF_MEMO', () => {
    const box = sandbox();
    const { ATTACH_TEST_KDF_MEMO: memo, ...env } = box.env;
    expect(deriveIn(env, 'correct horse', 'salt one')).toBe(real('correct horse', 'salt one'));
    expect(existsSync(memo!)).toBe(false);
  });
});
