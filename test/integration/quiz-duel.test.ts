import { OP, type MatchResultMessage, type RejectedMessage } from '../../matches/quiz/protocol';
import { choose, decode, encode, matchResult, questions, QUIZVERSE_ID } from '../support/quiz';
import { loadHarness, playDuel } from '../support/harness-duel';
import { checkMessage } from '../support/schemas';
import type { MatchmakerMatched } from '@heroiclabs/nakama-js';
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { loadRecord, replay } from '../../tools/replay';
import { connectPlayer, rpc, rpcError, walletLedger, type Player } from './support/nakama';

/**
 * Achievements whose outcome the twins may not share: speed_demon (a real client answering within a
 * second depends on the machine's load) and category_master_science (which categories the questions
 * come from depends on the match seed, random on the server).
 */
const NOT_SHARED = ['speed_demon', 'category_master_science'];

/** What a user would notice of a played duel, with user ids replaced by roles. */
function outcome(roles: { [userId: string]: string }, o: {
  result: MatchResultMessage; rejected: string[]; overviews: { [userId: string]: any }; ledgerReasons: unknown[]; notificationCodes: number[];
}) {
  return {
    winner: roles[o.result.winner!],
    standings: o.result.standings.map((s) => [roles[s.userId], s.placement, s.correctAnswers]),
    rejected: o.rejected,
    overviews: Object.keys(o.overviews).map((id) => [roles[id], o.overviews[id].wallet, o.overviews[id].ratings, o.overviews[id].achievements.filter((a: any) => NOT_SHARED.indexOf(a.id) < 0).map((a: any) => [a.id, a.unlocked, a.progress])]),
    ledgerReasons: o.ledgerReasons.filter((r) => r !== 'achievement:speed_demon').sort(),
    notificationCodes: [...o.notificationCodes].sort(),
  };
}

/**
 * The walking skeleton on the real server: two nakama-js clients matchmake into an authoritative
 * quiz duel, play it over sockets, and the achievement, wallet and ledger show the result.
 */
