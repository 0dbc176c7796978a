import { Harness } from '../../tools/harness';
import { storedRecord } from '../../tools/replay';
import { answerUntilOver, startDuel, STEPPED } from '../support/harness-duel';
import { matchResult } from '../support/quiz';

/**
 * The per-tick delivery budget (matches/shared/match-adapter.ts): a match end's plugin deliveries
 * spread over as many ticks as they need. The harness clock does not move inside a tick, so the
 * budget is set to 0 here (one plugin call per tick): the most spread-out end there can be.
 */
async function playedDuel(env: { [key: string]: string }, bobDelayTicks = 0) {
  const h = await Harness.load('bundle/index.js', { seed: 'budget', env: { ...STEPPED, ...env } });
  const { alice, bob, match, matchId } = startDuel(h);
  h.takeNkCalls();
  // Play until alice hears the result (or the match ends), noting what her ledger held then.
  let ledgerAtResult: number | null = null;
  answerUntilOver(match, alice, bob, () => {
    if (ledgerAtResult === null && matchResult(match.received(alice))) ledgerAtResult = h.ledger(alice).length;
  }, bobDelayTicks);
  const reasons = (userId: string) => h.ledger(userId).map((l) => String(l.metadata.reason)).sort();
  const transactions = h.takeNkCalls().multiUpdate || 0;
  return { h, match, transactions, record: storedRecord(h, matchId)!, ledgerAtResult, reasons: { alice: reasons(alice), bob: reasons(bob) }, aliceLedger: h.ledger(alice).length };
}

describe('the delivery budget', () => {
  test("a match end's deliveries spread over ticks; the result waits for its rewards; every reward is granted once, as without a budget", async () => {
    const whole = await playedDuel({});
    const spread = await playedDuel({ LIVE_GAMES_DELIVERY_BUDGET_MS: '0' });
    for (const run of [whole, spread]) {
      expect(run.match.ended).toBe(true);
      expect(run.record).toMatchObject({ ending: 'over' });
      // Heard only once every reward of the match was stored.
      expect(run.ledgerAtResult).toBe(run.aliceLedger);
    }
    expect(whole.record.settled_tick).toBe(whole.record.end_tick);
    expect(spread.record.end_tick).toBe(whole.record.end_tick);
    expect(spread.record.settled_tick).toBeGreaterThan(spread.record.end_tick + 5);
    expect(spread.reasons).toEqual(whole.reasons);
    expect(spread.reasons.alice.length).toBeGreaterThanOrEqual(3); // not a vacuous comparison
    expect(spread.record.final_state_hash).toBe(whole.record.final_state_hash);
    whole.h.dispose();
    spread.h.dispose();
  });

  test('mid-match events wait out the delivery window and are applied together: fewer transactions, the same rewards, the result still after them', async () => {
    // Bob answers each question half a second after alice, as players do.
    const windowed = await playedDuel({}, 5);
    const everyTick = await playedDuel({ LIVE_GAMES_DELIVERY_WINDOW_MS: '0' }, 5);
    expect(windowed.reasons).toEqual(everyTick.reasons);
    expect(windowed.reasons.alice.length).toBeGreaterThanOrEqual(3);
    expect(windowed.ledgerAtResult).toBe(windowed.aliceLedger);
    expect(windowed.record.final_state_hash).toBe(everyTick.record.final_state_hash);
    expect(windowed.transactions).toBeLessThan(everyTick.transactions * 0.75);
    windowed.h.dispose();
    everyTick.h.dispose();
  });
});
