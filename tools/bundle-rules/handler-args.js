'use strict';
/**
 * Checks of registration arguments shared by the registration rules: ids (which Nakama matches in
 * the syntax tree), handler functions (which it looks up by name later), ids that hijack later
 * lookups, and duplicate registrations.
 */
const { isFunctionNode, isStringLiteral, lineOf, at } = require('./ast');

/**
 * @param {Map<string, object>} topLevel from topLevelBindings()
 * @param {(msg: string) => void} add
 */
function createArgCheckers(topLevel, add) {
  const resolveId = (node) => {
    if (!node) return { error: 'is missing (Nakama indexes the argument list and panics)' };
    if (node.type === 'SpreadElement') return { error: 'must not be a spread argument' };
    if (isStringLiteral(node)) {
      if (node.value === '') return { error: 'must be a non-empty string (Nakama: "expects a non empty string")' };
      return { value: node.value };
    }
    if (node.type === 'Identifier') {
      const b = topLevel.get(node.name);
      // Nakama compares r.Get(name).String() with the id (goja's Runtime.Get also sees top-level let/const).
      if (b && (b.kind === 'var' || b.kind === 'let' || b.kind === 'const')) {
        if (isStringLiteral(b.init) && b.init.value !== '') return { value: b.init.value };
        return { error: `\`${node.name}\` is a top-level ${b.kind} not initialised with a non-empty string literal: Nakama compares r.Get("${node.name}") with the id, which cannot be verified statically; use a string literal` };
      }
      if (b) return { error: `\`${node.name}\` is a top-level ${b.kind}, not a string; use a string literal` };
      return { error: `\`${node.name}\` is not a top-level variable: Nakama's r.Get("${node.name}") finds nothing and start-up panics (nil .String()); use a string literal` };
    }
    return {
      error: `must be a string literal, got ${node.type}: Nakama's syntax-tree lookup then matches this statement for every later id, silently routing them to this function`,
      hijack: true,
    };
  };

  // `rpc`: RPC handlers are only looked up later with Runtime.Get; hooks and matches also pass
  // checkFnScope (runtime_javascript_init.go 1916-1921), which reads the global OBJECT.
  const checkHandler = (node, rpc) => {
    const expect = 'must be an identifier naming a top-level function declaration';
    if (!node) return { error: `is missing; it ${expect}` };
    if (node.type !== 'Identifier') {
      const why = isFunctionNode(node) ? ' (inline functions are rejected: "javascript functions cannot be inlined")'
        : node.type === 'MemberExpression' ? ' (Nakama would look up the global named after the property)' : '';
      return { error: `${expect}, got ${node.type}${why}` };
    }
    const name = node.name;
    const b = topLevel.get(name);
    if (!b) {
      return { name, error: `\`${name}\` is not a top-level function (a local or undeclared name): Nakama looks handlers up by name on the global object, so it ${expect}` };
    }
    if (b.kind === 'let' || b.kind === 'const' || b.kind === 'class') {
      const why = rpc
        ? 'Nakama 3.40 happens to resolve RPC names with Runtime.Get, which also sees global lexical bindings, but hooks and matches require a global-object property, so this contract requires the same for every handler'
        : `checkFnScope looks it up on the global object and start-up fails with "function \"${name}\" not registered in the global object scope"`;
      return { name, error: `\`${name}\` is a top-level \`${b.kind}\`, which is not a property of the global object (${why}): it ${expect}` };
    }
    let fn = null;
    if (b.kind === 'function') fn = b.fn;
    else if (b.kind === 'var') {
      if (b.init && (b.init.type === 'FunctionExpression' || b.init.type === 'ArrowFunctionExpression')) fn = b.init;
      else if (b.init && b.init.type === 'Identifier' && topLevel.has(b.init.name) && topLevel.get(b.init.name).kind === 'function') fn = topLevel.get(b.init.name).fn;
      else return { name, error: `\`${name}\` is a top-level var not initialised with a function, so pool VMs (which only run the top level) do not have it: it ${expect}` };
    }
    if (fn && (fn.async || fn.generator)) {
      return { name, fn, error: `\`${name}\` is ${fn.async ? 'async' : 'a generator'}: Nakama handlers must be synchronous functions (a Promise/iterator result fails)` };
    }
    return { name, fn };
  };

  const checkHijack = (hijackers, method, id, desc, stmt) => {
    if (id.hijack) {
      if (!hijackers.has(method)) hijackers.set(method, desc);
    } else if (!id.error && hijackers.has(method)) {
      add(`${desc}: an earlier ${hijackers.get(method)} has a non-literal id, so Nakama's syntax-tree lookup for ${JSON.stringify(id.value)} stops there and uses that statement's function${at(stmt)}`);
    }
  };

  const firstSeen = new Map(); // duplicate detection
  const noteDuplicate = (key, desc, node, what) => {
    if (firstSeen.has(key)) {
      add(`${desc}: duplicate ${what} (also registered at line ${firstSeen.get(key)}); Nakama keeps only one of them${at(node)}`);
      return true;
    }
    firstSeen.set(key, lineOf(node));
    return false;
  };

  return { resolveId, checkHandler, checkHijack, noteDuplicate };
}

module.exports = { createArgCheckers };
