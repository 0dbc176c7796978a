'use strict';
/**
 * The registration statements in InitModule that Nakama's syntax-tree lookups visit
 * (getRegisteredFnIdentifier, getHookFnIdentifier, registerMatch, ...; runtime_javascript_init.go),
 * checked and recorded in `registrations` the way Nakama reads them.
 */
const { ID_FN_METHODS, SINGLE_FN_METHODS, REGISTER_METHODS, INITIALIZER_METHODS } = require('./constants');
const { isStringLiteral, snippet, fmtArg, at } = require('./ast');
const { createArgCheckers } = require('./handler-args');
const { checkIdFnCall, checkSingleFnCall } = require('./register-calls');
const { checkMatchCall } = require('./register-match');
const { checkUnseenInInit } = require('./unseen-registrations');

/**
 * @param {{ source: string, add: (msg: string) => void, topLevel: Map<string, object>,
 *   registrations: object, initFn: object|null, initName: string|null }} o
 * @returns {Set<object>} the function nodes registered as handlers (for the frozen-globals rule)
 */
function checkInitRegistrations({ source, add, topLevel, registrations, initFn, initName }) {
  // Helpers shared by the registration rules.
  const { resolveId, checkHandler, checkHijack, noteDuplicate } = createArgCheckers(topLevel, add);
  const handlerFns = new Set();

  if (initFn && initName) {
    const body = initFn.body.body;

    // Statements Nakama's lookups visit: InitModule's body and the bodies of try blocks in it.
    const seen = []; // { stmt, inTry }
    const scan = (list, inTry) => {
      for (const s of list) {
        if (s.type === 'TryStatement') scan(s.block.body, true);
        else if (s.type === 'ExpressionStatement') seen.push({ stmt: s, inTry });
      }
    };
    scan(body, false);
    const seenCalls = new Set();
    const hijackers = new Map(); // method -> first statement whose id is neither a literal nor an identifier

    for (const { stmt, inTry } of seen) {
      const call = stmt.expression;
      if (call.type !== 'CallExpression' || call.callee.type !== 'MemberExpression' || call.callee.computed) continue;
      const callee = call.callee;
      // Rule 7: callee.Left.(*ast.Identifier) is asserted for every such statement.
      if (callee.object.type !== 'Identifier') {
        add(`statement \`${snippet(source, stmt)}\` in InitModule: Nakama asserts that the object of every \`x.y(...)\` statement in InitModule is a plain identifier and panics at start-up on \`${callee.object.type}\`; move it into a helper function or assign to a local first${at(stmt)}`);
        continue;
      }
      if (callee.property.type !== 'Identifier') continue;
      const method = callee.property.name;
      if (callee.object.name !== initName) {
        if (REGISTER_METHODS.has(method)) {
          add(`${callee.object.name}.${method}(${fmtArg(source, call.arguments[0])}, ...) is not called on InitModule's 4th parameter \`${initName}\`: Nakama only recognises \`${initName}.${method}(...)\` and will not find this registration${at(stmt)}`);
        }
        continue;
      }
      seenCalls.add(call);
      if (!INITIALIZER_METHODS.has(method)) {
        add(`${initName}.${method}(...) is not a method of Nakama's initializer: start-up fails with a TypeError${at(stmt)}`);
        continue;
      }
      if (method === 'getConfig') continue;
      const args = call.arguments;
      const ctx = {
        source, add, topLevel, registrations, handlerFns, hijackers, resolveId, checkHandler, checkHijack, noteDuplicate,
      };

      if (ID_FN_METHODS.has(method)) {
        checkIdFnCall(ctx, method, args, stmt, inTry);
        continue;
      }

      if (SINGLE_FN_METHODS.has(method)) {
        checkSingleFnCall(ctx, method, args, stmt);
        continue;
      }

      if (method === 'registerMatch') {
        checkMatchCall(ctx, args, stmt);
        continue;
      }

      if (method === 'registerStorageIndex') {
        registrations.other.push({ method, id: isStringLiteral(args[0]) ? args[0].value : null, fn: null });
      }
    }
    checkUnseenInInit(source, add, initFn, initName, seenCalls);
  }
  return handlerFns;
}

module.exports = { checkInitRegistrations };
