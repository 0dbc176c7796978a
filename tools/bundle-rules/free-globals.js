'use strict';
/**
 * Rule 2: Node/browser globals goja does not provide, and assignments to undeclared variables
 * (a ReferenceError in strict mode).
 */
const { MODULE_GLOBALS, HOST_GLOBALS } = require('./constants');
const { lineOf, at } = require('./ast');

/**
 * @param {import('./scope').ScopeWalker} walker
 * @param {(msg: string) => void} add
 */
function checkFreeGlobals(walker, add) {
  // Rule 2: Node/browser globals. require/module/exports anywhere; the rest when run at load time.
  const reportedFree = new Set();
  for (const r of walker.refs) {
    if (!r.free || r.typeofOperand) continue;
    const isModule = MODULE_GLOBALS.has(r.name);
    const isHost = HOST_GLOBALS.has(r.name);
    if (r.write) {
      const key = `w:${r.name}:${lineOf(r.node)}`;
      if (reportedFree.has(key)) continue;
      reportedFree.add(key);
      add(`assignment to undeclared variable \`${r.name}\`: in strict mode (Nakama compiles the bundle strict) this throws a ReferenceError${at(r.node)}`);
      continue;
    }
    if (!isModule && !isHost) continue;
    if (isHost && !r.topExec) continue;
    if (walker.isGuarded(r)) continue;
    const key = `${r.name}:${lineOf(r.node)}`;
    if (reportedFree.has(key)) continue;
    reportedFree.add(key);
    const where = isHost ? 'used while the bundle\'s top level runs' : 'referenced';
    add(`\`${r.name}\` is ${where} but is not available in Nakama's JavaScript runtime (goja, not Node): guard it with \`typeof ${r.name} !== 'undefined'\` or remove it${at(r.node)}`);
  }
}

module.exports = { checkFreeGlobals };
