import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer, type Server } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachAsync, CLI_NODE, type Result, ROOT, type Sandbox, sandbox } from '../helpers/cli.js';
import { STACK_LINE } from '../helpers/hostile.js';
import { unwrap } from '../helpers/unwrap.js';

/*
 * Issue 7, no network: attach is a private journal, and nothing it does may
 * reach out. tests/helpers/no-network.mjs is preloaded into every run
 * (NODE_OPTIONS=--import) and makes any socket, DNS lookup, HTTP request,
 * fetch or UDP socket throw, and say so on stderr and in a log. Every command
 * of src/cli.ts is run under it, with the options that reach the most code:
 * all must do their job, and none may have tried.
 */

const PRELOAD = pathToFileURL(path.join(ROOT, 'tests', 'helpers', 'no-network.mjs')).href;
const PASS = 'correct horse battery';

let box: Sandbox;
let netlog: string;
beforeAll(() => {
  box = sandbox();
  netlog = path.join(box.dir, 'network.log');
});
afterAll(() => box.cleanup());

const offline = (more: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  NODE_OPTIONS: `--import=${PRELOAD}`,
  ATTACH_NETWORK_LOG: netlog,
  ...more,
});

function attempts(): string[] {
  return existsSync(netlog) ? readFileSync(netlog, 'utf8').split('\n').filter(Boolean) : [];
}

/** Runs a command with the preload; it must exit as expected, without a stack and without touching the network. */
async function run(args: string[], code = 0, env: NodeJS.ProcessEnv = {}, on: Sandbox = box): Promise<Result> {
  const r = await attachAsync(on, args, offline(env));
  expect(r.code, `attach ${args.join(' ')}: ${r.stderr}`).toBe(code);
  expect(r.stderr).not.toContain('NO-NETWORK');
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(attempts(), `attach ${args.join(' ')} tried the network`).toEqual([]);
  return r;
}

const ids: string[] = [];

describe('the preload', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((socket) => socket.end('hello\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // Each of these reaches the network one way; the script reports what each one did.
  const script = `
    const tries = {
      'net.connect': () => require('node:net').connect(Number(process.argv[1]), '127.0.0.1'),
      'new net.Socket().connect': () => new (require('node:net').Socket)().connect(Number(process.argv[1]), '127.0.0.1'),
      'tls.connect': () => require('node:tls').connect(443, 'example.com'),
      'http.get': () => require('node:http').get('http://127.0.0.1:' + process.argv[1]),
      'https.request': () => require('node:https').request('https://example.com'),
      'dns.lookup': () => require('node:dns').lookup('example.com', () => {}),
      'dns.promises.resolve4': () => require('node:dns').promises.resolve4('example.com'),
      'fetch': () => fetch('http://127.0.0.1:' + process.argv[1]),
      'dgram.createSocket': () => require('node:dgram').createSocket('udp4'),
    };
    const results = {};
    for (const [name, attempt] of Object.entries(tries)) {
      try {
        const value = attempt();
        if (value && typeof value.catch === 'function') value.catch(() => {});
        if (value && typeof value.destroy === 'function') value.destroy();
        if (value && typeof value.close === 'function') value.close();
        results[name] = 'allowed';
      } catch (error) {
        results[name] = error.code === 'ERR_NO_NETWORK' ? 'blocked' : 'failed: ' + error.message;
      }
    }
    console.log(JSON.stringify(results));
    process.exit(0);
  `;
  /**
   * node -e, asynchronously: the server above lives in this process and must keep answering. The Node the CLI runs
   * on, since the preload must hold there.
   */
  const node = (code: string, env: NodeJS.ProcessEnv): Promise<Result> =>
    new Promise((resolve, reject) => {
      const child = spawn(CLI_NODE, ['-e', code, String(port)], {
        env: { PATH: process.env.PATH, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr: unwrap(stderr) });
      });
    });

  it('blocks a deliberate connection to a server that is really there, and every other way out', async () => {
    // Without the preload, the local server answers: the attempts are real.
    const connect =
      "require('node:net').connect(Number(process.argv[1]), '127.0.0.1')" +
      ".on('data', (d) => { process.stdout.write(d); process.exit(0); })";
    expect((await node(connect, {})).stdout).toBe('hello\n');
    const allowed = JSON.parse((await node(script, {})).stdout) as Record<string, string>;
    expect(Object.values(allowed).every((what) => what === 'allowed')).toBe(true);

    // With it, the same connection fails...
    const refused = await node(connect, offline());
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('NO-NETWORK: net.connect was called');
    // ...and every one of the ways out throws, says so, and is logged.
    const r = await node(script, offline());
    expect(r.code, r.stderr).toBe(0);
    const blocked = JSON.parse(r.stdout) as Record<string, string>;
    expect(blocked).toEqual(Object.fromEntries(Object.keys(allowed).map((name) => [name, 'blocked'])));
    expect(r.stderr).toContain('NO-NETWORK: net.connect was called');
    expect(attempts().length).toBeGreaterThanOrEqual(Object.keys(allowed).length);
    writeFileSync(netlog, '');
  });
});

