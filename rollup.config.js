// Builds bundle/index.js: one flat strict-mode script for Nakama 3.40's JavaScript runtime.
const typescript = require('@rollup/plugin-typescript');
const { nodeResolve } = require('@rollup/plugin-node-resolve');
const commonjs = require('@rollup/plugin-commonjs');
const json = require('@rollup/plugin-json');
const { nakamaRegistrations } = require('./tools/registrations');
const { ensureRuntimeTypings } = require('./tools/nakama/typings');

// The TypeScript plugin type-checks against Nakama's official runtime typings (nakama-runtime): install them first.
ensureRuntimeTypings();

/**
 * msgpackr builds a 256-entry table at load (mult10, for rounding float32 values) with a loop of
 * string concatenation and parsing. Nakama evaluates the bundle in a new VM for every match, so the
 * loop's own expression is evaluated here once and the table written out as a literal: 14.3 -> 12.4 M
 * instructions per VM creation (bench/goja, `npm run bench:create`).
 */
function precomputeMsgpackrTable() {
  const loop = /mult10 = new Array\(\d+\);[^\n]*\nfor \(let i = 0; i < (\d+); i\+\+\) \{\s*mult10\[i\] = ([^;\n]+);\s*\}/;
  return {
    name: 'precompute-msgpackr-table',
    transform(code, id) {
      if (!/msgpackr[\\/]unpack\.js$/.test(id)) return null;
      const found = loop.exec(code);
      if (!found) this.error('the mult10 table of msgpackr/unpack.js changed: update precomputeMsgpackrTable in rollup.config.js');
      const [, size, expression] = found;
      const entry = new Function('i', `return ${expression};`);
      const values = Array.from({ length: Number(size) }, (_, i) => entry(i));
      return { code: code.replace(loop, `mult10 = [${values.join(', ')}];`), map: null };
    },
  };
}

module.exports = {
  input: 'main.ts',
  output: {
    file: 'bundle/index.js',
    // 'es' keeps a flat top level; tools/registrations.js removes the export line, wraps the code in
    // one function returning MODULE and appends the top-level handlers and InitModule.
    format: 'es',
    generatedCode: { constBindings: true },
  },
  treeshake: { moduleSideEffects: false },
  plugins: [
    // Why browser: msgpackr's browser build does not reach for Node's Buffer.
    nodeResolve({ browser: true, preferBuiltins: false }),
    commonjs(),
    precomputeMsgpackrTable(),
    // Game data (question banks, definitions) lives in JSON files, validated at build and start.
    json({ preferConst: true }),
    typescript({ tsconfig: './tsconfig.json', noEmitOnError: true }),
    nakamaRegistrations(),
  ],
};
