import fs from 'fs';
import { collectionOf, type DocumentKind } from '../../core/documents';
import { MODULE } from '../../main';
import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { QUIZVERSE } from '../../matches/quiz/game-quizverse';
import { connectPlayer, rpc, rpcError, server, serverRpc, type Player } from './support/nakama';

/**
 * The trust boundary on Nakama's own client API (docs/security.md): a player tries, through the
 * ordinary nakama-js calls any client has, to write, delete and submit what the module owns.
 */
const GAMES = [QUIZVERSE, LASTTOLIVE];
const KINDS: DocumentKind<unknown>[] = MODULE.plugins.documents;
const PLAYER_DATA = 'player_data';

/** Every collection the module owns: each kind in each game (global kinds once), plus one it does not use. */
const OWNED = [
  ...GAMES.flatMap((g) => KINDS.filter((k) => !k.global && (k.collection || k.name) !== PLAYER_DATA).map((k) => collectionOf(k, g.id))),
  ...KINDS.filter((k) => k.global).map((k) => collectionOf(k, '')),
].filter((c, i, all) => all.indexOf(c) === i);
const NOT_OURS = ['notes', `${QUIZVERSE.id}x:${PLAYER_DATA}`, `00000000-0000-4000-8000-000000000000:${PLAYER_DATA}`, PLAYER_DATA];

/** A document shaped like the module's own, as a forger would write it (the rating one as in the report). */
const forgedValue = (collection: string) => (collection.endsWith(':ratings') ? { modes: { duel: { rating: 2999, games: 0 } }, processed: [] } : { forged: true, processed: [] });

const readOwn = (p: Player, collection: string, key: string) =>
  p.client.readStorageObjects(p.session, { object_ids: [{ collection, key, user_id: p.userId }] }).then((r) => r.objects);

/** A REST call of Nakama's client API with the player's session (for calls nakama-js lacks). */
async function clientCall(p: Player, method: string, path: string): Promise<{ status: number; body: { code?: number; message?: string } }> {
  const { host, port } = server();
  const res = await fetch(`http://${host}:${port}${path}`, { method, headers: { authorization: `Bearer ${p.session.token}` } });
  return { status: res.status, body: await res.json() };
}