describe('every command, with the network blocked', () => {
  // Commands that only read run a few at a time: each is its own process, and the network log is checked after each.
  it('--help, --version and every command’s --help', async () => {
    const [help, version] = await Promise.all([run(['--help']), run(['--version'])]);
    expect(help.stdout).toContain('Usage: attach');
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const commands = [
      'log',
      'pause',
      'reflect',
      'report',
      'list',
      'show',
      'edit',
      'delete',
      'export',
      'import',
      'doctor',
      'encrypt',
      'decrypt',
      'config',
    ];
    const helps = await Promise.all(commands.map((command) => run([command, '--help'])));
    for (const [i, r] of helps.entries()) expect(r.stdout, commands[i]).toContain('Examples:');
  });

  it('log, pause and reflect write their entries', async () => {
    const logged = JSON.parse(
      (
        await run([
          'log',
          'no reply since this morning',
          '-i',
          '7',
          '--who',
          'partner',
          '-t',
          'delayed-reply',
          '-b',
          'tight-chest',
          '-u',
          'double-text',
          '--at',
          'yesterday 21:30',
          '--tag',
          'weekend',
          '--json',
        ])
      ).stdout,
    ) as { id: string };
    ids.push(logged.id);
    // The other writes at once (the journal's lock keeps them apart): the pause's 3 s cover the rest.
    const [, paused, reflected] = await Promise.all([
      run(['log', 'quiet dinner', '-i', '4', '--at', '2h ago']),
      run([
        'pause',
        '--minutes',
        '0.05',
        '--before',
        '7',
        '--after',
        '3',
        '--passed',
        'yes',
        '--breath',
        'box',
        '--for',
        logged.id.slice(0, 8),
        '--plain',
        '--no-bell',
        '--json',
      ]),
      run([
        'reflect',
        '-p',
        'excessive-contact',
        '--for',
        logged.id.slice(0, 8),
        '--need',
        'reassurance',
        '--felt',
        'insecure',
        '--hoped',
        'a quick reply',
        '--json',
      ]),
      run(['reflect', '-p', 'withdrawing', '--ask', 'Could we talk tonight?', '--for', 'none']),
    ]);
    expect((JSON.parse(paused.stdout) as { for: string }).for).toBe(logged.id);
    expect((JSON.parse(reflected.stdout) as { needs: string[] }).needs).toEqual(['reassurance']);
  });

  it('report in every format, on screen and to a file', async () => {
    const out = path.join(box.dir, 'report.md');
    const [text, lookback, md, json, from] = await Promise.all([
      run(['report']),
      run(['report', '--format', 'text', '--lookback', '4']),
      run(['report', '--format', 'md', '--week']),
      run(['report', '--format', 'json']),
      run(['report', '--json', '--from', '2 weeks ago']),
      run(['report', '--format', 'md', '-o', out]),
    ]);
    expect(text.stdout).toMatch(/Your report/);
    expect(lookback.stdout).toMatch(/Your report/);
    expect(md.stdout).toMatch(/^#/m);
    expect(JSON.parse(json.stdout)).toHaveProperty('schema');
    expect(JSON.parse(from.stdout)).toHaveProperty('schema');
    expect(readFileSync(out, 'utf8')).toMatch(/^#/m);
  });

  it('list, show, edit and delete', async () => {
    const id = ids[0]!;
    expect((await run(['list'])).stdout.trim().split('\n')).toHaveLength(5);
    expect(JSON.parse((await run(['list', '--json', '--type', 'trigger', '--search', 'reply', '--limit', '5'])).stdout)).toHaveLength(1);
    expect((await run(['show', id.slice(0, 8)])).stdout).toContain('no reply since this morning');
    expect(JSON.parse((await run(['show', id, '--json'])).stdout).linked).toHaveLength(2);
    await run(['edit', id.slice(0, 8), '--intensity', '6', '--note', 'edited offline']);
    const extra = JSON.parse((await run(['log', 'to delete', '-i', '1', '--json'])).stdout) as { id: string };
    await run(['delete', extra.id.slice(0, 8), '--yes']);
    expect(JSON.parse((await run(['list', '--json'])).stdout)).toHaveLength(5);
  });

  it('export in every format, and import', async () => {
    const file = path.join(box.dir, 'export.json');
    const formats = ['json', 'csv', 'md'];
    const exports = await Promise.all([...formats.map((format) => run(['export', '--format', format])), run(['export', '-o', file])]);
    for (const [i, format] of formats.entries()) expect(exports[i]!.stdout.length, format).toBeGreaterThan(0);
    const other = sandbox();
    try {
      await run(['import', file, '--dry-run'], 0, {}, other);
      await run(['import', file], 0, {}, other);
      await run(['import', file, '--prefer', 'theirs'], 0, {}, other);
      expect(JSON.parse((await run(['list', '--json'], 0, {}, other)).stdout)).toHaveLength(5);
    } finally {
      other.cleanup();
    }
  });

  it('doctor, and doctor --repair --yes on a damaged journal', async () => {
    expect((await run(['doctor'])).stdout).toContain(box.journal);
    expect(JSON.parse((await run(['doctor', '--json'])).stdout)).toHaveProperty('healthy', true);
    const damaged = sandbox();
    try {
      mkdirSync(path.dirname(damaged.journal), { recursive: true });
      const good = readFileSync(box.journal, 'utf8');
      writeFileSync(damaged.journal, good.slice(0, Math.floor(good.length * 0.7)));
      await run(['doctor'], 3, {}, damaged);
      await run(['doctor', '--repair', '--yes'], 0, {}, damaged);
      await run(['list', '--json'], 0, {}, damaged);
    } finally {
      damaged.cleanup();
    }
  });

  it('config list, get, set, unset, add and remove', async () => {
    await run(['config']);
    await run(['config', 'set', 'pauseMinutes', '15']);
    expect((await run(['config', 'get', 'pauseMinutes'])).stdout.trim()).toBe('15');
    await run(['config', 'set', 'breath', 'box']);
    await run(['config', 'unset', 'pauseMinutes']);
    await run(['config', 'add', 'trigger', 'mom calls twice']);
    await run(['config', 'remove', 'trigger', 'mom calls twice']);
    expect(JSON.parse((await run(['config', 'list', '--json'])).stdout)).toEqual({ breath: 'box', own: { triggers: [] } });
  });

  it('encrypt, every reader and a write on the encrypted journal, then decrypt', async () => {
    const key = { ATTACH_PASSPHRASE: PASS };
    await run(['encrypt'], 0, key);
    expect(readFileSync(box.journal, 'utf8')).toContain('attach.encrypted');
    await run(['doctor'], 0, key);
    await run(['list'], 0, key);
    await run(['report', '--json'], 0, key);
    await run(['log', 'encrypted and offline', '-i', '2'], 0, key);
    await run(['list'], 3); // no passphrase: a calm exit 3, still no network
    await run(['decrypt'], 0, key);
    expect(JSON.parse(readFileSync(box.journal, 'utf8')).entries).toHaveLength(6);
  });
});