describe('QuizVerse duel on a real Nakama', () => {
  let alice: Player;
  let bob: Player;
  /** The duel played below, replayed by the last test. */
  let playedMatch = '';

  beforeAll(async () => {
    [alice, bob] = await Promise.all([connectPlayer('alice'), connectPlayer('bob')]);
  });
  afterAll(() => {
    alice?.close();
    bob?.close();
  });

  test('tickets for an unknown game or mode are refused with a clear error', async () => {
    await expect(alice.socket.addMatchmaker('*', 2, 2, { game_id: '00000000-0000-4000-8000-000000000000', mode: 'duel' }))
      .rejects.toMatchObject({ message: expect.stringContaining('UNKNOWN_GAME') });
    await expect(alice.socket.addMatchmaker('*', 2, 2, { game_id: QUIZVERSE_ID, mode: 'royale' }))
      .rejects.toMatchObject({ message: expect.stringContaining('UNKNOWN_MODE: unknown mode "royale" for QuizVerse; valid: duel') });
  });

  test('a matched duel is played to the end; the correct answerer wins and is rewarded exactly once', async () => {
    const matched = Promise.all([alice, bob].map((p) => new Promise<MatchmakerMatched>((resolve) => {
      p.socket.onmatchmakermatched = resolve;
    })));
    // Clients send a wide query and alice forges her skill; the server rewrites both tickets.
    await alice.socket.addMatchmaker('*', 2, 2, { game_id: QUIZVERSE_ID, mode: 'duel' }, { skill: 9999 });
    await bob.socket.addMatchmaker('*', 2, 2, { game_id: QUIZVERSE_ID, mode: 'duel' });
    const [aliceMatched, bobMatched] = await matched;
    expect(bobMatched.users.map((u) => u.numeric_properties)).toEqual([{ skill: 1500 }, { skill: 1500 }]);
    expect(aliceMatched.users.map((u) => u.string_properties!.game)).toEqual(['quizverse', 'quizverse']);
    const [aliceMatch, bobMatch] = [aliceMatched.match_id, bobMatched.match_id];
    playedMatch = aliceMatch;
    expect(aliceMatch).toBe(bobMatch);
    expect(aliceMatch).toMatch(/^[0-9a-f-]{36}\./); // authoritative: uuid.node

    // Bots: alice answers every question correctly, bob wrongly; bob also sends one malformed message.
    const play = (player: Player, correct: boolean) => {
      let answered = 0;
      const onData = player.socket.onmatchdata;
      player.socket.onmatchdata = (m) => {
        onData(m);
        if (m.op_code !== OP.QUESTION) return;
        const q = questions([{ opCode: m.op_code, data: m.data }])[0];
        answered += 1;
        void player.socket.sendMatchState(aliceMatch, OP.ANSWER, encode({ round: q.round, choice: choose(q, correct) }));
      };
      return () => answered;
    };
    play(alice, true);
    play(bob, false);
    await Promise.all([alice.socket.joinMatch(aliceMatch), bob.socket.joinMatch(bobMatch)]);
    await bob.socket.sendMatchState(bobMatch, OP.ANSWER, new Uint8Array([0x92, 0x01])); // a 2-array with 1 item
    await bob.socket.sendMatchState(bobMatch, OP.ANSWER, encode({ round: 'one', choice: 0 }));

    const result = await alice.until(() => matchResult(alice.matchData), 'the match result', 45000);
    expect(result.winner).toBe(alice.userId);
    expect(result.standings.map((s) => [s.userId, s.placement, s.correctAnswers])).toEqual([
      [alice.userId, 1, 5],
      [bob.userId, 2, 0],
    ]);
    expect(result.standings[0].score).toBeGreaterThanOrEqual(5 * 100);
    expect(result.standings[1].score).toBe(0);
    expect(questions(alice.matchData)).toHaveLength(5);
    expect(questions(bob.matchData).map((q) => q.questionId)).toEqual(questions(alice.matchData).map((q) => q.questionId));

    const rejected = bob.matchData.filter((m) => m.opCode === OP.REJECTED).map((m) => decode<RejectedMessage>(m.data));
    expect(rejected).toContainEqual({ opCode: OP.ANSWER, reason: 'payload is not valid msgpack' });
    expect(rejected).toContainEqual({ opCode: OP.ANSWER, reason: 'round: must be an integer' });
    await bob.until(() => matchResult(bob.matchData), 'the match result for bob');
    // Every message the server sent matches its schema (client/schemas/messages/quizverse).
    for (const p of [alice, bob]) for (const m of p.matchData) checkMessage('quizverse', m.opCode, decode(m.data));

    // Achievements unlocked once each, their rewards credited once, with the ledger naming why: the
    // first correct answer (50 coins), the hidden quick answer (a badge), Champion bronze for the win.
    const aliceView = await rpc<any>(alice, 'player_overview', { game_id: QUIZVERSE_ID });
    expect(aliceView.wallet).toEqual({ coins: 75, xp: 50 });
    // speed_demon (answer within 1 s) depends on how busy the machine is; the others do not.
    const quick = aliceView.achievements.filter((a: any) => a.id === 'speed_demon')[0].unlocked;
    expect(aliceView.achievements.filter((a: any) => a.unlocked && a.id !== 'speed_demon').map((a: any) => a.id)).toEqual(['first_correct_answer', 'quiz_champion']);
    expect(aliceView.achievements[0]).toMatchObject({ id: 'first_correct_answer', unlocked: true, progress: 1, target: 1 });
    expect(aliceView.ratings.duel).toEqual({ rating: 1520, games: 1 });
    const bobView = await rpc<any>(bob, 'player_overview', { game_id: QUIZVERSE_ID });
    expect(bobView.ratings.duel).toEqual({ rating: 1480, games: 1 });
    // The match history shows the duel with the opponent and the rating change, for both players.
    const history = await rpc<any>(alice, 'matchmaking_get_match_history', { game_id: QUIZVERSE_ID });
    expect(history).toEqual({ cursor: null, entries: [expect.objectContaining({
      match_id: aliceMatch, mode: 'duel', placement: 1, result: 'win', opponents: [{ user_id: bob.userId, placement: 2 }], rating_before: 1500, rating_after: 1520, rating_change: 20,
    })] });
    expect((await rpc<any>(bob, 'matchmaking_get_match_history', { game_id: QUIZVERSE_ID })).entries[0]).toMatchObject({ result: 'loss', rating_change: -20 });
    expect(await rpc<any>(bob, 'matchmaking_get_status', { game_id: QUIZVERSE_ID })).toMatchObject({ state: 'matched', match_id: aliceMatch });
    expect(bobView.wallet).toEqual({ coins: 0, xp: 0 });
    expect(bobView.achievements.filter((a: any) => a.unlocked)).toEqual([]);

    const ledger = await walletLedger(alice.userId);
    expect(ledger.filter((l) => l.metadata.reason === 'achievement:first_correct_answer')).toEqual([{
      changeset: { [`${QUIZVERSE_ID}:coins`]: 50 },
      metadata: { game_id: QUIZVERSE_ID, reason: 'achievement:first_correct_answer', source_id: expect.stringContaining(aliceMatch) },
    }]);
    expect(ledger.filter((l) => l.metadata.reason === 'achievement:speed_demon')).toEqual(quick ? [{
      changeset: {}, metadata: expect.objectContaining({ items: { badge_speed: 1 }, source_id: expect.stringContaining(aliceMatch) }),
    }] : []);
    expect(ledger).toHaveLength(quick ? 3 : 2);
    const unlock = await alice.until(() => alice.notifications.filter((n) => n.code === 100 && (n.content as { achievement_id?: string }).achievement_id === 'first_correct_answer')[0], 'the unlock notification');
    expect(unlock.subject).toBe('Achievement unlocked: First Correct Answer');
    expect(unlock.content).toMatchObject({ game_id: QUIZVERSE_ID, achievement_id: 'first_correct_answer', rewards: { currencies: { coins: 50 } }, claimed: true });
    await alice.until(() => (alice.notifications.length >= (quick ? 3 : 2) ? true : undefined), 'the unlock notifications');

    // The same flow in the harness gives the same outcome.
    const real = outcome({ [alice.userId]: 'alice', [bob.userId]: 'bob' }, {
      result, rejected: rejected.map((r) => r.reason),
      overviews: { [alice.userId]: aliceView, [bob.userId]: bobView },
      ledgerReasons: ledger.map((l) => l.metadata.reason),
      notificationCodes: alice.notifications.filter((n) => (n.content as { achievement_id?: string }).achievement_id !== 'speed_demon').map((n) => n.code!),
    });
    const h = await loadHarness('duel-twin');
    const twin = playDuel(h);
    const twinView = (userId: string) => JSON.parse(h.rpc('player_overview', { game_id: QUIZVERSE_ID }, { userId }));
    expect(outcome({ [twin.alice]: 'alice', [twin.bob]: 'bob' }, {
      result: matchResult(twin.match.received(twin.alice))!,
      rejected: twin.match.received(twin.bob).filter((m) => m.opCode === OP.REJECTED).map((m) => decode<RejectedMessage>(m.data).reason),
      overviews: { [twin.alice]: twinView(twin.alice), [twin.bob]: twinView(twin.bob) },
      ledgerReasons: h.ledger(twin.alice).map((l) => l.metadata.reason),
      notificationCodes: h.notifications.filter((n) => n.userId === twin.alice && (n.content as { achievement_id?: string }).achievement_id !== 'speed_demon').map((n) => n.code),
    })).toEqual(real);
    h.dispose();
  });

  test('the match stored its record; players may not read it; QA replays it offline to the identical state hash', async () => {
    expect(playedMatch).not.toBe('');
    const denied = await rpcError(alice.client.rpc(alice.session, 'match_record_get', { match_id: playedMatch }));
    expect(denied).toMatchObject({ status: 403, code: 7, message: 'PERMISSION_DENIED: this call is for admins' });

    const record = await loadRecord(playedMatch); // server-to-server with the http key, as the CLI does
    expect(record).toMatchObject({ match_id: playedMatch, module: 'quiz', game_id: QUIZVERSE_ID, mode: 'duel', ending: 'over' });
    expect(record.players.map((p: { userId: string }) => p.userId).sort()).toEqual([alice.userId, bob.userId].sort());
    expect(record.log.filter((e: { join?: string[] }) => e.join).flatMap((e: { join: string[] }) => e.join).sort()).toEqual([alice.userId, bob.userId].sort());
    expect(record.events.map((e: { type: string }) => e.type)).toContain('match_ended');
    expect(record.final_state_hash).toMatch(/^[0-9a-f]{64}$/);
    // Every event went to the node's delivery worker: the duel's ticks applied none (its rewards, checked above, are the twin's).
    expect(record.loop_ms.events).toBeGreaterThan(0);
    expect(record.loop_ms).toMatchObject({ handed: record.loop_ms.events, deliver: 0 });

    const file = path.join(os.tmpdir(), `record-${process.pid}.json`);
    fs.writeFileSync(file, JSON.stringify(record));
    const replayed = await replay(JSON.parse(fs.readFileSync(file, 'utf8')));
    expect(replayed.final_state_hash).toBe(record.final_state_hash);
    expect(replayed.events.map((e: { id: string }) => e.id)).toEqual(record.events.map((e: { id: string }) => e.id));

    // The CLI as QA runs it, fetching by match id from this server.
    const cli = spawnSync(process.execPath, ['tools/replay.js', playedMatch], { encoding: 'utf8', env: process.env });
    expect(cli.stdout).toContain('REPLAY MATCHES: identical final state');
    expect(cli.status).toBe(0);
  });
});
