import type { MatchmakerMatched } from '@heroiclabs/nakama-js';
import { OP, type PlayerStatusMessage, type QuestionMessage } from '../../matches/quiz/protocol';
import { choose, decode, encode, matchResult, QUIZVERSE_ID } from '../support/quiz';
import { connectPlayer, rpc, type Player } from './support/nakama';

/**
 * A QuizVerse party (3 players) on the real server, with a player who drops their connection
 * mid-match and comes back within the grace period: they continue and are placed normally.
 */
describe('QuizVerse party on a real Nakama', () => {
  let players: Player[] = [];
  afterAll(() => players.forEach((p) => p.close()));

  test('three players play a party match; one reconnects mid-match and finishes it', async () => {
    players = await Promise.all(['p1', 'p2', 'p3'].map((n) => connectPlayer(n)));
    const matched = Promise.all(players.map((p) => new Promise<MatchmakerMatched>((resolve) => { p.socket.onmatchmakermatched = resolve; })));
    for (const p of players) await p.socket.addMatchmaker('*', 3, 8, { game_id: QUIZVERSE_ID, mode: 'party' });
    const matchId = (await matched)[0].match_id;

    // Everyone answers every question correctly, as soon as it arrives.
    const answer = (p: Player) => {
      const received = p.socket.onmatchdata;
      p.socket.onmatchdata = (m) => {
        received(m);
        if (m.op_code !== OP.QUESTION) return;
        const q = decode<QuestionMessage>(m.data);
        void p.socket.sendMatchState(matchId, OP.ANSWER, encode({ round: q.round, choice: choose(q, true) }));
      };
    };
    players.forEach(answer);
    await Promise.all(players.map((p) => p.socket.joinMatch(matchId)));

    // After round 2's question arrives, p3 drops its socket, then reconnects and rejoins.
    const [p1, , p3] = players;
    await p3.until(() => p3.matchData.filter((m) => m.opCode === OP.QUESTION).length >= 2 || undefined, 'round 2');
    p3.socket.disconnect(false);
    const away = await p1.until(() => p1.matchData.filter((m) => m.opCode === OP.PLAYER_STATUS)
      .map((m) => decode<PlayerStatusMessage>(m.data)).filter((s) => s.userId === p3.userId && !s.connected)[0], 'p3 reported away');
    expect(away.forfeited).toBe(false);
    expect(away.graceTicksLeft).toBeGreaterThan(0);
    await p3.socket.connect(p3.session, true);
    await p3.socket.joinMatch(matchId);
    await p3.until(() => p3.matchData.filter((m) => m.opCode === OP.MATCH_STATE)[0], 'the match state after rejoining');

    const result = await p1.until(() => matchResult(p1.matchData), 'the match result', 50000);
    expect(result.standings.map((s) => s.placement).sort()).toEqual([1, 2, 3]);
    expect(result.standings.filter((s) => s.userId === p3.userId)[0]).toMatchObject({ forfeited: false });
    expect(result.standings.filter((s) => s.userId === p3.userId)[0].correctAnswers).toBeGreaterThanOrEqual(6);

    // Party matches are rated with Weng-Lin: the winner gains, the last loses, in the order placed.
    const ratingOf = async (userId: string) => (await rpc<any>(players.filter((p) => p.userId === userId)[0], 'player_overview', { game_id: QUIZVERSE_ID })).ratings.party;
    const ratings = await Promise.all(result.standings.map((s) => ratingOf(s.userId)));
    expect(ratings.map((r) => r.games)).toEqual([1, 1, 1]);
    expect(ratings[0].rating).toBeGreaterThan(1500);
    expect(ratings[2].rating).toBeLessThan(1500);
    expect(ratings[0].rating).toBeGreaterThan(ratings[1].rating);
    expect(ratings[1].rating).toBeGreaterThan(ratings[2].rating);
    const history = await rpc<any>(p1, 'matchmaking_get_match_history', { game_id: QUIZVERSE_ID, limit: 1 });
    expect(history.entries[0]).toMatchObject({ match_id: matchId, mode: 'party', players: 3, opponents: expect.any(Array) });
    expect(history.entries[0].opponents).toHaveLength(2);
  }, 70000);
});
