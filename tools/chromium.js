'use strict';
/**
 * Finds Debian's Chromium for the browser tests (test/harness/replay-page.test.ts drives it with
 * playwright-core), installing the `chromium` package with apt-get when it is missing and we are
 * root. Called by tools/test.js before jest starts.
 */
const fs = require('fs');
const { aptInstall, canAptInstall } = require('./apt');

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The Chromium binary, or null. CHROMIUM_PATH overrides. */
function findChromium() {
  if (process.env.CHROMIUM_PATH) return fs.existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  return CANDIDATES.find((p) => fs.existsSync(p)) || null;
}

/** The Chromium binary, installed first if needed; throws with what to do when it cannot be. */
function ensureChromium(log = (m) => console.log(`[chromium] ${m}`)) {
  const found = findChromium();
  if (found) return found;
  if (!canAptInstall()) throw new Error('Chromium is missing for the browser tests: install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH');
  log('missing: apt-get install -y chromium (root, one time)');
  aptInstall('chromium');
  const installed = findChromium();
  if (!installed) throw new Error('apt-get installed chromium but no binary is at /usr/bin/chromium');
  return installed;
}

/** The flags the browser tests start it with (headless, as root, no GPU, no background traffic). */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

module.exports = { findChromium, ensureChromium, CHROMIUM_ARGS };
