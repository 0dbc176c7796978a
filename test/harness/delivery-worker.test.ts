import { QUIZ_RULES } from '../../matches/quiz/rules';
import { Harness } from '../../tools/harness';
import { storedRecord } from '../../tools/replay';
import { answerUntilOver, startDuel, STEPPED } from '../support/harness-duel';
import { matchResult } from '../support/quiz';

/**
 * The delivery worker (matches/shared/delivery-worker.ts): a match hands its due events to the
 * node's worker, which applies them on its own ticks. The harness steps one match at a time, so
 * these tests step the worker beside the duel, or leave it stalled.
 */
async function duel(env: { [key: string]: string }, stepWorker: (worker: ReturnType<Harness['match']>, over: boolean, h: Harness) => void) {
  const h = await Harness.load('bundle/index.js', { seed: 'worker', env });
  const { alice, bob, match, matchId } = startDuel(h);
  const workers = h.matchIds().filter((id) => id !== matchId);
  const worker = workers.length === 1 ? h.match(workers[0]) : null;
  const ledgers = () => h.ledger(alice).length + h.ledger(bob).length;
  let ledgerAtResult: number | null = null;
  let afterWorker = ledgers();
  /** Ticks of the duel during which a reward was stored (the worker's ticks are not counted). */
  let grantingMatchTicks = 0;
  answerUntilOver(match, alice, bob, () => {
    if (ledgers() > afterWorker) grantingMatchTicks++;
    const over = match.ended || JSON.parse(match.signal('state')).phase === 'ended';
    if (worker && !worker.ended) stepWorker(worker, over, h);
    afterWorker = ledgers();
    if (ledgerAtResult === null && matchResult(match.received(alice))) ledgerAtResult = h.ledger(alice).length;
  });
  const reasons = (userId: string) => h.ledger(userId).map((l) => String(l.metadata.reason)).sort();
  return { h, match, matchId, alice, worker, grantingMatchTicks, record: storedRecord(h, matchId)!, ledgerAtResult, reasons: { alice: reasons(alice), bob: reasons(bob) } };
}

describe('the delivery worker', () => {
  test('a match creates the worker; the worker applies its events, the result waits for them, every reward is granted once, as when the match delivers itself', async () => {
    const itself = await duel(STEPPED, () => undefined);
    expect(itself.worker).toBeNull();
    const handed = await duel({}, (worker) => worker.tick());
    expect(handed.worker).not.toBeNull();
    for (const run of [itself, handed]) {
      expect(run.match.ended).toBe(true);
      expect(run.record).toMatchObject({ ending: 'over' });
      expect(run.ledgerAtResult).toBe(run.h.ledger(run.alice).length);
    }
    expect(handed.reasons).toEqual(itself.reasons);
    expect(handed.reasons.alice.length).toBeGreaterThanOrEqual(3);
    // The duel's own ticks stored no reward: the worker's did.
    expect(handed.grantingMatchTicks).toBe(0);
    expect(handed.record.loop_ms).toMatchObject({ handed: handed.record.loop_ms.events });
    expect(itself.record.loop_ms.handed).toBe(0);
    expect(itself.grantingMatchTicks).toBeGreaterThan(0);
    expect(handed.record.final_state_hash).toBe(itself.record.final_state_hash);
    // The worker keeps running, idle, for the next matches.
    expect(handed.worker!.ended).toBe(false);
    itself.h.dispose();
    handed.h.dispose();
  });

  test('the result is heard only after the worker applied the last events; a match whose worker stalls delivers them itself', async () => {
    // The worker ticks until the duel is over, then stalls.
    const stalled = await duel({}, (worker, over) => {
      if (!over) worker.tick();
    });
    expect(stalled.match.ended).toBe(true);
    expect(stalled.ledgerAtResult).toBe(stalled.h.ledger(stalled.alice).length);
    // Settled by the match itself, once the worker had made no progress for 10 s.
    expect(stalled.record.settled_tick - stalled.record.end_tick).toBeGreaterThanOrEqual(10 * QUIZ_RULES.tickRate);
    expect(stalled.grantingMatchTicks).toBeGreaterThan(0);
    const itself = await duel(STEPPED, () => undefined);
    expect(stalled.reasons).toEqual(itself.reasons);
    stalled.h.dispose();
    itself.h.dispose();
  });

  test("a delivery that fails in the worker is not confirmed: the worker serves it again a second later, and nothing is granted twice", async () => {
    let failed = false;
    const retried = await duel({}, (worker, over, h) => {
      if (over && !failed) {
        failed = true;
        h.failNext('multiUpdate');
      }
      worker.tick();
    });
    expect(failed).toBe(true);
    expect(retried.match.ended).toBe(true);
    expect(retried.grantingMatchTicks).toBe(0);
    expect(retried.ledgerAtResult).toBe(retried.h.ledger(retried.alice).length);
    const itself = await duel(STEPPED, () => undefined);
    expect(retried.reasons).toEqual(itself.reasons);
    retried.h.dispose();
    itself.h.dispose();
  });
});
