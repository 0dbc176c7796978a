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

    // Alice's duel unlocks three achievements: her first correct answer (50 coins), a hidden one for
    // answering within a second (a badge) and the bronze tier of Champion for the win (25 coins, 50 xp).
    const overview = JSON.parse(h.rpc('player_overview', { game_id: QUIZVERSE_ID }, { userId: alice }));
    expect(overview.wallet).toEqual({ coins: 75, xp: 50 });
    expect(overview.achievements[0]).toMatchObject({ id: 'first_correct_answer', unlocked: true, progress: 1 });
    const ledger = h.ledger(alice).map((i) => [i.metadata.reason, i.changeset, i.metadata.items]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(ledger).toEqual([
      ['achievement:first_correct_answer', { [`${QUIZVERSE_ID}:coins`]: 50 }, undefined],
      ['achievement:quiz_champion/bronze', { [`${QUIZVERSE_ID}:coins`]: 25, [`${QUIZVERSE_ID}:xp`]: 50 }, undefined],
      ['achievement:speed_demon', {}, { badge_speed: 1 }],
    ]);
    expect(h.ledger(alice).every((i) => String(i.metadata.source_id).startsWith(matchId))).toBe(true);
    expect(h.storage(`${QUIZVERSE_ID}:inventory`, 'items', alice)!.value).toEqual({ items: { badge_speed: { count: 1, first_at: expect.any(Number) } } });
    expect(h.notifications.filter((n) => n.userId === alice).map((n) => [n.code, n.subject, n.persistent]).sort()).toEqual([
      [100, 'Achievement unlocked: Champion', true], [100, 'Achievement unlocked: First Correct Answer', true], [100, 'Achievement unlocked: Quick Draw', true],
    ]);
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

  test('a notification that fails after the grant is logged and the match goes on', async () => {
    const h = await loadHarness();
    h.failNext('notificationsSend');
    const { alice, match } = playDuel(h);
    expect(match.error).toBeNull();
    expect(matchResult(match.received(alice))!.winner).toBe(alice);
    expect(h.logs.filter((l) => l.level === 'error').map((l) => l.message)).toEqual([
      expect.stringMatching(new RegExp(`^achievements: could not notify ${alice} of \\d+ achievements: injected failure: nk.notificationsSend$`)),
    ]);
    expect(h.wallet(alice)).toEqual({ [`${QUIZVERSE_ID}:coins`]: 75, [`${QUIZVERSE_ID}:xp`]: 50 });
    h.dispose();
  });

  test('a failed transaction for a delivery\'s events leaves nothing behind; they are delivered again one at a time: granted once, not lost', async () => {
    const h = await loadHarness();
    h.failNext('multiUpdate');
    const { alice, match } = playDuel(h);
    expect(match.ended).toBe(true);
    expect(h.logs.filter((l) => l.level === 'error')).toEqual([]);
    expect(h.logs.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      'plugin achievements failed on a batch of 4 events (injected failure: nk.multiUpdate); delivering them one at a time',
    ]);
    // Event 2 (alice's first correct answer; 1 is match_started) unlocked it; later events found it unlocked.
    const firstAnswer = h.ledger(alice).filter((i) => i.metadata.reason === 'achievement:first_correct_answer');
    expect(firstAnswer).toHaveLength(1);
    expect(firstAnswer[0].metadata.source_id).toMatch(/:2\/first_correct_answer$/);
    expect(h.ledger(alice)).toHaveLength(3);
    expect(h.wallet(alice)).toEqual({ [`${QUIZVERSE_ID}:coins`]: 75, [`${QUIZVERSE_ID}:xp`]: 50 });
    h.dispose();
  });

  test('failing deliveries are retried with growing waits while the match goes on; it ends once they are delivered or given up; nothing is granted twice', async () => {
    const h = await loadHarness();
    // The first delivery's batch, then event 2 (the first answer) alone again and again (and whatever comes in between).
    for (let i = 0; i < 6; i++) h.failNext('multiUpdate');
    const { alice, match } = playDuel(h);
    expect(match.ended).toBe(true);
    const errors = h.logs.filter((l) => l.level === 'error').map((l) => l.message);
    const failuresOfFirst = errors.filter((m) => /failed on event .+:2 /.test(m)).length;
    expect(failuresOfFirst).toBeGreaterThanOrEqual(3);
    // Event 2 was given up (5 failures), or delivered after its last failure: either way
    // first_correct_answer is granted exactly once, from event 2 or from alice's next correct answer.
    const grants = h.ledger(alice).map((i) => String(i.metadata.source_id));
    expect(grants.filter((id) => /first_correct_answer/.test(id))).toHaveLength(1);
    expect(new Set(grants).size).toBe(grants.length);
    if (failuresOfFirst === 5) expect(errors).toContainEqual(expect.stringMatching(/^plugin achievements gave up on event .+:2 after 5 attempts$/));
    h.dispose();
  });

  test('ratings belong to the server: a forged skill is overwritten, and a played duel moves them by Elo once', async () => {
    const h = await loadHarness();
    const ticket = (userId: string, skill: number) => h.rtBefore('MatchmakerAdd', {
      cid: '', matchmakerAdd: { minCount: 2, maxCount: 2, query: '*', countMultiple: 0, stringProperties: { game_id: QUIZVERSE_ID, mode: 'duel' }, numericProperties: { skill } },
    }, { userId, transport: 'socket' }) as { matchmakerAdd: { numericProperties: { skill: number }; query: string } };
    const { alice, bob, matchId } = playDuel(h);
    const view = (userId: string) => JSON.parse(h.rpc('player_overview', { game_id: QUIZVERSE_ID }, { userId })).ratings;
    expect(view(alice).duel).toEqual({ rating: 1520, games: 1 });
    expect(view(bob).duel).toEqual({ rating: 1480, games: 1 });
    const next = ticket(alice, 9999).matchmakerAdd;
    expect(next.numericProperties.skill).toBe(1520);
    expect(next.query).toBe('+properties.game:quizverse +properties.mode:duel +properties.skill:>=1420 +properties.skill:<=1620');
    expect(ticket(h.createUser(), 9999).matchmakerAdd.numericProperties.skill).toBe(1500);
    // The same transaction wrote both players' match history.
    const history = (userId: string) => JSON.parse(h.rpc('matchmaking_get_match_history', { game_id: QUIZVERSE_ID }, { userId })).entries;
    expect(history(alice)).toEqual([expect.objectContaining({ match_id: matchId, mode: 'duel', placement: 1, result: 'win', players: 2, opponents: [{ user_id: bob, placement: 2 }], rating_before: 1500, rating_after: 1520, rating_change: 20 })]);
    expect(history(bob)).toEqual([expect.objectContaining({ match_id: matchId, result: 'loss', rating_change: -20 })]);
    h.dispose();
  });
});
