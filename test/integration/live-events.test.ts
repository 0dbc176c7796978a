import { Client, type Notification } from '@heroiclabs/nakama-js';
import type { MatchmakerMatched } from '@heroiclabs/nakama-js';
import { OP } from '../../matches/quiz/protocol';
import { loadHarness } from '../support/harness-duel';
import { choose, encode, matchResult, questions, QUIZVERSE_ID } from '../support/quiz';
import { checkedRpcs, connectPlayer, rpc, rpcError, server, serverCall, serverRpc, walletLedger, type Player } from './support/nakama';

/** A player with a session but no socket (enough for RPCs). */
async function sessionOnly(label: string): Promise<Player> {
  const { host, port, serverKey } = server();
  const client = new Client(serverKey, host, port, false);
  const session = await client.authenticateDevice(`test-${label}-${process.pid}-${Date.now()}`, true);
  return { client, session, rpc: checkedRpcs(client, session), userId: session.user_id! } as Player;
}

const game = { game_id: QUIZVERSE_ID };
const MIN = 60 * 1000;
/** Event ids unique to this run, so other runs and test files never meet them. */
const runId = `${process.pid}_${Date.now() % 1e8}`;
const eventId = (name: string) => `it_${name}_${runId}`;
/** A ledger reason of a reward paid from the inbox: `event:<occurrence>:<kind>`, the occurrence `<event>@<start>`. */
const paidFromInbox = (reason: unknown, event: string, kind: string) => new RegExp(`^event:${event}@\\d+:${kind}$`).test(String(reason));
const find = (p: Player, code: number, id: string) => p.notifications.filter((n: Notification) => n.code === code && (n.content as { event_id?: string }).event_id === id)[0];

/**
 * Live events on the real server: admin-only writes, announcements to connected players, missions
 * from a played duel granted once, a community goal exact under parallel contributions, the
 * leaderboard and its rank rewards. Every event this file creates is ended before it finishes.
 */
