import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * The layers of src/ (issue 10, section 2), read from the source itself:
 * every file is parsed with the TypeScript compiler (so comments and strings
 * never count), its relative imports resolved to files, and each rule below
 * checked. A failure names the file, the line and the rule.
 */

const RULES = [
  'render imports nothing from ui/, flows/, commands/ or the store',
  'analysis imports nothing from ui/, flows/, commands/ or the store',
  'render and analysis are pure: no file system, no clock',
  'journal imports nothing from analysis/, parse/, render/, ui/, flows/ or commands/',
  'process.env is read only in src/context.ts',
  'Date.now() is read only in src/context.ts',
  'no file in src/ over 300 lines',
  'no command over 150 lines',
  'no line over 140 characters',
] as const;
type Rule = (typeof RULES)[number];

/**
 * Failures known when this test was written, each left to the engineer
 * whose work in progress owns the file. The lead empties this list when
 * merging that work; an entry that no longer fails is reported below, so the
 * list can only shrink.
 */
const KNOWN: readonly { rule: Rule; file: string; owner: string }[] = [];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Files under `dir` (relative to the repository, with `/`), generated snapshots left out. */
function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name) && !entry.parentPath.includes('__snapshots__'))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

interface Import {
  specifier: string;
  /** The file it names, relative to the repository; null for a package or a Node built-in. */
  target: string | null;
  /** `import type` / `export type`: erased, so it loads nothing at run time. */
  typeOnly: boolean;
  line: number;
}

interface Source {
  file: string;
  text: string;
  imports: Import[];
  /** Lines (from 1) that read process.env, call Date.now(), or make `new Date()` without arguments. */
  env: number[];
  dateNow: number[];
  newDate: number[];
}

/** A relative specifier as the file it names: `./x.js` is `x.ts` in the source. */
function resolve(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(path.join(ROOT, from)), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), base.replace(/\.mjs$/, '.mts'), `${base}.ts`, path.join(base, 'index.ts'), base];
  const found = candidates.find((candidate) => existsSync(candidate) && !candidate.endsWith(path.sep)) ?? base;
  return path.relative(ROOT, found).split(path.sep).join('/');
}

function read(file: string): Source {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const tree = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const source: Source = { file, text, imports: [], env: [], dateNow: [], newDate: [] };
  const lineOf = (node: ts.Node) => tree.getLineAndCharacterOfPosition(node.getStart(tree)).line + 1;
  const addImport = (node: ts.Node, specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (specifier && ts.isStringLiteralLike(specifier)) {
      source.imports.push({ specifier: specifier.text, target: resolve(file, specifier.text), typeOnly, line: lineOf(node) });
    }
  };
  const isName = (node: ts.Expression, name: string) => ts.isIdentifier(node) && node.text === name;
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) addImport(node, node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
    else if (ts.isExportDeclaration(node)) addImport(node, node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) addImport(node, node.arguments[0], false);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) addImport(node, node.argument.literal, true);
    if (ts.isPropertyAccessExpression(node) && isName(node.expression, 'process') && node.name.text === 'env')
      source.env.push(lineOf(node));
    if (
      ts.isElementAccessExpression(node) &&
      isName(node.expression, 'process') &&
      ts.isStringLiteralLike(node.argumentExpression) &&
      node.argumentExpression.text === 'env'
    )
      source.env.push(lineOf(node));
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      isName(node.expression.expression, 'Date') &&
      node.expression.name.text === 'now'
    )
      source.dateNow.push(lineOf(node));
    if (ts.isNewExpression(node) && isName(node.expression, 'Date') && (node.arguments?.length ?? 0) === 0)
      source.newDate.push(lineOf(node));
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return source;
}

const SOURCES = new Map(filesUnder('src', /\.ts$/).map((file) => [file, read(file)]));

const FS_MODULES = new Set(['fs', 'node:fs', 'fs/promises', 'node:fs/promises']);

/**
 * Every file that loads, at run time, a file or module `matches` picks:
 * itself, or through what it imports (`import type` loads nothing).
 */
function loading(matches: (i: Import) => boolean): Set<string> {
  const loads = new Set<string>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const source of SOURCES.values()) {
      if (loads.has(source.file)) continue;
      if (source.imports.some((i) => !i.typeOnly && (matches(i) || (i.target !== null && loads.has(i.target))))) {
        loads.add(source.file);
        grew = true;
      }
    }
  }
  return loads;
}
const LOADS_STORE = new Set(['src/journal/store.ts', ...loading((i) => i.target === 'src/journal/store.ts')]);
const LOADS_FS = loading((i) => FS_MODULES.has(i.specifier));

interface Violation {
  rule: Rule;
  file: string;
  /** `file:line: what`, for the failure message. */
  detail: string;
}

const under = (file: string | null, ...dirs: string[]) => file !== null && dirs.some((dir) => file.startsWith(`src/${dir}/`));

