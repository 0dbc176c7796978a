'use strict';
/**
 * Rule 9: the bundle must not be minified (Nakama resolves handlers by their global names).
 */
const { at } = require('./ast');

/**
 * @param {import('acorn').Program} program
 * @param {object|null} initFn InitModule's function node, from findInitModule()
 * @param {(msg: string) => void} add
 */
function checkMinifiedNames(program, initFn, add) {
  if (initFn) {
    // Rule 9 (part): minified parameter names.
    const shortParams = initFn.params.slice(0, 4).filter((p) => p.type === 'Identifier' && p.name.length <= 2);
    if (initFn.params.length >= 4 && shortParams.length >= 3) {
      add(`InitModule's parameters look minified (${initFn.params.slice(0, 4).map((p) => (p.type === 'Identifier' ? p.name : p.type)).join(', ')}): do not minify the bundle (Nakama resolves handlers by their global names)${at(initFn)}`);
    }
  }

  // Rule 9: minified top-level function names.
  const topFns = program.body.filter((s) => s.type === 'FunctionDeclaration' && s.id);
  const shortFns = topFns.filter((s) => s.id.name.length <= 2);
  if (topFns.length >= 3 && shortFns.length / topFns.length > 0.3) {
    add(`identifiers look minified: ${shortFns.length} of ${topFns.length} top-level function names have 1-2 characters (e.g. ${shortFns.slice(0, 5).map((s) => s.id.name).join(', ')}): do not minify the bundle`);
  }
}

module.exports = { checkMinifiedNames };
