import type { Harness } from '../../tools/harness';
import { failure, gameRpc, loadHarness } from '../support/harness-duel';
import { QUIZVERSE_ID } from '../support/quiz';

/** Matchmaking RPCs and hooks on the built bundle (the real-server twin: test/integration/matchmaking.test.ts). */
type Ticket = { minCount: number; maxCount: number; query: string; stringProperties: { [k: string]: string }; numericProperties: { [k: string]: number } };

function setup(h: Harness) {
  const rpc = gameRpc(h);
  const submit = (userId: string, mode = 'duel'): Ticket => (h.rtBefore('MatchmakerAdd', {
    cid: '', matchmakerAdd: { minCount: 2, maxCount: 2, query: '*', countMultiple: 0, stringProperties: { game_id: QUIZVERSE_ID, mode }, numericProperties: {} },
  }, { userId }) as { matchmakerAdd: Ticket }).matchmakerAdd;
  return { rpc, submit, failure };
}

describe('matchmaking in the harness', () => {
  test('find_match hands out the ticket and the widening schedule; the server widens the query with waiting time', async () => {
    const h = await loadHarness();
    const { rpc, submit } = setup(h);
    const ann = h.createUser({ username: 'ann' });
    const found = rpc('matchmaking_find_match', { mode: 'duel' }, ann);
    expect(found).toMatchObject({
      mode: 'duel', rating: 1500, resubmit_seconds: 15,
      ticket: { query: '*', min_count: 2, max_count: 2, string_properties: { game_id: QUIZVERSE_ID, mode: 'duel' } },
      widening: [
        { after_seconds: 0, range: 100, min_rating: 1400, max_rating: 1600 },
        { after_seconds: 30, range: 200, min_rating: 1300, max_rating: 1700 },
        { after_seconds: 60, range: 400, min_rating: 1100, max_rating: 1900 },
        { after_seconds: 90, range: null, min_rating: null, max_rating: null },
      ],
    });
    expect(submit(ann).query).toBe('+properties.game:quizverse +properties.mode:duel +properties.skill:>=1400 +properties.skill:<=1600');
    expect(rpc('matchmaking_get_status', {}, ann)).toMatchObject({ state: 'searching', mode: 'duel', range: 100, next_widening_in_seconds: 30, in_queue: true });
    for (const [seconds, range] of [[31, 200], [30, 400], [30, null]] as const) {
      h.advanceTime(seconds * 1000 - 1000);
      // Re-submitting every 15 s keeps the search going; the range follows the time since the search began.
      submit(ann);
      h.advanceTime(1000);
      const query = submit(ann).query;
      expect(query.includes('skill')).toBe(range !== null);
      if (range !== null) expect(query).toContain(`+properties.skill:>=${1500 - range} +properties.skill:<=${1500 + range}`);
    }
    // A search nobody re-submits for 45 s is over: the next ticket starts at +/-100 again.
    h.advanceTime(46_000);
    expect(rpc('matchmaking_get_status', {}, ann)).toEqual({ state: 'idle' });
    expect(submit(ann).query).toContain('>=1400');
    h.dispose();
  });

  test('the queue counts searching players per mode; cancel takes the player out; a match records the wait', async () => {
    const h = await loadHarness();
    const { rpc, submit } = setup(h);
    const [ann, ben, cat] = ['ann', 'ben', 'cat'].map((username) => h.createUser({ username }));
    submit(ann);
    submit(ben);
    submit(cat, 'party');
    const stats = () => rpc('matchmaking_get_queue_stats', {}, ann);
    expect(stats().modes).toEqual({
      duel: { searching: 2, matched: 0, wait_median_ms: null, wait_p95_ms: null },
      party: { searching: 1, matched: 0, wait_median_ms: null, wait_p95_ms: null },
    });
    expect(rpc('matchmaking_cancel', {}, cat)).toEqual({ cancelled: true });
    expect(rpc('matchmaking_cancel', {}, cat)).toEqual({ cancelled: false });
    expect(rpc('matchmaking_get_status', {}, cat)).toMatchObject({ state: 'cancelled', mode: 'party' });
    expect(stats().modes.party.searching).toBe(0);

    h.advanceTime(4000);
    const ticket = (userId: string) => ({ presence: userId, properties: { game_id: QUIZVERSE_ID, mode: 'duel' }, query: '*', minCount: 2, maxCount: 2 });
    const matchId = h.matchmake([ticket(ann), ticket(ben)])!;
    expect(rpc('matchmaking_get_status', {}, ann)).toEqual({ state: 'matched', mode: 'duel', rating: 1500, match_id: matchId, wait_ms: 4000 });
    expect(stats().modes.duel).toEqual({ searching: 0, matched: 2, wait_median_ms: 4000, wait_p95_ms: 4000 });
    h.dispose();
  });

  test('bad input is refused with the field named; ratings by hand are for admins only', async () => {
    const h = await loadHarness();
    const { rpc, submit, failure } = setup(h);
    const ann = h.createUser({ username: 'ann' });
    expect(failure(() => rpc('matchmaking_find_match', { mode: 'ranked' }, ann))).toBe('UNKNOWN_MODE: unknown mode "ranked" for QuizVerse; valid: duel, party');
    expect(failure(() => rpc('matchmaking_find_match', {}, ann))).toBe('INVALID_FIELD: mode: required');
    expect(failure(() => rpc('matchmaking_create_party', { mode: 'duel', party_id: 'not-a-party' }, ann))).toMatch(/^INVALID_FIELD: party_id: must match/);
    expect(failure(() => rpc('matchmaking_get_match_history', { limit: 1000 }, ann))).toBe('INVALID_FIELD: limit: must be <= 100');
    expect(failure(() => rpc('matchmaking_get_match_history', { cursor: 'garbage' }, ann))).toBe('INVALID_FIELD: cursor: not a cursor this call returned');
    expect(failure(() => submit(ann, 'ranked'))).toContain('UNKNOWN_MODE');

    const update = { user_id: ann, mode: 'duel', rating: 1800 };
    expect(failure(() => rpc('matchmaking_update_skill_rating', update, ann))).toBe('PERMISSION_DENIED: this call is for admins');
    expect(rpc('matchmaking_update_skill_rating', update)).toEqual({ user_id: ann, mode: 'duel', rating: { rating: 1800, games: 0 } });
    expect(rpc('matchmaking_update_skill_rating', { ...update, mode: 'party', rating: 1700 }).rating).toEqual({ rating: 1700, games: 0, mu: 1700, sigma: 500 });
    expect(submit(ann).numericProperties.skill).toBe(1800);
    expect(h.logs.some((l) => l.message.startsWith('audit: server (http key) called matchmaking_update_skill_rating'))).toBe(true);
    h.dispose();
  });

  test('a party needs a Nakama party to register, so the harness (which has none) refuses it cleanly', async () => {
    const h = await loadHarness();
    const { rpc, failure } = setup(h);
    const ann = h.createUser({ username: 'ann' });
    const partyId = '0b6a4a52-6b0a-4a55-9f55-7d0c1b0a4b11.nakama';
    expect(failure(() => rpc('matchmaking_create_party', { mode: 'duel', party_id: partyId }, ann))).toBe('FAILED_PRECONDITION: QuizVerse duel is played without parties');
    expect(failure(() => rpc('matchmaking_create_party', { mode: 'party', party_id: partyId }, ann))).toBe(`FAILED_PRECONDITION: join Nakama party ${partyId} on your socket first (you are not in it)`);
    expect(failure(() => rpc('matchmaking_find_match', { mode: 'party', party_id: partyId }, ann))).toContain('only the leader of a party registered');
    h.dispose();
  });
});
