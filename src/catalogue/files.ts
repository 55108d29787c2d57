import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The questions and catalogues live in prompts/*.json as data. They are found
 * by walking up from this module, which works from the bundle (dist/), from
 * the sources under test (src/catalogue/) and from a global install alike.
 */

export function promptsDir(from: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(from));
  for (let up = 0; up < 6; up++) {
    const candidate = path.join(dir, 'prompts');
    if (existsSync(path.join(candidate, 'catalogues.json'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`attach's prompts folder was not found above ${fileURLToPath(from)}; the installation is incomplete`);
}

export function readData(name: string): unknown {
  return JSON.parse(readFileSync(path.join(promptsDir(), name), 'utf8'));
}

export function invalid(file: string, what: string): never {
  throw new Error(`prompts/${file} is not valid: ${what}`);
}

export const isText = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;
