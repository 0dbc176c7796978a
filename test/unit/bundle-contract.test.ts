import * as fs from 'fs';
import * as path from 'path';
import { checkBundle, listRegistrations } from '../../tools/bundle-rules';

// The built bundle must satisfy the rules Nakama applies when it loads it (tools/bundle-rules/).
// The test runner builds it first (`node_modules/.bin/rollup -c`); a missing bundle is a failure.
const BUNDLE = path.resolve(__dirname, '../../bundle/index.js');

function readBundle(): string {
  if (!fs.existsSync(BUNDLE)) {
    throw new Error('bundle/index.js missing: run npm run build');
  }
  return fs.readFileSync(BUNDLE, 'utf8');
}

describe('bundle/index.js contract', () => {
  it('exists', () => {
    expect(() => readBundle()).not.toThrow();
  });

  it('violates none of the Nakama loading rules', () => {
    expect(checkBundle(readBundle())).toEqual([]);
  });

  it('registers RPCs, the quiz match, the matchmaker hook and the MatchmakerAdd before-hook from InitModule', () => {
    const regs = listRegistrations(readBundle());

    const rpcIds = Object.keys(regs.rpcs);
    expect(rpcIds.length).toBeGreaterThanOrEqual(1);
    for (const id of rpcIds) expect(regs.rpcs[id]).toMatch(/^[A-Za-z_$][\w$]*$/);

    expect(Object.keys(regs.matches)).toContain('quiz');
    expect(Object.keys(regs.matches.quiz).sort()).toEqual(
      ['matchInit', 'matchJoin', 'matchJoinAttempt', 'matchLeave', 'matchLoop', 'matchSignal', 'matchTerminate'],
    );

    expect(regs.matchmakerMatched).toMatch(/^[A-Za-z_$][\w$]*$/);

    expect(Object.keys(regs.rtBefore)).toContain('MatchmakerAdd');
    expect(regs.rtBefore.MatchmakerAdd).toMatch(/^[A-Za-z_$][\w$]*$/);
  });
});
