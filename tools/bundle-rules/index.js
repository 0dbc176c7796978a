'use strict';
/**
 * Static contract for the bundle Nakama 3.40 loads (bundle/index.js).
 *
 * Nakama does not execute registrations the way they read: it parses the file with goja, finds
 * InitModule in the syntax tree and, for every initializer.registerX(...) call, searches InitModule's
 * statements for the matching call to learn the NAME of the global function to run later in other
 * VMs. These checks reproduce those rules. Sources (nakama/v3@v3.40.0/server):
 *   runtime_javascript.go       1855-1856 goja.Parse + goja.Compile(..., strict=true)
 *                               2487-2491 r.Get("InitModule") must be a function
 *                               1757-1760, runtime_javascript_match_core.go 88-92: pool and match VMs
 *                               run only the top level, then freezeGlobalObject (2514-2527; config.go
 *                               1190 js_read_only_globals defaults to true)
 *                               194, 255, ... r.vm.Get(jsFn): handlers are looked up by name later
 *   runtime_javascript_init.go  1280-1305 getInitModuleFn (1298 >= 4 params, 1302 4th param identifier)
 *                               466-507 getRegisteredFnIdentifier (469 try recursion hard-codes
 *                               registerRpc, 479 callee.Left.(*ast.Identifier), 482 r.Get(id).String())
 *                               1307-1334 getHookFnIdentifier, 1422-1460 getRtHookFnIdentifier,
 *                               1669-1829 registerMatch, 1843-1912 getMatchHookFnIdentifier,
 *                               1914-1919 checkFnScope (global OBJECT, so not let/const/class)
 *                               426, 1360, 1396 ids are lowercased
 *   pipeline.go                 86-143 realtime messages that pass through before/after hooks
 * Verified against goja v0.0.0-20260701091749-b07b74453ea9 (the version Nakama 3.40 pins): quoted
 * object keys keep their quotes in StringLiteral.Literal; Runtime.Get sees top-level let/const but
 * GlobalObject().Get does not; import(), `for await` and async generators do not parse.
 *
 * Layout: analyze.js runs the rules in order; syntax.js (rule 1), free-globals.js (rule 2),
 * init-module.js (rule 3), init-registrations.js with handler-args.js, register-calls.js and
 * register-match.js (the registration statements), unseen-registrations.js (rule 4),
 * naming.js (rule 9), frozen-globals.js; scope.js and guards.js hold the scope analysis,
 * ast.js the syntax-tree helpers and constants.js the initializer's methods and goja's globals.
 */
const { analyze } = require('./analyze');
const { MATCH_KEYS, RT_HOOK_MESSAGES, REGISTER_METHODS } = require('./constants');

/**
 * Check a bundle against the rules Nakama 3.40 applies when loading it.
 * @param {string} source the bundle text
 * @param {{ecmaVersion?: number}} [options] ecmaVersion to parse with (default 2020)
 * @returns {string[]} human-readable violations; empty when the bundle is fine
 */
function checkBundle(source, options) {
  return analyze(source, options).violations;
}

/**
 * The registrations Nakama would read from InitModule (only the ones it can see).
 * Throws if the source does not parse.
 */
function listRegistrations(source, options) {
  const res = analyze(source, options);
  if (!res.program) throw new Error(res.violations[0]);
  return res.registrations;
}

module.exports = {
  checkBundle,
  listRegistrations,
  MATCH_KEYS,
  RT_HOOK_MESSAGES,
  REGISTER_METHODS: [...REGISTER_METHODS],
};
