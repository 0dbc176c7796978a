import fs from 'fs';
import { matchResult, QUIZVERSE_ID } from '../support/quiz';
import { startFaultServer, type FaultServer } from './support/fault-server';
import { connectPlayer, rpc, rpcError, serverRpc, walletLedger, type Player } from './support/nakama';
import { matchDuel, playAnswering, roundResults } from './support/quiz-bots';

/**
 * PostgreSQL refusing connections in the middle of a match (docs/faults.md), on a Nakama of this
 * test's own whose database connection runs through a proxy the test cuts: every open connection
 * is closed and new ones are refused for OUTAGE_MS, then it comes back. The duel must go on, its
 * plugin deliveries wait and are applied once the database is back, nothing lost and nothing
 * doubled, and RPCs answer UNAVAILABLE meanwhile.
 */
const OUTAGE_MS = 4000;
const G = { game_id: QUIZVERSE_ID };


describe('PostgreSQL refusing connections during a match', () => {
  let s: FaultServer;
  let alice: Player;
  let bob: Player;

  beforeAll(async () => {
    s = await startFaultServer('db_outage');
    [alice, bob] = await Promise.all([connectPlayer('alice', s), connectPlayer('bob', s)]);
  });
  afterAll(async () => {
    alice?.close();
    bob?.close();
    await s?.stop();
  });

  test('the duel goes on; RPCs answer UNAVAILABLE; once the database is back every delivery is applied exactly once', async () => {
    const matchId = await matchDuel(alice, bob);
    await Promise.all([playAnswering(alice, matchId, true), playAnswering(bob, matchId, false)]);
    await alice.until(() => (roundResults(alice).length >= 1 ? true : undefined), 'round 1');

    await s.proxy.block();
    const blockedAt = Date.now();
    const during = await rpcError(rpc(alice, 'player_overview', G));
    // Rounds go on while the database is away: questions and results keep arriving.
    await alice.until(() => (roundResults(alice).length >= 3 ? true : undefined), 'rounds 2 and 3 during the outage', OUTAGE_MS + 10000);
    const roundsDuringOutage = roundResults(alice).length - 1;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - blockedAt))));
    await s.proxy.unblock();
    const back = Date.now();

    expect(during).toMatchObject({ status: 503, code: 14, message: 'UNAVAILABLE: the database is unreachable for a moment; retry shortly' });
    let firstAnswer = 0;
    for (;;) {
      try {
        await rpc(alice, 'player_overview', G);
        firstAnswer = Date.now() - back;
        break;
      } catch (error) {
        if ((error as Response).status !== 503) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }

    const result = await alice.until(() => matchResult(alice.matchData), 'the match result', 30000);
    expect(result.winner).toBe(alice.userId);
    expect(roundResults(alice).map((r) => r.round)).toEqual([1, 2, 3, 4, 5]);
    // Everything the duel grants, once: as the same duel grants without an outage (quiz-duel.test.ts).
    const overview = async (p: Player) => {
      for (let i = 0; i < 100; i++) {
        const view = await rpc<any>(p, 'player_overview', G);
        if (view.ratings.duel.games === 1) return view;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('the match end was never applied');
    };
    const [aliceView, bobView] = [await overview(alice), await overview(bob)];
    const settled = Date.now() - back;
    expect(aliceView.wallet).toEqual({ coins: 75, xp: 50 });
    expect(aliceView.ratings.duel).toEqual({ rating: 1520, games: 1 });
    expect(bobView.ratings.duel).toEqual({ rating: 1480, games: 1 });
    const progress = (view: any, id: string) => view.achievements.filter((a: any) => a.id === id)[0].progress;
    expect(progress(aliceView, 'quizmaster_100')).toBe(5); // every correct answer counted once, those of the outage too
    const ledger = await walletLedger(alice.userId, s);
    const sources = ledger.map((l) => String(l.metadata.source_id));
    expect(new Set(sources).size).toBe(sources.length);
    expect(ledger.filter((l) => l.metadata.reason === 'achievement:first_correct_answer')).toHaveLength(1);
    for (const p of [alice, bob]) expect((await rpc<any>(p, 'matchmaking_get_match_history', G)).entries).toHaveLength(1);
    const record = await serverRpc<any>('match_record_get', { match_id: matchId }, s);
    expect(record).toMatchObject({ ending: 'over', final_state_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(record.events.filter((e: { type: string }) => e.type === 'answer_correct')).toHaveLength(5);

    const log = fs.readFileSync(s.logFile, 'utf8');
    const waited = (log.match(/the database is unreachable for event/g) || []).length;
    expect(waited).toBeGreaterThan(0);
    expect(log).not.toMatch(/gave up on event/);
    expect(log).not.toMatch(/"msg":"rpc player_overview failed/);
    console.log(`[faults] database outage of ${OUTAGE_MS} ms during a duel: ${roundsDuringOutage} rounds played meanwhile, ${waited} deliveries waited; ` +
      `RPCs answered again ${firstAnswer} ms after it was back, the match end applied ${settled} ms after; grants ${ledger.length} ledger entries, each once`);
  }, 90000);
});
