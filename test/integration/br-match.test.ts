import type { MatchmakerMatched } from '@heroiclabs/nakama-js';
import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { OP, type KillFeedMessage, type MatchResultMessage, type RejectedMessage } from '../../matches/br/protocol';
import { loadRecord, replay } from '../../tools/replay';
import { createClientBot } from '../support/br-client-bot';
import { decode, encode } from '../support/quiz';
import { checkMessage } from '../support/schemas';
import { connectPlayer, rpc, type Player } from './support/nakama';

/**
 * LastToLive on the real server: two nakama-js clients matchmake into a solo battle royale, their
 * bots see only what the server sends, fight it out, and the recorded match replays offline in
 * the harness to the identical final state (the rules run in Goja on the server, V8 offline).
 */
describe('LastToLive solo match on a real Nakama', () => {
  let players: Player[] = [];
  afterAll(() => players.forEach((p) => p.close()));

  test('a match is fought to the end, placed, recorded and replayed to the identical state hash', async () => {
    players = await Promise.all([connectPlayer('br1'), connectPlayer('br2')]);
    const matched = Promise.all(players.map((p) => new Promise<MatchmakerMatched>((resolve) => { p.socket.onmatchmakermatched = resolve; })));
    for (const p of players) await p.socket.addMatchmaker('*', 2, 100, { game_id: LASTTOLIVE.id, mode: 'solo' });
    const matchId = (await matched)[0].match_id;

    for (const p of players) {
      const bot = createClientBot(p.userId);
      const received = p.socket.onmatchdata;
      p.socket.onmatchdata = (m) => {
        received(m);
        for (const out of bot.receive(m.op_code, decode(m.data)) || []) void p.socket.sendMatchState(matchId, out.opCode, encode(out.payload));
      };
    }
    await Promise.all(players.map((p) => p.socket.joinMatch(matchId)));
    // Bad messages are refused with the reason, and never reach the rules or the record.
    await players[0].until(() => players[0].matchData.some((x) => x.opCode === OP.MATCH_START), 'the match start', 10000);
    await players[0].socket.sendMatchState(matchId, OP.MOVE, encode({ x: 'north', y: 0 }));
    await players[0].socket.sendMatchState(matchId, OP.SHOOT, new Uint8Array([0xde, 0x00, 0x01, 0xa1])); // cut short
    await players[0].socket.sendMatchState(matchId, OP.ZONE, new Uint8Array(0)); // no payload at all

    const resultOf = (p: Player) => p.until(() => {
      const m = p.matchData.filter((x) => x.opCode === OP.MATCH_RESULT)[0];
      return m && decode<MatchResultMessage>(m.data);
    }, 'the match result', 55000);
    const result = await resultOf(players[0]);
    expect(result.winnerTeam).not.toBeNull();
    expect(result.standings.map((s) => s.placement)).toEqual([1, 2]);
    const [winner, loser] = result.standings;
    expect([winner.kills, loser.kills]).toEqual([1, 0]);
    const refusals = players[0].matchData.filter((x) => x.opCode === OP.REJECTED).map((x) => decode<RejectedMessage>(x.data));
    expect(refusals).toEqual(expect.arrayContaining([{ opCode: OP.MOVE, reason: 'x: must be an integer' }, { opCode: OP.SHOOT, reason: 'payload is not valid msgpack' }, { opCode: OP.ZONE, reason: 'payload is not valid msgpack' }]));
    const feed = players[0].matchData.filter((x) => x.opCode === OP.KILL_FEED).map((x) => decode<KillFeedMessage>(x.data));
    expect(feed).toHaveLength(1);
    // Every message the server sent matches its schema (client/schemas/messages/lasttolive).
    for (const p of players) for (const m of p.matchData) checkMessage('lasttolive', m.opCode, decode(m.data));
    expect(feed[0].weapon).toBe('rifle'); // the zone needs minutes; the bots fight within seconds
    expect(feed[0].victim).toBe(loser.slot);
    expect((await resultOf(players[1])).standings).toEqual(result.standings);

    // The menu overview for LastToLive: its own currencies and achievements (the kill and the win
    // unlocked First Blood and Survivor bronze: 150 coins, 150 xp), and Weng-Lin ratings per mode: the
    // solo match moved the winner up and the loser down by the same amount, both less unsure.
    const overviews = await Promise.all(players.map((p) => rpc<any>(p, 'player_overview', { game_id: LASTTOLIVE.id })));
    const byUser = (userId: string) => overviews[players.findIndex((p) => p.userId === userId)];
    expect(byUser(winner.userId)).toMatchObject({ game_id: LASTTOLIVE.id, wallet: { coins: 150, gems: 0, xp: 150 } });
    expect(byUser(winner.userId).achievements.filter((a: any) => a.unlocked).map((a: any) => [a.id, a.tier])).toEqual([['first_kill', null], ['survivor', 'bronze']]);
    expect(byUser(loser.userId)).toMatchObject({ wallet: { coins: 0, gems: 0, xp: 0 } });
    const [won, lost] = [byUser(winner.userId).ratings, byUser(loser.userId).ratings];
    expect(won.duo).toEqual({ rating: 1500, games: 0, mu: 1500, sigma: 500 });
    expect([won.solo.games, lost.solo.games]).toEqual([1, 1]);
    expect(won.solo.rating).toBeGreaterThan(1500);
    expect(won.solo.rating - 1500).toBe(1500 - lost.solo.rating);
    expect(won.solo.sigma).toBeLessThan(500);
    // The LastToLive boards, written by the server from the match: the win and the kill are the winner's.
    const board = (p: (typeof players)[number], board_id: string) => rpc<any>(p, 'leaderboard_get', { game_id: LASTTOLIVE.id, board_id, mode: 'friends' });
    const winnerPlayer = players.find((p) => p.userId === winner.userId)!;
    const loserPlayer = players.find((p) => p.userId === loser.userId)!;
    expect((await board(winnerPlayer, 'wins_all_time')).me).toMatchObject({ user_id: winner.userId, score: 1 });
    expect((await board(winnerPlayer, 'kills_all_time')).me).toMatchObject({ user_id: winner.userId, score: 1 });
    expect((await board(loserPlayer, 'kills_all_time')).me).toMatchObject({ user_id: loser.userId, score: 0 });
    expect((await board(loserPlayer, 'wins_weekly')).me).toBeNull();
    const history = await rpc<any>(players[0], 'matchmaking_get_match_history', { game_id: LASTTOLIVE.id });
    expect(history.entries).toEqual([expect.objectContaining({ match_id: matchId, mode: 'solo', players: 2, teammates: [], rating_before: 1500 })]);

    const record = await loadRecord(matchId);
    expect(record).toMatchObject({ module: 'br', mode: 'solo', ending: 'over' });
    // A rifle kill takes 4 hits (100 hp, 25 damage), each in its own tick (cooldown).
    expect(record.log.filter((e: { messages?: unknown[] }) => e.messages).length).toBeGreaterThanOrEqual(4);
    const logged: [number, number, { x?: unknown }][] = record.log.flatMap((e: { messages?: [number, number, { x?: unknown }][] }) => e.messages || []);
    expect(logged.filter(([, , payload]) => payload.x === 'north')).toEqual([]);
    const replayed = await replay(record);
    expect(replayed.final_state_hash).toBe(record.final_state_hash);
    expect(replayed.events.map((e: { type: string }) => e.type)).toEqual(record.events.map((e: { type: string }) => e.type));
  }, 90000);
});
