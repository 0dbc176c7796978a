'use strict';
/**
 * Assembles the in-context shim source: one function expression that, given the host ivm.Callback, returns the
 * shim API object (kept by the host as a Reference, never stored on globalThis).
 * @module
 */
const { GO_VALUE_SOURCE } = require('../go-value');
const { NK_FUNCTIONS, HOOK_APIS, SINGLE_FN_REGISTRATIONS, MATCH_HANDLERS } = require('../nakama-names');
const { shimCore } = require('./core');
const { shimNk } = require('./nk');
const { shimCalls } = require('./calls');
const { shimMatch } = require('./match');

const SHIM_SOURCE = `(function harnessShim(hostCallback) {
'use strict';
const NK_NAMES = ${JSON.stringify(NK_FUNCTIONS)};
const HOOK_APIS = ${JSON.stringify(HOOK_APIS)};
const SINGLE_FN_REGISTRATIONS = ${JSON.stringify(SINGLE_FN_REGISTRATIONS)};
const MATCH_HANDLERS = ${JSON.stringify(MATCH_HANDLERS)};
${GO_VALUE_SOURCE}
const api = {};
(${shimCore.toString()})(api, hostCallback);
(${shimNk.toString()})(api);
(${shimCalls.toString()})(api);
(${shimMatch.toString()})(api);
return api;
})`;

module.exports = { SHIM_SOURCE };