describe("Nakama's client API cannot change what the module owns", () => {
  let forger: Player;
  let other: Player;

  beforeAll(async () => {
    [forger, other] = await Promise.all([connectPlayer('forger'), connectPlayer('other')]);
  });
  afterAll(() => {
    forger?.close();
    other?.close();
  });

  test('the registry lists every collection the module uses, both games', () => {
    expect(OWNED).toEqual(expect.arrayContaining([
      `${QUIZVERSE.id}:ratings`, `${QUIZVERSE.id}:achievements`, `${QUIZVERSE.id}:inventory`, `${QUIZVERSE.id}:season_pass`,
      `${QUIZVERSE.id}:live_event_progress`, `${QUIZVERSE.id}:matchmaking`, `${QUIZVERSE.id}:match_history`,
      `${LASTTOLIVE.id}:ratings`, `${LASTTOLIVE.id}:live_events`, `${LASTTOLIVE.id}:parties`, 'match_records',
    ]));
  });

  test.each([...OWNED, ...NOT_OURS])('WriteStorageObjects to %s is refused with PERMISSION_DENIED and stores nothing', async (collection) => {
    const error = await rpcError(forger.client.writeStorageObjects(forger.session, [{ collection, key: 'skill', value: forgedValue(collection), permission_read: 1, permission_write: 1 }]));
    expect(error).toMatchObject({ status: 403, code: 7 });
    expect(error.message).toMatch(/^PERMISSION_DENIED: .* belongs to the server/);
    expect(await readOwn(forger, collection, 'skill')).toEqual([]);
  });

  test('a refused forgery is not served: the forger is matched at the initial rating, not the forged 2999', async () => {
    await rpcError(forger.client.writeStorageObjects(forger.session, [{ collection: `${QUIZVERSE.id}:ratings`, key: 'skill', value: forgedValue(':ratings') }]));
    const found = await rpc<{ rating: number }>(forger, 'matchmaking_find_match', { game_id: QUIZVERSE.id, mode: 'duel' });
    expect(found.rating).toBe(1500); // the initial Elo rating (docs/ratings.md)
    await rpc(forger, 'matchmaking_cancel', { game_id: QUIZVERSE.id });
  });

  test('one refused object refuses the whole request, player_data in it included', async () => {
    const error = await rpcError(forger.client.writeStorageObjects(forger.session, [
      { collection: `${QUIZVERSE.id}:${PLAYER_DATA}`, key: 'mixed', value: { ok: true } },
      { collection: `${QUIZVERSE.id}:achievements`, key: 'progress', value: forgedValue('achievements') },
    ]));
    expect(error.code).toBe(7);
    expect(await readOwn(forger, `${QUIZVERSE.id}:${PLAYER_DATA}`, 'mixed')).toEqual([]);
  });

  test('DeleteStorageObjects of a server-owned document is refused and the document stays', async () => {
    await serverRpc('matchmaking_update_skill_rating', { game_id: LASTTOLIVE.id, user_id: forger.userId, mode: 'solo', rating: 1500 });
    const collection = `${LASTTOLIVE.id}:ratings`;
    const error = await rpcError(forger.client.deleteStorageObjects(forger.session, { object_ids: [{ collection, key: 'skill' }] }));
    expect(error).toMatchObject({ status: 403, code: 7 });
    const [stored] = await readOwn(forger, collection, 'skill');
    expect((stored.value as { modes: { solo: { rating: number } } }).modes.solo.rating).toBe(1500);
  });

  test("player_data stays the player's: written, overwritten after the server wrote it, read and deleted through Nakama's API", async () => {
    const collection = `${LASTTOLIVE.id}:${PLAYER_DATA}`;
    await rpc(forger, 'batch_write_storage', { game_id: LASTTOLIVE.id, writes: [{ key: 'loadout', value: { weapon: 'rifle' } }] });
    await forger.client.writeStorageObjects(forger.session, [{ collection, key: 'loadout', value: { weapon: 'smg' } }]);
    const read = await rpc<{ objects: { key: string; value: unknown }[] }>(forger, 'batch_read_storage', { game_id: LASTTOLIVE.id, reads: [{ collection: PLAYER_DATA, key: 'loadout' }] });
    expect(read.objects).toEqual([expect.objectContaining({ key: 'loadout', value: { weapon: 'smg' } })]);
    await forger.client.deleteStorageObjects(forger.session, { object_ids: [{ collection, key: 'loadout' }] });
    expect(await readOwn(forger, collection, 'loadout')).toEqual([]);
  });

  test('player_data has its size caps on both paths: 16 KB per value, 64 objects per player and game', async () => {
    const collection = `${QUIZVERSE.id}:${PLAYER_DATA}`;
    const big = { blob: 'x'.repeat(17 * 1024) };
    const error = await rpcError(other.client.writeStorageObjects(other.session, [{ collection, key: 'big', value: big }]));
    expect(error).toMatchObject({ status: 400, code: 3 });
    expect(error.message).toMatch(/at most 16384 bytes/);
    // 64 objects, 20 per request (the write limit is 30 requests per 10 s).
    for (let from = 0; from < 64; from += 20) {
      const keys = Array.from({ length: Math.min(20, 64 - from) }, (_, i) => `k${from + i}`);
      await other.client.writeStorageObjects(other.session, keys.map((key) => ({ collection, key, value: { n: 1 } })));
    }
    const full = await rpcError(other.client.writeStorageObjects(other.session, [{ collection, key: 'k64', value: { n: 1 } }]));
    expect(full).toMatchObject({ status: 400, code: 9 });
    expect(full.message).toMatch(/at most 64 objects/);
    const viaRpc = await rpcError(rpc(other, 'batch_write_storage', { game_id: QUIZVERSE.id, writes: [{ key: 'k65', value: { n: 1 } }] }));
    expect(viaRpc.code).toBe(9);
    // Overwriting a held key is no new object.
    await other.client.writeStorageObjects(other.session, [{ collection, key: 'k0', value: { n: 2 } }]);
    const list = await other.client.listStorageObjects(other.session, collection, other.userId, 100);
    expect(list.objects.length).toBe(64);
  });

  test("another player's documents can be neither read nor listed", async () => {
    await serverRpc('achievements_update_progress', { game_id: QUIZVERSE.id, user_id: forger.userId, achievement_id: 'first_correct_answer', increment: 1 });
    const collection = `${QUIZVERSE.id}:achievements`;
    const read = await other.client.readStorageObjects(other.session, { object_ids: [{ collection, key: 'progress', user_id: forger.userId }] });
    expect(read.objects).toEqual([]);
    const listed = await other.client.listStorageObjects(other.session, collection, forger.userId, 100);
    expect(listed.objects || []).toEqual([]);
    // The owner reads their own (read-only for them).
    expect(await readOwn(forger, collection, 'progress')).toHaveLength(1);
  });

  test('leaderboard and tournament records and entries are refused: scores come from matches', async () => {
    const board = `${QUIZVERSE.id}:trust_board`;
    await serverRpc('batch_leaderboard_submissions', { game_id: QUIZVERSE.id, leaderboard: 'trust_board', records: [{ user_id: other.userId, score: 10 }] });
    const attempts: [string, () => Promise<unknown>][] = [
      ['WriteLeaderboardRecord', () => forger.client.writeLeaderboardRecord(forger.session, board, { score: '1000000' })],
      ['WriteTournamentRecord', () => forger.client.writeTournamentRecord(forger.session, 'any_tournament', { score: '1000000' })],
      ['JoinTournament', () => forger.client.joinTournament(forger.session, 'any_tournament')],
    ];
    for (const [api, attempt] of attempts) {
      const error = await rpcError(attempt());
      expect({ api, ...error }).toMatchObject({ api, status: 403, code: 7 });
      expect(error.message).toMatch(/^PERMISSION_DENIED: /);
    }
    expect(await clientCall(other, 'DELETE', `/v2/leaderboard/${encodeURIComponent(board)}`)).toMatchObject({ status: 403, body: { code: 7 } });
    const records = await forger.client.listLeaderboardRecords(forger.session, board, undefined, 10);
    expect((records.records || []).map((r) => [r.owner_id, r.score])).toEqual([[other.userId, 10]]);
  });

  test('writes through the storage API count against the write rate limit', async () => {
    const p = await connectPlayer('limited');
    try {
      const collection = `${LASTTOLIVE.id}:${PLAYER_DATA}`;
      const write = (i: number) => p.client.writeStorageObjects(p.session, [{ collection, key: `r${i % 4}`, value: { i } }]);
      // The limit counts per fixed 10 s window: start early in one.
      const into = Date.now() % 10000;
      if (into > 5000) await new Promise((resolve) => setTimeout(resolve, 10000 - into + 20));
      for (let i = 0; i < 30; i++) await write(i);
      const refused = await rpcError(write(30));
      expect(refused).toMatchObject({ status: 429, code: 8, message: expect.stringMatching(/^RESOURCE_EXHAUSTED: rate limit: api:WriteStorageObjects allows 30 calls per 10 s/) });
    } finally {
      p.close();
    }
  });

  test('every refusal leaves an audit line naming the player and the API', () => {
    const log = fs.readFileSync(process.env.NAKAMA_LOG!, 'utf8');
    expect(log).toContain(`audit: refused WriteStorageObjects by ${forger.userId}`);
    expect(log).toContain(`audit: refused DeleteStorageObjects by ${forger.userId}`);
    expect(log).toContain(`audit: refused WriteLeaderboardRecord by ${forger.userId}`);
    expect(log).toContain(`audit: refused JoinTournament by ${forger.userId}`);
  });
});
