import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const tsc = path.join(ROOT, 'node_modules', '.bin', 'tsc');

// `npm run typecheck`: the module against Nakama's official runtime typings, and the tests, the
// benchmarks and the client package (test/unit/client-typing.test.ts holds its compile-time checks).
describe('npm run typecheck', () => {
  for (const project of ['tsconfig.json', 'tsconfig.test.json']) {
    test(`tsc -p ${project} reports no error`, () => {
      const res = spawnSync(tsc, ['--noEmit', '-p', project], { cwd: ROOT, encoding: 'utf8' });
      expect(res.stdout + res.stderr).toBe('');
      expect(res.status).toBe(0);
    }, 120000);
  }
});
