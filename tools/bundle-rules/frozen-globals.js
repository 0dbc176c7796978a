'use strict';
/**
 * Registered handlers must not mutate top-level vars or functions: Nakama freezes the global
 * object after load in the VMs they run in.
 */
const { snippet, at } = require('./ast');

/**
 * @param {string} source
 * @param {(msg: string) => void} add
 * @param {import('./scope').ScopeWalker} walker
 * @param {Map<string, object>} topLevel from topLevelBindings()
 * @param {Set<object>} handlerFns from checkInitRegistrations()
 */
function checkFrozenGlobals(source, add, walker, topLevel, handlerFns) {
  // Frozen globals: handlers run in VMs where runtime.js_read_only_globals (default true) froze
  // every global object property (runtime_javascript.go 2514-2527).
  for (const m of walker.mutations) {
    if (!m.fnStack.some((f) => handlerFns.has(f))) continue;
    const obj = m.member.object;
    if (obj.type !== 'Identifier') continue;
    const r = walker.refByNode.get(obj);
    if (!r || !r.scope || !r.scope.isProgram) continue;
    const b = topLevel.get(obj.name);
    if (!b || (b.kind !== 'var' && b.kind !== 'function')) continue;
    if (m.call && !(b.kind === 'var' && b.init && b.init.type === 'ArrayExpression')) continue;
    add(`\`${snippet(source, m.node)}\` in a registered handler mutates top-level ${b.kind} \`${obj.name}\`, which Nakama freezes after load (runtime.js_read_only_globals, default true): it throws in strict mode; keep state in match state, storage or nk.localcache*${at(m.node)}`);
  }
}

module.exports = { checkFrozenGlobals };
