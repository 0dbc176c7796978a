'use strict';
/**
 * Port checks and choices for Nakama (API, gRPC = API - 1, console).
 */
const net = require('net');

/**
 * True if nothing listens on the port on any interface (Nakama binds all interfaces).
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function isPortFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * Throws "port N is taken: stop the other Nakama or set ENV" when the port is in use.
 * @param {number} port
 * @param {string} [envName] the variable that moves this port
 */
async function assertPortFree(port, envName = 'NAKAMA_PORT') {
  if (!(await isPortFree(port))) {
    throw new Error(`port ${port} is taken: stop the other Nakama or set ${envName}`);
  }
}

/**
 * A random port that is free now, below the kernel's ephemeral range (32768 and up on Linux): a port
 * the kernel hands out (port 0) is released after the probe and may be given to the next outgoing
 * connection before Nakama binds it ("bind: address already in use", seen with two test servers).
 * @returns {Promise<number>}
 */
async function freeFixedPort() {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    if (await isPortFree(port)) return port;
  }
  throw new Error('no free port between 20000 and 32000');
}

/**
 * Picks free ports for a private Nakama: api and api-1 (gRPC, derived by Nakama), console and metrics.
 * @returns {Promise<{ grpc: number, api: number, console: number, metrics: number }>}
 */
async function freeNakamaPorts() {
  for (let attempt = 0; attempt < 50; attempt++) {
    const api = await freeFixedPort();
    if (!(await isPortFree(api - 1))) continue;
    const consolePort = await freeFixedPort();
    if (consolePort === api || consolePort === api - 1) continue;
    const metrics = await freeFixedPort();
    if ([api, api - 1, consolePort].indexOf(metrics) >= 0) continue;
    return { grpc: api - 1, api, console: consolePort, metrics };
  }
  throw new Error('could not find free ports for Nakama');
}

/**
 * Reads a port number from the environment.
 * @param {string} name
 * @param {number} fallback
 */
function portFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 2 || port > 65535) throw new Error(`${name}=${raw} is not a valid port`);
  return port;
}

module.exports = { isPortFree, assertPortFree, freeNakamaPorts, portFromEnv };
