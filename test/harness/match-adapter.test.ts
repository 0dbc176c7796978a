import { pack } from 'msgpackr';
import { OP, type RejectedMessage } from '../../matches/quiz/protocol';
import { replay, storedRecord } from '../../tools/replay';
import { loadHarness, startDuel } from '../support/harness-duel';
import { decode } from '../support/quiz';



describe('the shared match adapter', () => {
  test('messages over the per-second cap are refused with a rejection and never reach the rules', async () => {
    const h = await loadHarness();
    const { alice, match } = startDuel(h);
    for (let i = 0; i < 7; i++) match.send(alice, OP.ANSWER, new Uint8Array(pack({ round: 99, choice: 0 })));
    match.tick();
    const reasons = match.received(alice).filter((m) => m.opCode === OP.REJECTED).map((m) => decode<RejectedMessage>(m.data).reason);
    // Cap refusals go out as the loop reads the messages; the rules' own refusals after their step.
    expect(reasons.slice().sort()).toEqual([
      'rate limit: at most 5 messages per second',
      'rate limit: at most 5 messages per second',
      ...Array(5).fill('round: answer for round 99 but round 1 is open'),
    ]);
    h.dispose();
  });

  test('a match terminated early stores its record, and the replay reproduces it', async () => {
    const h = await loadHarness('terminate');
    const { alice, matchId, match } = startDuel(h);
    match.tick(3);
    match.send(alice, OP.ANSWER, new Uint8Array(pack({ round: 1, choice: 2 })));
    match.tick(2);
    match.terminate();
    const record = storedRecord(h, matchId)!;
    expect(record).toMatchObject({ ending: 'terminated', end_tick: 5, chunks: 1 });
    expect(record.log).toEqual([
      { tick: 0, join: [alice] },
      { tick: 0, join: [expect.any(String)] },
      { tick: 3, messages: [[0, OP.ANSWER, { round: 1, choice: 2 }]] }, // the sender by its index in players
    ]);
    expect(record.players[0].userId).toBe(alice);
    const replayed = await replay(record);
    expect(replayed.final_state_hash).toBe(record.final_state_hash);
    h.dispose();
  });

  test('a replay with a changed input log reports a different final state', async () => {
    const h = await loadHarness('tamper');
    const { alice, matchId, match } = startDuel(h);
    match.tick();
    match.send(alice, OP.ANSWER, new Uint8Array(pack({ round: 1, choice: 0 })));
    match.tick();
    match.terminate();
    const record = storedRecord(h, matchId)!;
    // An answer to a round that is not open is refused, so the player never answered round 1.
    record.log.find((e: { messages?: unknown }) => e.messages).messages[0][2] = { round: 2, choice: 0 };
    expect((await replay(record)).final_state_hash).not.toBe(record.final_state_hash);
    h.dispose();
  });
});
