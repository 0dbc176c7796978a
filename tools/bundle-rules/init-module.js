'use strict';
/**
 * Rule 3: InitModule as Nakama finds it (getInitModuleFn, runtime_javascript_init.go 1280-1305;
 * runtime_javascript.go 2487): a top-level function with at least 4 parameters, the 4th a plain
 * identifier (the initializer every registration must be called on).
 */
const { childNodes, at } = require('./ast');

/**
 * @param {import('acorn').Program} program
 * @param {(msg: string) => void} add
 * @returns {{ initFn: object|null, initName: string|null }} initName: InitModule's 4th parameter
 */
function findInitModule(program, add) {
  // Rule 3: InitModule (getInitModuleFn, runtime_javascript_init.go 1280-1305; runtime_javascript.go 2487).
  let initFn = null;
  let initProblem = null;
  for (const s of program.body) {
    if (s.type === 'FunctionDeclaration' && s.id && s.id.name === 'InitModule') { initFn = s; initProblem = null; break; }
    if (s.type === 'VariableDeclaration' && s.declarations[0] && s.declarations[0].id.type === 'Identifier' &&
        s.declarations[0].id.name === 'InitModule') {
      const init = s.declarations[0].init;
      if (s.kind !== 'var') {
        initProblem = `InitModule is declared with top-level \`${s.kind}\`: Nakama's getInitModuleFn only accepts \`function InitModule(...)\` or \`var InitModule = function (...)\`, so every registration fails with "failed to find InitModule function"${at(s)}`;
      } else if (init && init.type === 'FunctionExpression') {
        initFn = init; initProblem = null;
      } else {
        initProblem = `\`var InitModule = ${init ? init.type : 'undefined'}\`: Nakama's getInitModuleFn only accepts a \`function\` declaration or \`var InitModule = function (...) {...}\` (arrow functions are not found)${at(s)}`;
      }
    }
  }
  let initName = null;
  if (!initFn) {
    if (initProblem) add(initProblem);
    else {
      let nested = null;
      (function find(n) {
        if (nested || !n) return;
        if ((n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression') && n.id && n.id.name === 'InitModule' && n !== initFn) { nested = n; return; }
        for (const c of childNodes(n)) find(c);
      })(program);
      if (nested) add(`InitModule is not declared at the top level of the script (is the bundle wrapped in an IIFE/UMD function?): Nakama only looks at top-level statements${at(nested)}`);
      else add('no top-level `function InitModule(ctx, logger, nk, initializer)` declaration: Nakama fails with "failed to find InitModule function"');
    }
  } else {
    if (initFn.params.length < 4) {
      add(`InitModule has ${initFn.params.length} parameter(s): Nakama requires at least 4 (ctx, logger, nk, initializer) and fails with "InitModule function is missing params"${at(initFn)}`);
    } else {
      const p = initFn.params[3];
      const target = p.type === 'AssignmentPattern' ? p.left : p;
      if (target.type !== 'Identifier') {
        add(`InitModule's 4th parameter must be a plain identifier (Nakama casts it to *ast.Identifier and panics), got ${p.type}${at(p)}`);
      } else {
        initName = target.name;
      }
    }
    if (initFn.async || initFn.generator) {
      add(`InitModule must be a plain synchronous function, not ${initFn.async ? 'async' : 'a generator'}: Nakama calls it once and reads registrations synchronously${at(initFn)}`);
    }
  }
  return { initFn, initName };
}

module.exports = { findInitModule };
