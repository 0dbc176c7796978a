import { OP, type RejectedMessage } from '../../matches/quiz/protocol';
import { playDuel, loadHarness } from '../support/harness-duel';
import { decode, matchResult, questions, QUIZVERSE_ID } from '../support/quiz';

/** The walking-skeleton flow on the built bundle in the harness (the real-server twin is test/integration/quiz-duel.test.ts). */
describe('QuizVerse duel in the harness', () => {
  test('the correct answerer wins, unlocks first_correct_answer and gets 50 coins exactly once', async () => {
    const h = await loadHarness();
    const { alice, bob, matchId, match } = playDuel(h);
    expect(match.ended).toBe(true);
    expect(match.error).toBeNull();

    const result = matchResult(match.received(alice))!;
    expect(result.winner).toBe(alice);
    expect(result.standings.map((s) => [s.userId, s.placement, s.correctAnswers])).toEqual([[alice, 1, 5], [bob, 2, 0]]);
    expect(questions(match.received(bob)).map((q) => q.questionId)).toEqual(questions(match.received(alice)).map((q) => q.questionId));
    const rejected = match.received(bob).filter((m) => m.opCode === OP.REJECTED).map((m) => decode<RejectedMessage>(m.data).reason);
    expect(rejected).toEqual(['payload is not valid msgpack', 'round: must be an integer']);

    const overview = JSON.parse(h.rpc('player_overview', { game_id: QUIZVERSE_ID }, { userId: alice }));
    expect(overview.wallet).toEqual({ coins: 50 });
    expect(overview.achievements[0]).toMatchObject({ id: 'first_correct_answer', unlocked: true, progress: 1 });
    expect(h.ledger(alice).map((i) => [i.changeset, i.metadata.reason])).toEqual([[{ [`${QUIZVERSE_ID}:coins`]: 50 }, 'achievement:first_correct_answer']]);
    expect(h.ledger(alice)[0].metadata.source_id).toContain(matchId);
    expect(h.notifications.filter((n) => n.userId === alice).map((n) => [n.code, n.subject, n.persistent])).toEqual([[100, 'Achievement unlocked: First Correct Answer', true]]);
    expect(h.wallet(bob)).toEqual({});
    h.dispose();
  });

  test('the same harness seed replays the same match: questions, choice order and scores', async () => {
    const runs = await Promise.all(['same', 'same', 'other'].map(async (seed) => {
      const h = await loadHarness(seed);
      const { alice, match } = playDuel(h);
      const out = { questions: questions(match.received(alice)), result: matchResult(match.received(alice))!.standings.map((s) => s.score) };
      h.dispose();
      return out;
    }));
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[2].questions.map((q) => q.questionId)).not.toEqual(runs[0].questions.map((q) => q.questionId));
  });

  test('a plugin failure after the grant is logged with plugin and event and the match goes on', async () => {
    const h = await loadHarness();
    h.failNext('notificationSend');
    const { alice, match } = playDuel(h);
    expect(match.error).toBeNull();
    expect(matchResult(match.received(alice))!.winner).toBe(alice);
    expect(h.logs.filter((l) => l.level === 'error').map((l) => l.message)).toEqual([
      expect.stringMatching(/^plugin achievements failed on event .+:\d+ \(answer_correct\): injected failure: nk.notificationSend$/),
    ]);
    expect(h.wallet(alice)).toEqual({ [`${QUIZVERSE_ID}:coins`]: 50 });
    h.dispose();
  });

  test('a failed grant transaction leaves nothing behind, and the next correct answer grants once', async () => {
    const h = await loadHarness();
    h.failNext('multiUpdate');
    const { alice, match } = playDuel(h);
    expect(match.ended).toBe(true);
    const [first] = h.logs.filter((l) => l.level === 'error');
    expect(first.message).toMatch(/plugin achievements failed on event .+:1 \(answer_correct\): injected failure: nk.multiUpdate/);
    // Event 1's delivery failed as a whole (no document, no coins); event 3, alice's next correct
    // answer (event 2 is bob's wrong one), unlocked it, once. Redelivery of failed events: issue 5.
    expect(h.ledger(alice)).toHaveLength(1);
    expect(h.ledger(alice)[0].metadata.source_id).toMatch(/:3\/first_correct_answer$/);
    expect(h.wallet(alice)).toEqual({ [`${QUIZVERSE_ID}:coins`]: 50 });
    h.dispose();
  });
});
