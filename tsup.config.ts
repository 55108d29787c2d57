import path from 'node:path';
import { defineConfig, type Options } from 'tsup';

/** commander's `require('node:child_process')`, answered by build/commander-child-process.cjs (it says why). */
const lazyChildProcessForCommander: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'commander-child-process',
  setup(build) {
    build.onResolve({ filter: /^node:child_process$/ }, ({ importer }) =>
      importer.includes(`${path.sep}commander${path.sep}`) ? { path: path.resolve('build/commander-child-process.cjs') } : undefined,
    );
  },
};

export default defineConfig({
  entry: { cli: 'src/cli.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  outDir: 'dist',
  clean: true,
  // The commands are one dynamic import (src/app.ts), so splitting puts them
  // in one chunk: `attach --help` never loads prompts, the store or date
  // parsing, and a command loads a handful of files rather than forty.
  splitting: true,
  // Bundle every dependency: resolving hundreds of files from node_modules
  // at start-up costs more than the whole command.
  noExternal: [/.*/],
  external: ['node-pty'],
  // commander (and proper-lockfile) are CommonJS; inside an ESM bundle their
  // `require('events')` needs a real require.
  banner: {
    js: "import { createRequire as __attachCreateRequire } from 'node:module'; const require = __attachCreateRequire(import.meta.url);",
  },
  esbuildPlugins: [lazyChildProcessForCommander],
  // tsup's own plugin would take every `node:` import first (to drop the prefix, which Node 20 does not need dropped).
  removeNodeProtocol: false,
  minify: false,
  sourcemap: false,
});
