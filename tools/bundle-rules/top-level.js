'use strict';
/**
 * The script's top-level bindings: what Nakama can find by name (r.Get / the global object).
 */
const { collectPatternNames, collectVarDecls } = require('./ast');

/**
 * @param {import('acorn').Program} program
 * @returns {Map<string, object>} name -> { kind: 'var'|'function'|'class'|'let'|'const', init?, first?, decl?, fn? }
 */
function topLevelBindings(program) {
  // Top-level bindings: only function declarations and `var`s are properties of the global object.
  const topLevel = new Map();
  const topVarDecls = []; // every `var` in program scope (goja's Program.DeclarationList)
  for (const s of program.body) collectVarDecls(s, topVarDecls);
  for (const d of topVarDecls) {
    d.declarations.forEach((decl, i) => {
      for (const name of collectPatternNames(decl.id, [])) {
        if (!topLevel.has(name) || topLevel.get(name).kind === 'var') {
          topLevel.set(name, { kind: 'var', init: decl.id.type === 'Identifier' ? decl.init : null, first: i === 0, decl });
        }
      }
    });
  }
  for (const s of program.body) {
    if (s.type === 'FunctionDeclaration' && s.id) topLevel.set(s.id.name, { kind: 'function', fn: s });
    else if (s.type === 'ClassDeclaration' && s.id) topLevel.set(s.id.name, { kind: 'class' });
    else if (s.type === 'VariableDeclaration' && s.kind !== 'var') {
      for (const decl of s.declarations) {
        for (const name of collectPatternNames(decl.id, [])) topLevel.set(name, { kind: s.kind, init: decl.init });
      }
    }
  }
  return topLevel;
}

module.exports = { topLevelBindings };
