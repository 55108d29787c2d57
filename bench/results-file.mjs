/*
 * Writes bench/RESULTS.md and formats it the way `npm test` checks it
 * (biome lays out the tables), so a fresh run leaves nothing to fix.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIOME = path.join(ROOT, 'node_modules', '.bin', 'biome');

export function writeResults(file, text) {
  writeFileSync(file, text);
  if (!existsSync(BIOME)) return;
  const result = spawnSync(BIOME, ['format', '--write', file], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) process.stderr.write(`biome could not format ${file}: ${result.stderr}\n`);
}