function importViolations(): Violation[] {
  const found: Violation[] = [];
  const add = (rule: Rule, source: Source, i: Import, what: string) =>
    found.push({ rule, file: source.file, detail: `${source.file}:${i.line}: imports ${i.specifier} (${what})` });
  for (const source of SOURCES.values()) {
    const layer = under(source.file, 'render') ? 'render' : under(source.file, 'analysis') ? 'analysis' : null;
    for (const i of source.imports) {
      if (layer) {
        // Even a type from these ties the layer to them; a type from a module that loads the store does too.
        const rule = `${layer} imports nothing from ui/, flows/, commands/ or the store` as const;
        if (under(i.target, 'ui', 'flows', 'commands')) add(rule, source, i, i.target!);
        else if (i.target !== null && LOADS_STORE.has(i.target)) add(rule, source, i, `${i.target}, which loads the store`);
        // A type is erased: a renderer may describe what the journal layer found.
        const pure = 'render and analysis are pure: no file system, no clock';
        if (!i.typeOnly && FS_MODULES.has(i.specifier)) add(pure, source, i, 'the file system');
        else if (!i.typeOnly && i.target !== null && LOADS_FS.has(i.target))
          add(pure, source, i, `${i.target}, which loads the file system`);
      }
      if (under(source.file, 'journal') && under(i.target, 'analysis', 'parse', 'render', 'ui', 'flows', 'commands')) {
        add('journal imports nothing from analysis/, parse/, render/, ui/, flows/ or commands/', source, i, i.target!);
      }
    }
  }
  return found;
}

function clockAndEnvViolations(): Violation[] {
  const found: Violation[] = [];
  for (const source of SOURCES.values()) {
    if (source.file === 'src/context.ts') continue;
    for (const line of source.env) {
      found.push({ rule: 'process.env is read only in src/context.ts', file: source.file, detail: `${source.file}:${line}: process.env` });
    }
    for (const line of source.dateNow) {
      found.push({ rule: 'Date.now() is read only in src/context.ts', file: source.file, detail: `${source.file}:${line}: Date.now()` });
    }
    if (under(source.file, 'render', 'analysis')) {
      for (const line of [...source.dateNow, ...source.newDate]) {
        const rule: Rule = 'render and analysis are pure: no file system, no clock';
        found.push({ rule, file: source.file, detail: `${source.file}:${line}: reads the clock` });
      }
    }
  }
  return found;
}

function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

function sizeViolations(): Violation[] {
  const found: Violation[] = [];
  for (const source of SOURCES.values()) {
    const lines = lineCount(source.text);
    if (lines > 300) found.push({ rule: 'no file in src/ over 300 lines', file: source.file, detail: `${source.file}: ${lines} lines` });
    if (under(source.file, 'commands') && lines > 150)
      found.push({ rule: 'no command over 150 lines', file: source.file, detail: `${source.file}: ${lines} lines` });
  }
  for (const file of [...SOURCES.keys(), ...filesUnder('tests', /\.(ts|mts|mjs|js)$/)]) {
    const rows = readFileSync(path.join(ROOT, file), 'utf8').split('\n');
    rows.forEach((row, index) => {
      if (row.length > 140) {
        found.push({ rule: 'no line over 140 characters', file, detail: `${file}:${index + 1}: ${row.length} characters` });
      }
    });
  }
  return found;
}

const ALL = [...importViolations(), ...clockAndEnvViolations(), ...sizeViolations()];
const isKnown = (v: Violation) => KNOWN.some((known) => known.rule === v.rule && known.file === v.file);

describe('the layers of src/', () => {
  for (const rule of RULES) {
    it(rule, () => {
      const broken = ALL.filter((v) => v.rule === rule && !isKnown(v)).map((v) => `${v.detail} [${rule}]`);
      expect(broken, `${rule}:\n${broken.join('\n')}`).toEqual([]);
    });
  }

  it('lists as known only failures that are still there (the lead removes the others)', () => {
    const stale = KNOWN.filter((known) => !ALL.some((v) => v.rule === known.rule && v.file === known.file)).map(
      (known) => `${known.file} now keeps "${known.rule}": remove it from KNOWN`,
    );
    expect(stale).toEqual([]);
  });

  it('reads what it checks: the imports of a few known files resolve to files', () => {
    expect(SOURCES.size).toBeGreaterThan(50);
    const doctor = SOURCES.get('src/commands/doctor.ts');
    expect(doctor?.imports.map((i) => i.target)).toContain('src/journal/health.ts');
    expect(LOADS_STORE.has('src/context.ts')).toBe(true);
    expect(LOADS_STORE.has('src/journal/health.ts')).toBe(false);
    for (const source of SOURCES.values()) {
      for (const i of source.imports)
        if (i.target !== null) expect(existsSync(path.join(ROOT, i.target)), `${source.file} -> ${i.specifier}`).toBe(true);
    }
  });
});
