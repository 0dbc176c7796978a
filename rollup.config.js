// Builds bundle/index.js: one flat strict-mode script for Nakama 3.40's JavaScript runtime.
const typescript = require('@rollup/plugin-typescript');
const { nodeResolve } = require('@rollup/plugin-node-resolve');
const commonjs = require('@rollup/plugin-commonjs');
const json = require('@rollup/plugin-json');
const { nakamaRegistrations } = require('./tools/registrations');

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
    // Game data (question banks, definitions) lives in JSON files, validated at build and start.
    json({ preferConst: true }),
    typescript({ tsconfig: './tsconfig.json', noEmitOnError: true }),
    nakamaRegistrations(),
  ],
};