describe('live events on a real Nakama', () => {
  let alice: Player;
  let bob: Player;
  const created: string[] = [];
  beforeAll(async () => { [alice, bob] = await Promise.all([connectPlayer('evalice'), connectPlayer('evbob')]); });
  afterAll(async () => {
    for (const id of created) await serverCall('event_end', { ...game, event_id: id }); // ended ones answer 400: fine
    alice?.close();
    bob?.close();
  });

  test('players are refused the admin RPCs (403, code 7)', async () => {
    const event = { id: eventId('refused'), name: 'Refused', starts_at: Date.now(), ends_at: Date.now() + MIN, missions: [] };
    expect(await rpcError(rpc(alice, 'event_create', { ...game, event }))).toMatchObject({ status: 403, code: 7 });
    expect(await rpcError(rpc(alice, 'event_end', { ...game, event_id: event.id }))).toMatchObject({ status: 403, code: 7 });
    const complete = { ...game, user_id: alice.userId, event_id: event.id, mission_id: 'any' };
    expect(await rpcError(rpc(alice, 'event_complete_mission', complete))).toMatchObject({ status: 403, code: 7 });
    const bad = await serverCall('event_create', { ...game, event: { ...event, missions: [{ id: 'm', name: 'M', counter: { event: 'kill' }, target: 0, points: 0 }] } });
    expect(bad).toMatchObject({ status: 400, body: { message: 'INVALID_FIELD: event.missions[0].target: an integer >= 1' } });
  });

  test('an admin creates an event: players are told; a played duel completes missions, rewarded once; rank rewards after the end', async () => {
    const now = Date.now();
    const event = {
      id: eventId('duel'), name: 'Integration Duel Cup', description: 'Win a duel.', starts_at: now, ends_at: now + 10 * MIN,
      missions: [
        { id: 'win_duel', name: 'Win a duel', counter: { event: 'match_won' }, target: 1, points: 100, rewards: { currencies: { coins: 25 } } },
        { id: 'answer_3', name: 'Answer 3', counter: { event: 'answer_correct' }, target: 3, points: 10, rewards: {} },
      ],
      rank_rewards: [{ from_rank: 1, to_rank: 1, rewards: { currencies: { coins: 60 } } }],
    };
    created.push(event.id);
    const res = await serverRpc<any>('event_create', { ...game, event });
    expect(res.occurrence).toMatchObject({ event_id: event.id, active: true, occurrence_id: `${event.id}@${now}` });
    for (const p of [alice, bob]) {
      const started = await p.until(() => find(p, 200, event.id), 'the start announcement');
      expect(started).toMatchObject({ subject: 'Integration Duel Cup has started', persistent: true, content: { game_id: QUIZVERSE_ID, occurrence_id: `${event.id}@${now}` } });
    }

    const matchId = await playDuel(alice, bob);
    const progress = (await rpc<any>(alice, 'event_get_player_progress', { ...game, event_id: event.id })).progress[0];
    expect(progress).toMatchObject({ points: 110, rank: 1, active: true, missions: [{ id: 'win_duel', completed: true }, { id: 'answer_3', progress: 3, completed: true }] });
    const ledger = (await walletLedger(alice.userId)).filter((l) => l.metadata.reason === `event:${event.id}:win_duel`);
    expect(ledger).toEqual([{ changeset: { [`${QUIZVERSE_ID}:coins`]: 25 }, metadata: expect.objectContaining({ game_id: QUIZVERSE_ID, source_id: expect.stringContaining(matchId) }) }]);
    await alice.until(() => find(alice, 202, event.id), 'the mission notification');
    expect(await rpc<any>(bob, 'event_get_leaderboard', { ...game, event_id: event.id })).toMatchObject({
      records: [{ rank: 1, user_id: alice.userId, points: 110, username: expect.any(String) }], me: null,
    });
    expect(await rpcError(rpc(alice, 'event_claim_rewards', { ...game, event_id: event.id }))).toMatchObject({ status: 400, message: `FAILED_PRECONDITION: nothing to claim in ${event.id}@${now}` });

    expect(await serverRpc<any>('event_end', { ...game, event_id: event.id })).toMatchObject({ event_id: event.id, occurrence_id: `${event.id}@${now}` });
    await bob.until(() => find(bob, 201, event.id), 'the end announcement');
    const claims = await Promise.all([1, 2, 3].map(() => rpc<any>(alice, 'event_claim_rewards', { ...game, event_id: event.id }).catch(() => null)));
    expect(claims.filter((c) => c).map((c) => c.claimed)).toEqual([[{ kind: 'rank', rank: 1, rewards: { currencies: { coins: 60 } } }]]);
    expect((await walletLedger(alice.userId)).filter((l) => paidFromInbox(l.metadata.reason, event.id, 'rank'))).toHaveLength(1);
    expect(await rpcError(rpc(bob, 'event_claim_rewards', { ...game, event_id: event.id }))).toMatchObject({ status: 400 });
  }, 120000);

  test('a community goal stays exact under 50 parallel contributions, each sent twice; contributors claim once', async () => {
    const now = Date.now();
    const event = {
      id: eventId('together'), name: 'Integration Together', starts_at: now, ends_at: now + 10 * MIN,
      missions: [{ id: 'join_in', name: 'Join in', counter: { event: 'never_emitted' }, target: 1, points: 1, rewards: { currencies: { coins: 5 } } }],
      community_goal: { counter: { event: 'mission_completed' }, target: 50, rewards: { currencies: { coins: 7 } } },
    };
    created.push(event.id);
    await serverRpc('event_create', { ...game, event });
    const players = await Promise.all(Array.from({ length: 50 }, (_, i) => sessionOnly(`together${i}`)));
    const calls = players.flatMap((p) => [1, 2].map(() => serverCall('event_complete_mission', { ...game, user_id: p.userId, event_id: event.id, mission_id: 'join_in', operation_id: `op-${p.userId}` })));
    const results = await Promise.all(calls);
    expect(results.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    expect(results.filter((r) => r.body.applied)).toHaveLength(50);

    // Menus show the total at most 2 s old (core/cache.ts community_totals).
    const goalView = async () => (await rpc<any>(players[0], 'event_get_active_events', game)).events.filter((e: any) => e.event_id === event.id)[0].community_goal;
    let view = await goalView();
    for (const started = Date.now(); view.total < 50 && Date.now() - started < 2500; view = await goalView()) await new Promise((r) => setTimeout(r, 250));
    expect(view).toEqual({ target: 50, total: 50, reached: true, rewards: event.community_goal.rewards });
    await alice.until(() => find(alice, 203, event.id), 'the community goal announcement');

    const claims = await Promise.all(players.flatMap((p) => [1, 2].map(() => rpc<any>(p, 'event_claim_rewards', { ...game, event_id: event.id }).then((r) => r.claimed, () => null))));
    expect(claims.filter((c) => c)).toHaveLength(50);
    const ledgers = await Promise.all(players.slice(0, 10).map((p) => walletLedger(p.userId)));
    for (const ledger of ledgers) {
      expect(ledger.filter((l) => l.metadata.reason === `event:${event.id}:join_in`)).toHaveLength(1);
      expect(ledger.filter((l) => paidFromInbox(l.metadata.reason, event.id, 'community_goal'))).toHaveLength(1);
    }
    const board = await rpc<any>(players[0], 'event_get_leaderboard', { ...game, event_id: event.id, limit: 100 });
    expect(board.records).toHaveLength(50);
    expect(board.records.map((r: any) => r.rank)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(board.me).toEqual({ rank: expect.any(Number), points: 1 });
  }, 120000);

  test('the harness twin answers the leaderboard and progress calls like the real server', async () => {
    const mission = (id: string, points: number) => ({ id, name: id, counter: { event: 'never_emitted' }, target: 1, points, rewards: {} });
    const event = (now: number) => ({
      id: eventId('twin'), name: 'Twin', starts_at: now, ends_at: now + 10 * MIN, missions: [mission('a', 10), mission('b', 20), mission('c', 5)],
      rank_rewards: [{ from_rank: 1, to_rank: 2, rewards: { currencies: { coins: 3 } } }],
    });
    const plan: [number, string][] = [[0, 'a'], [0, 'b'], [1, 'b'], [2, 'c']];
    const roles = (ids: string[]) => (id: string) => `p${ids.indexOf(id)}`;
    const shape = (role: (id: string) => string, board: any, progress: any) => ({
      records: board.records.map((r: any) => [role(r.user_id), r.rank, r.points, typeof r.username]),
      me: board.me,
      progress: { ...progress, occurrence_id: undefined, ends_at: undefined, missions: progress.missions.map((m: any) => [m.id, m.progress, m.completed]) },
    });

    const real = await (async () => {
      const e = event(Date.now());
      created.push(e.id);
      await serverRpc('event_create', { ...game, event: e });
      const players = await Promise.all([0, 1, 2].map((i) => sessionOnly(`twin${i}`)));
      for (const [who, mission_id] of plan) await serverRpc('event_complete_mission', { ...game, user_id: players[who].userId, event_id: e.id, mission_id });
      const board = await rpc<any>(players[1], 'event_get_leaderboard', { ...game, event_id: e.id });
      const progress = (await rpc<any>(players[1], 'event_get_player_progress', { ...game, event_id: e.id })).progress[0];
      return shape(roles(players.map((p) => p.userId)), board, progress);
    })();

    const h = await loadHarness('live-events-twin');
    try {
      const call = (id: string, payload: object, userId?: string) => JSON.parse(h.rpc(id, { ...game, ...payload }, userId ? { userId } : {}));
      const e = event(h.now());
      call('event_create', { event: e });
      const players = [0, 1, 2].map((i) => h.createUser({ username: `twin${i}` }));
      for (const [who, mission_id] of plan) call('event_complete_mission', { user_id: players[who], event_id: e.id, mission_id });
      const twin = shape(roles(players), call('event_get_leaderboard', { event_id: e.id }, players[1]), call('event_get_player_progress', { event_id: e.id }, players[1]).progress[0]);
      expect(twin).toEqual(real);
      expect(real.records).toEqual([['p0', 1, 30, 'string'], ['p1', 2, 20, 'string'], ['p2', 3, 5, 'string']]);
    } finally {
      h.dispose();
    }
  });
});

/** Matchmake alice and bob into a QuizVerse duel; alice answers correctly, bob wrongly. Returns the match id once it ended. */
async function playDuel(alice: Player, bob: Player): Promise<string> {
  const matched = Promise.all([alice, bob].map((p) => new Promise<MatchmakerMatched>((resolve) => { p.socket.onmatchmakermatched = resolve; })));
  for (const p of [alice, bob]) await p.socket.addMatchmaker('*', 2, 2, { game_id: QUIZVERSE_ID, mode: 'duel' });
  const [m] = await matched;
  for (const [p, correct] of [[alice, true], [bob, false]] as const) {
    const onData = p.socket.onmatchdata;
    p.socket.onmatchdata = (data) => {
      onData(data);
      if (data.op_code !== OP.QUESTION) return;
      const q = questions([{ opCode: data.op_code, data: data.data }])[0];
      void p.socket.sendMatchState(m.match_id, OP.ANSWER, encode({ round: q.round, choice: choose(q, correct) }));
    };
  }
  await Promise.all([alice.socket.joinMatch(m.match_id), bob.socket.joinMatch(m.match_id)]);
  await alice.until(() => matchResult(alice.matchData), 'the match result', 60000);
  return m.match_id;
}
