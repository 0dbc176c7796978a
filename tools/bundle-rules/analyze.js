'use strict';
/**
 * Runs every rule over a bundle, in the order their violations are reported, and collects the
 * registrations Nakama would read.
 */
const { DEFAULT_ECMA_VERSION } = require('./constants');
const { checkSyntax } = require('./syntax');
const { ScopeWalker } = require('./scope');
const { topLevelBindings } = require('./top-level');
const { checkFreeGlobals } = require('./free-globals');
const { findInitModule } = require('./init-module');
const { checkMinifiedNames } = require('./naming');
const { checkInitRegistrations } = require('./init-registrations');
const { checkOutsideInit } = require('./unseen-registrations');
const { checkFrozenGlobals } = require('./frozen-globals');

/**
 * @param {string} source the bundle text
 * @param {{ecmaVersion?: number}} [options]
 * @returns {{ violations: string[], registrations: object, program: object|null }}
 */
function analyze(source, options) {
  const opts = options || {};
  const ecmaVersion = opts.ecmaVersion || DEFAULT_ECMA_VERSION;
  const violations = [];
  const add = (msg) => violations.push(msg);
  const registrations = { rpcs: {}, rtBefore: {}, rtAfter: {}, matches: {}, matchmakerMatched: null, other: [] };

  if (typeof source !== 'string') throw new TypeError('checkBundle(source): source must be a string');

  // Rule 1: a plain ES script (syntax.js).
  const program = checkSyntax(source, ecmaVersion, add);
  if (!program) return { violations, registrations, program: null };

  const walker = new ScopeWalker(program);
  const topLevel = topLevelBindings(program);

  checkFreeGlobals(walker, add); // Rule 2
  const { initFn, initName } = findInitModule(program, add); // Rule 3
  checkMinifiedNames(program, initFn, add); // Rule 9
  const handlerFns = checkInitRegistrations({ source, add, topLevel, registrations, initFn, initName });
  checkOutsideInit(source, add, program, initFn, initName); // Rule 4 (outside InitModule)
  checkFrozenGlobals(source, add, walker, topLevel, handlerFns);

  return { violations, registrations, program };
}

module.exports = { analyze };
