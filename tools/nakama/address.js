'use strict';
/**
 * Nakama database addresses (`user[:pass]@host:port[/db][?params]`): database name and redaction.
 */

/**
 * Replaces the database name in a Nakama address.
 * @param {string} address `user[:pass]@host:port[/db][?params]`
 * @param {string} dbName
 */
function withDatabaseName(address, dbName) {
  const url = new URL(`postgres://${address}`);
  url.pathname = `/${dbName}`;
  return url.toString().slice('postgres://'.length);
}

/** @param {string} address @returns {string} */
function databaseNameOf(address) {
  return decodeURIComponent(new URL(`postgres://${address}`).pathname.slice(1));
}

/** Hides a password in a Nakama address for printing. @param {string} address */
function redact(address) {
  return address.replace(/^([^:@/]+):[^@]*@/, '$1:***@');
}

module.exports = { withDatabaseName, databaseNameOf, redact };
