import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, CLI_NODE, type Result, type Sandbox } from './cli.js';
import { unwrap } from './unwrap.js';

/*
 * Shared by the hostile tests (issue 7): a small process pool, a runner with
 * a time limit, and snapshots of a folder to prove nothing was touched.
 */

/**
 * Runs `work` over `items` with at most `size` at once; the results keep the
 * order of the items. A small pool keeps a 2-core machine busy without
 * thrashing it.
 */
export async function pool<T, R>(items: readonly T[], size: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}

/** A stack trace line as Node prints one ("    at fn (file:1:2)"): never shown without --debug. */
export const STACK_LINE = /^\s+at .*(?::\d+:\d+\)?|\(<anonymous>\)|\(native\)|\(index \d+\))$/m;

export interface TimedResult extends Result {
  timedOut: boolean;
  signal: NodeJS.Signals | null;
}

/** The built CLI without a terminal, killed (and said so) if it runs longer than `timeoutMs`. */
export function attachTimed(box: Sandbox, args: string[], extraEnv: NodeJS.ProcessEnv = {}, timeoutMs = 20_000): Promise<TimedResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(CLI_NODE, [BIN, ...args], { env: { ...box.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr: unwrap(stderr), timedOut });
    });
  });
}

/** Every path under `dir` (relative): a file's bytes, or 'dir', 'link' or 'special'. */
export function snapshot(dir: string): Map<string, Buffer | string> {
  const out = new Map<string, Buffer | string>();
  if (!existsSync(dir)) return out;
  const walk = (rel: string) => {
    const full = path.join(dir, rel);
    const stat = lstatSync(full);
    if (stat.isSymbolicLink()) out.set(rel, 'link');
    else if (stat.isDirectory()) {
      if (rel) out.set(rel, 'dir');
      for (const name of readdirSync(full).sort()) walk(path.join(rel, name));
    } else if (stat.isFile()) out.set(rel, readFileSync(full));
    else out.set(rel, 'special');
  };
  walk('');
  return out;
}

/** Paths in a snapshot that differ from another (added, removed or changed), for a readable failure. */
export function changes(before: Map<string, Buffer | string>, after: Map<string, Buffer | string>): string[] {
  const out: string[] = [];
  for (const [key, value] of before) {
    const now = after.get(key);
    if (now === undefined) out.push(`removed ${key}`);
    else if (Buffer.isBuffer(value) ? !(Buffer.isBuffer(now) && now.equals(value)) : now !== value) out.push(`changed ${key}`);
  }
  for (const key of after.keys()) if (!before.has(key)) out.push(`added ${key}`);
  return out;
}

/** Temp files (`.name.pid.hex.tmp`) and lock folders anywhere under `dir`: a refused or failed write leaves neither. */
export function leftovers(dir: string): string[] {
  return [...snapshot(dir).keys()].filter((rel) => /\.tmp$/.test(rel) || /\.lock$/.test(rel));
}
