'use strict';
/**
 * Child-process and HTTP helpers for running Nakama: collect output, wait for exit, poll readiness.
 */
const http = require('http');
const { spawn } = require('child_process');

/**
 * Runs a command to completion, collecting its combined output.
 * @returns {Promise<{ code: number|null, output: string }>}
 */
function runCollect(cmd, args, options) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('error', (err) => resolve({ code: null, output: `${output}${err.message}` }));
    child.once('close', (code) => resolve({ code, output }));
  });
}

/** @param {string} text @param {number} n */
function lastLines(text, n) {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}

/**
 * Resolves true when the child exits within ms, false otherwise.
 * @param {import('child_process').ChildProcess} child
 * @param {number} ms
 */
function waitForExit(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    // 'close' rather than 'exit': it also waits until piped output is drained, so the last
    // log lines ("Shutdown complete") are printed before we move on or exit.
    child.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Status code of GET url, or 0 on connection errors.
 * @param {string} url
 * @returns {Promise<number>}
 */
function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode || 0);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(0));
  });
}

/** Sends a signal if the child still runs and waits for it to exit. */
async function waitForExitAfter(child, signal, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  child.kill(signal);
  return waitForExit(child, ms);
}

/**
 * Polls GET url until it answers 200; rejects if the process exits or time runs out.
 * @param {import('child_process').ChildProcess} child
 * @param {string} url
 * @param {number} timeoutMs
 */
async function waitUntilReady(child, url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Nakama exited during start-up (code ${child.exitCode}, signal ${child.signalCode})`);
    }
    if ((await httpStatus(url)) === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Nakama did not answer 200 on ${url} within ${timeoutMs / 1000} s`);
}

module.exports = { runCollect, lastLines, waitForExit, waitForExitAfter, httpStatus, waitUntilReady };
