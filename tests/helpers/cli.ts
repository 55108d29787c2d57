import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach } from 'vitest';
import { unwrap } from './unwrap.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The built CLI; ATTACH_BIN points at another build (so parallel work can build without clobbering dist/). */
export const BIN = process.env.ATTACH_BIN ?? path.join(ROOT, 'bin', 'attach.js');
/**
 * The Node that runs the CLI: ATTACH_NODE, else the one running the tests. .ci/run sets it to
 * Node 24 for the end-to-end tests, while vitest itself stays on the system's Node.
 */
export const CLI_NODE = process.env.ATTACH_NODE || process.execPath;
/** The scrypt double every sandboxed attach process loads (tests/helpers/kdf-memo.mjs says why). */
export const KDF_MEMO = `--import=${pathToFileURL(path.join(ROOT, 'tests', 'helpers', 'kdf-memo.mjs')).href}`;

/** A throwaway home: XDG folders and HOME inside a temp dir, so no test touches the real one. */
export interface Sandbox {
  dir: string;
  env: NodeJS.ProcessEnv;
  journal: string;
  cleanup(): void;
}

export function sandbox(): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'attach-test-'));
  // Beside the sandbox, not in it: tests compare every file of the sandbox before and after a command.
  const kdfMemo = `${dir}-kdf-memo`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: path.join(dir, 'home'),
    XDG_DATA_HOME: path.join(dir, 'data'),
    XDG_CONFIG_HOME: path.join(dir, 'config'),
    TZ: process.env.TZ ?? 'UTC',
    NO_COLOR: '1',
    NODE_OPTIONS: KDF_MEMO,
    ATTACH_TEST_KDF_MEMO: kdfMemo,
  };
  return {
    dir,
    env,
    journal: path.join(dir, 'data', 'attach', 'journal.json'),
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
      rmSync(kdfMemo, { recursive: true, force: true });
    },
  };
}

/**
 * A maker of sandboxes that are all removed after each test, or, given
 * `afterAll`, after the file's last test (for files whose tests share one).
 */
export function sandboxes(after: typeof afterEach = afterEach): () => Sandbox {
  const boxes: Sandbox[] = [];
  after(() => {
    for (const box of boxes.splice(0)) box.cleanup();
  });
  return () => {
    const box = sandbox();
    boxes.push(box);
    return box;
  };
}

export interface Result {
  code: number | null;
  stdout: string;
  /** The messages, each on one line: the breaks made for the 80 columns of a stream that is not a terminal joined again. */
  stderr: string;
  /** stderr exactly as written. */
  rawStderr?: string;
}

/** Runs the built CLI without a terminal (stdin closed), as a script or CI would. */
export function attach(box: Sandbox, args: string[], extraEnv: NodeJS.ProcessEnv = {}): Result {
  const result = spawnSync(CLI_NODE, [BIN, ...args], {
    env: { ...box.env, ...extraEnv },
    input: '',
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: unwrap(result.stderr), rawStderr: result.stderr };
}

/** The same, asynchronously, for tests that run many at once. */
export function attachAsync(box: Sandbox, args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(CLI_NODE, [BIN, ...args], { env: { ...box.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr: unwrap(stderr), rawStderr: stderr }));
  });
}
