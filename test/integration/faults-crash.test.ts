import { execFile } from 'child_process';
import { matchResult, QUIZVERSE_ID } from '../support/quiz';
import { startFaultServer, type FaultServer } from './support/fault-server';
import { connectPlayer, rpc, serverRpc, walletLedger, type Player } from './support/nakama';
import { matchDuel, playAnswering, roundResults } from './support/quiz-bots';

/**
 * Nakama killed with SIGKILL in the middle of a match (docs/faults.md), on a Nakama of this test's
 * own, then started again on the same database: every grant committed before stays, exactly once;
 * the interrupted match is found aborted, with no rating change and no history entry; the players
 * matchmake and play again.
 */
const G = { game_id: QUIZVERSE_ID };

describe('Nakama killed (SIGKILL) in the middle of a match', () => {
  let s: FaultServer;
  let alice: Player;
  let bob: Player;

  beforeAll(async () => {
    s = await startFaultServer('crash');
    [alice, bob] = await Promise.all([connectPlayer('alice', s), connectPlayer('bob', s)]);
  });
  afterAll(async () => {
    alice?.close();
    bob?.close();
    await s?.stop();
  });

  /** What each player owns, as they and an operator see it. */
  const snapshot = async () => {
    const of = async (p: Player) => ({
      overview: await rpc<any>(p, 'player_overview', G),
      history: await rpc<any>(p, 'matchmaking_get_match_history', G),
      ledger: await walletLedger(p.userId, s),
    });
    return { alice: await of(alice), bob: await of(bob) };
  };
  const sourcesOf = (ledger: { metadata: { source_id?: unknown } }[]) => ledger.map((l) => String(l.metadata.source_id));

  test('committed grants stay exactly once; the match is aborted without a rating change; the players play again', async () => {
    const first = await matchDuel(alice, bob);
    // Two rounds answered, then nobody answers: the kill comes while round 3 waits.
    await Promise.all([playAnswering(alice, first, true, 2), playAnswering(bob, first, false, 2)]);
    await alice.until(() => (roundResults(alice).length >= 2 ? true : undefined), 'round 2');
    // What rounds 1 and 2 granted is committed before the kill: the node's delivery worker applies
    // mid-match events within its tick after the delivery window (matches/shared/outbox.ts), so wait for it (at most 5 s).
    const answered = (o: any) => o.achievements.find((a: any) => a.id === 'quizmaster_100').progress; // correct answers counted
    let before = await snapshot();
    for (const waitUntil = Date.now() + 5000; answered(before.alice.overview) < 2 && Date.now() < waitUntil;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      before = await snapshot();
    }
    expect(answered(before.alice.overview)).toBe(2);
    expect(before.alice.overview.wallet.coins).toBe(50); // first_correct_answer
    expect(before.alice.overview.ratings.duel).toEqual({ rating: 1500, games: 0 });

    await s.kill();
    const restarting = Date.now();
    await s.start();
    const restartMs = Date.now() - restarting;

    const after = await snapshot();
    expect(after).toEqual(before);
    for (const p of [after.alice, after.bob]) expect(new Set(sourcesOf(p.ledger)).size).toBe(p.ledger.length);
    expect(after.alice.history.entries).toEqual([]);
    const record = await serverRpc<any>('match_record_get', { match_id: first }, s);
    expect(record).toMatchObject({ match_id: first, ending: 'aborted', final_state_hash: '', players: [{ userId: expect.any(String) }, { userId: expect.any(String) }] });
    expect(record.events.map((e: { type: string }) => e.type)).not.toContain('match_ended');
    // QA: the aborted record replays what was stored and says there is nothing to compare.
    // (Not spawnSync: this process runs the database proxy, which a blocked event loop would stop.)
    const cli = await new Promise<{ stdout: string; code: number | null }>((resolve) => {
      execFile(process.execPath, ['tools/replay.js', first], { encoding: 'utf8', timeout: 60000, env: { ...process.env, NAKAMA_PORT: s.port, NAKAMA_HTTP_KEY: s.httpKey } },
        (error, stdout) => resolve({ stdout, code: error ? (error as { code?: number }).code ?? null : 0 }));
    });
    expect(cli.stdout).toContain('MATCH ABORTED: no final state was recorded');
    expect(cli.code).toBe(3);

    // The players come back, are not held by their dead match, and play a whole duel.
    await Promise.all([alice.reconnect(), bob.reconnect()]);
    const second = await matchDuel(alice, bob);
    expect(second).not.toBe(first);
    const carol = await connectPlayer('carol', s);
    await expect(carol.socket.joinMatch(second)).rejects.toMatchObject({ message: 'you are not a player of this match' });
    carol.close();
    await Promise.all([playAnswering(alice, second, true), playAnswering(bob, second, false)]);
    expect((await alice.until(() => matchResult(alice.matchData), 'the second match result', 45000)).winner).toBe(alice.userId);
    let end = await snapshot();
    for (let i = 0; i < 50 && end.bob.overview.ratings.duel.games === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      end = await snapshot();
    }
    expect(end.alice.overview.ratings.duel).toEqual({ rating: 1520, games: 1 });
    expect(end.bob.overview.ratings.duel).toEqual({ rating: 1480, games: 1 });
    expect(end.alice.history.entries.map((e: { match_id: string }) => e.match_id)).toEqual([second]);
    expect(end.alice.overview.wallet).toEqual({ coins: 75, xp: 50 }); // first_correct_answer once (in the first match), Champion once
    const sources = sourcesOf(end.alice.ledger);
    expect(new Set(sources).size).toBe(sources.length);
    expect(sources).toEqual(expect.arrayContaining(sourcesOf(before.alice.ledger)));
    console.log(`[faults] SIGKILL in round 3 of a duel: ${before.alice.ledger.length + before.bob.ledger.length} ledger entries before, ` +
      `${after.alice.ledger.length + after.bob.ledger.length} after (the same); Nakama ready again ${restartMs} ms after the restart began; the match aborted, ratings unchanged`);
  }, 120000);
});
