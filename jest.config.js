// Three layers, fast to real. `npm test` (tools/test.js) builds the bundle, starts a private Nakama
// and runs them all; the integration layer fails loudly when no server is configured.
const tsJest = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: { warnOnly: false } }] };
module.exports = {
  // Integration tests play whole matches on a real server.
  testTimeout: 60000,
  // nakama-js races every HTTP call against a 7 s timer it never clears; without this, each run
  // idles until the last of those timers fires.
  forceExit: true,
  projects: [
    { displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'], transform: tsJest, testEnvironment: 'node' },
    { displayName: 'harness', testMatch: ['<rootDir>/test/harness/**/*.test.ts'], transform: tsJest, testEnvironment: 'node' },
    { displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'], transform: tsJest, testEnvironment: 'node' },
  ],
};
