import os from 'node:os';
import path from 'node:path';

/** The environment variables attach reads: process.env, given by the context (src/context.ts), or a test's own. */
export type Env = Readonly<Record<string, string | undefined>>;

// The XDG spec says relative values are invalid and must be ignored.
function xdgDir(value: string | undefined, fallback: string): string {
  return value && path.isAbsolute(value) ? value : fallback;
}

function home(env: Env): string {
  return env.HOME || os.homedir();
}

/**
 * DESIGN.md section 2: --file, else $ATTACH_FILE, else (an addition) the
 * `journal` setting, else the XDG data folder. `~/` means the home folder.
 */
export function journalPath(file: string | undefined, env: Env, configured?: string): string {
  const chosen = file || env.ATTACH_FILE || configured;
  if (chosen) return path.resolve(chosen.startsWith('~/') ? path.join(home(env), chosen.slice(2)) : chosen);
  const data = xdgDir(env.XDG_DATA_HOME, path.join(home(env), '.local', 'share'));
  return path.join(data, 'attach', 'journal.json');
}

export function configPath(env: Env): string {
  const config = xdgDir(env.XDG_CONFIG_HOME, path.join(home(env), '.config'));
  return path.join(config, 'attach', 'config.json');
}

/** attach's own small state (what was shown when): $XDG_STATE_HOME/attach, else ~/.local/state/attach. */
export function stateDir(env: Env): string {
  return path.join(xdgDir(env.XDG_STATE_HOME, path.join(home(env), '.local', 'state')), 'attach');
}

/**
 * attach's own folder for the HTML pages it makes: $XDG_STATE_HOME/attach/pages,
 * else ~/.local/state/attach/pages. State, not data: a page is a copy that can be
 * made again, and it belongs to this machine, so it never lands in a folder
 * synced with the journal (an encrypted journal's page is plain text).
 */
export function pagesPath(env: Env): string {
  return path.join(stateDir(env), 'pages');
}
