'use strict';
/**
 * Rule 4: registrations Nakama never sees. It only reads direct `initializer.registerX(...)`
 * statements in InitModule's body (and in try blocks there).
 */
const { ID_FN_METHODS, REGISTER_METHODS } = require('./constants');
const { childNodes, isStringLiteral, snippet, fmtArg, at } = require('./ast');

/**
 * Registrations anywhere else in InitModule, and an aliased or passed initializer.
 * @param {string} source
 * @param {(msg: string) => void} add
 * @param {object} initFn InitModule's function node
 * @param {string} initName its 4th parameter
 * @param {Set<object>} seenCalls the call nodes of the statements Nakama visits
 */
function checkUnseenInInit(source, add, initFn, initName, seenCalls) {
  // Rule 4: registrations anywhere else in InitModule are not seen; neither is an aliased initializer.
  (function walk(node, parent) {
    if (!node) return;
    if (node.type === 'CallExpression') {
      const c = node.callee;
      const viaInit = c.type === 'MemberExpression' && c.object.type === 'Identifier' && c.object.name === initName;
      const prop = c.type === 'MemberExpression' ? (c.computed ? (isStringLiteral(c.property) ? c.property.value : null) : c.property.name) : null;
      if (viaInit && prop && prop.startsWith('register') && !seenCalls.has(node)) {
        const desc = ID_FN_METHODS.has(prop) || prop === 'registerMatch' ? `${prop}(${fmtArg(source, node.arguments[0])}, ...)` : `${prop}(${fmtArg(source, node.arguments[0])})`;
        add(`${desc}: not seen by Nakama: registrations must be direct statements \`${initName}.${prop}(...);\` in InitModule's body (or in a try block there), not inside loops, ifs, callbacks, catch/finally, comma or optional-chain expressions, or with computed access${at(node)}`);
      }
    }
    if (node.type === 'Identifier' && node.name === initName && parent) {
      const isObjOfMember = parent.type === 'MemberExpression' && parent.object === node;
      if (!isObjOfMember) {
        add(`InitModule's initializer \`${initName}\` is passed or aliased (\`${snippet(source, parent)}\`): registrations made through it elsewhere are not seen by Nakama${at(node)}`);
      }
    }
    if (node.type === 'MemberExpression') {
      walk(node.object, node);
      if (node.computed) walk(node.property, node);
      return;
    }
    if (node.type === 'Property' && !node.computed && !node.shorthand) {
      walk(node.value, node);
      return;
    }
    for (const c of childNodes(node)) walk(c, node);
  })(initFn.body, initFn);
}

/**
 * Register calls outside InitModule (in helpers).
 * @param {string} source
 * @param {(msg: string) => void} add
 * @param {import('acorn').Program} program
 * @param {object|null} initFn
 * @param {string|null} initName
 */
function checkOutsideInit(source, add, program, initFn, initName) {
  // Rule 4 (outside InitModule): register calls in helpers are never seen.
  (function walk(node) {
    if (!node || node === initFn) return;
    if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && !node.callee.computed &&
        node.callee.property.type === 'Identifier' && REGISTER_METHODS.has(node.callee.property.name)) {
      const prop = node.callee.property.name;
      add(`${snippet(source, node.callee)}(${fmtArg(source, node.arguments[0])}${node.arguments.length > 1 ? ', ...' : ''}) outside InitModule: not seen by Nakama, which only reads direct \`${initName || 'initializer'}.${prop}(...)\` statements in InitModule's body${at(node)}`);
    }
    for (const c of childNodes(node)) walk(c);
  })(program);
}

module.exports = { checkUnseenInInit, checkOutsideInit };
