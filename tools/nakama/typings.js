'use strict';
/**
 * Installs Nakama's official runtime typings (the `nakama-runtime` package) into .tools/types, where
 * tsconfig.json's typeRoots finds them. They ship inside the Go module github.com/heroiclabs/nakama-common,
 * at the version Nakama's own go.mod requires; `go mod download` fetches both modules (the Nakama build
 * downloads them anyway), and nothing of them is committed.
 *
 * Run as a script (`node tools/nakama/typings.js`) by `npm run typecheck`; rollup.config.js calls it
 * before every bundle build.
 */
const fs = require('fs');
const path = require('path');
const { ROOT, NAKAMA_VERSION, NAKAMA_MODULE, log } = require('./constants');
const { goModDownload } = require('./build');

const COMMON_MODULE = 'github.com/heroiclabs/nakama-common';
const TYPES_DIR = path.join(ROOT, '.tools', 'types', 'nakama-runtime');
/** The copied package names the Nakama version it was taken for, so a version change re-installs. */
const STAMP = path.join(TYPES_DIR, '.nakama-version');

/**
 * The nakama-common version a go.mod requires.
 * @param {string} goMod the go.mod text
 * @returns {string} e.g. 'v1.47.0'
 */
function requiredCommonVersion(goMod) {
  const found = new RegExp(`^\\s*(?:require\\s+)?${COMMON_MODULE.replace(/[.]/g, '\\.')}\\s+(v\\S+)`, 'm').exec(goMod);
  if (!found) throw new Error(`Nakama's go.mod does not require ${COMMON_MODULE}`);
  return found[1];
}

/**
 * Installs the typings unless the ones for this Nakama version are in place.
 * @returns {string} the folder holding index.d.ts
 */
function ensureRuntimeTypings() {
  if (fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === NAKAMA_VERSION) return TYPES_DIR;
  const nakama = goModDownload(`${NAKAMA_MODULE}@v${NAKAMA_VERSION}`);
  const version = requiredCommonVersion(fs.readFileSync(nakama.GoMod, 'utf8'));
  const common = goModDownload(`${COMMON_MODULE}@${version}`);
  fs.rmSync(TYPES_DIR, { recursive: true, force: true });
  fs.mkdirSync(TYPES_DIR, { recursive: true });
  for (const file of ['index.d.ts', 'package.json', 'LICENSE']) fs.copyFileSync(path.join(common.Dir, file), path.join(TYPES_DIR, file));
  fs.writeFileSync(STAMP, NAKAMA_VERSION);
  log(`installed nakama-runtime ${version} typings (${COMMON_MODULE}, as Nakama ${NAKAMA_VERSION} requires) into ${path.relative(ROOT, TYPES_DIR)}`);
  return TYPES_DIR;
}

module.exports = { ensureRuntimeTypings, requiredCommonVersion, RUNTIME_TYPES_DIR: TYPES_DIR };

if (require.main === module) ensureRuntimeTypings();
