import type { HostedRpc } from '../../core/plugin-host';
import type { FieldSpec } from '../../core/validate';
import { MODULE } from '../../main';
import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { QUIZVERSE } from '../../matches/quiz/game-quizverse';
import { LASTTOLIVE_ACHIEVEMENTS } from '../../plugins/achievements/definitions/lasttolive';
import { QUIZVERSE_ACHIEVEMENTS } from '../../plugins/achievements/definitions/quizverse';
import { connectPlayer, consoleToken, rpc, server, serverRpc, walletLedger, type Player } from './support/nakama';

/**
 * Game isolation on the real server: a player with coins, items, achievements, ratings, a party and
 * a search in QuizVerse (game A) calls every player RPC with LastToLive's id (game B), naming
 * QuizVerse's own ids (achievements, modes, categories, the party). No answer may show QuizVerse data,
 * and QuizVerse state stays exactly as it was; writing in LastToLive touches only LastToLive keys.
 * The RPCs come from the code (MODULE), so a new RPC is covered without editing this file.
 */

const A = QUIZVERSE;
const B = LASTTOLIVE;
const SYSTEM_USER = '00000000-0000-0000-0000-000000000000';
/** Ratings set by hand in A: values nothing in B has. */
const A_DUEL_RATING = 2345;
const A_PARTY_RATING = 2468;

const HOSTED: HostedRpc[] = MODULE.plugins.rpcs;
const isGlobal = (h: HostedRpc) => (h.rpc as { scope?: string }).scope === 'global';
const PLAYER_RPCS = HOSTED.filter((h) => h.rpc.access === 'player' && (isGlobal(h) || h.games.indexOf(B.id) >= 0)).map((h) => h.rpc.id);
const hostedOf = (id: string) => HOSTED.filter((h) => h.rpc.id === id)[0];

// ---------------------------------------------------------------------------------------------------
// What belongs to A only: any of it in an answer about B is a leak (unless the request itself named it).

const bText = JSON.stringify([B, LASTTOLIVE_ACHIEVEMENTS]);
const aOnly = (values: string[]) => [...new Set(values)].filter((v) => v.length > 2 && !bText.includes(v));
const A_ACHIEVEMENT_IDS = aOnly(QUIZVERSE_ACHIEVEMENTS.map((d) => d.id));
const A_CATEGORIES = aOnly(QUIZVERSE_ACHIEVEMENTS.map((d) => d.category));
const A_MODES = Object.keys(A.modes).filter((m) => !(m in B.modes));

function markersOfA(partyId: string): string[] {
  return [
    A.id,
    ...A_ACHIEVEMENT_IDS,
    ...aOnly(QUIZVERSE_ACHIEVEMENTS.map((d) => d.name)),
    ...aOnly(QUIZVERSE_ACHIEVEMENTS.map((d) => d.description)),
    ...aOnly(Object.keys(A.items)),
    ...aOnly(Object.keys(A.items).map((i) => A.items[i].name)),
    ...A_MODES.map((m) => JSON.stringify(m)), // as a JSON string: "duel", "party" (not party_id)
    partyId,
  ];
}

/** Numbers anywhere in a JSON value. */
function numbersIn(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => numbersIn(v, out));
  else if (value && typeof value === 'object') Object.keys(value).forEach((k) => numbersIn((value as { [k: string]: unknown })[k], out));
  return out;
}

/** A's data found in an answer (markers the request itself carried are echoes, not leaks). */
function leaksIn(request: string, answer: string, parsed: unknown, partyId: string): string[] {
  const found = markersOfA(partyId).filter((m) => answer.includes(m) && !request.includes(m));
  for (const n of [A_DUEL_RATING, A_PARTY_RATING]) if (numbersIn(parsed).indexOf(n) >= 0) found.push(`the QuizVerse rating ${n}`);
  return found;
}

// ---------------------------------------------------------------------------------------------------
// Payloads: game B's id, and every field filled with A's own ids where it takes one.

function candidatesFor(field: string, spec: FieldSpec, partyId: string): unknown[] {
  if (field === 'game_id') return [B.id];
  if (field === 'achievement_id') return A_ACHIEVEMENT_IDS;
  if (field === 'mode') return A_MODES;
  if (field === 'category') return A_CATEGORIES;
  if (field === 'party_id') return [partyId];
  switch (spec.type) {
    case 'string': return ['fuzz_missing', `${SYSTEM_USER.replace(/^0/, 'a')}.fuzz`, '0'.repeat(32)].filter((v) => fits(spec, v)).slice(0, 1);
    case 'integer': return [spec.min ?? 1];
    case 'boolean': return [true];
    case 'uuid': return [SYSTEM_USER];
    case 'user': return [SYSTEM_USER];
    case 'object': return [{}];
    case 'array': return [[]];
  }
}

const fits = (spec: Extract<FieldSpec, { type: 'string' }>, v: string) => (spec.maxLength === undefined || v.length <= spec.maxLength) && (!spec.pattern || spec.pattern.test(v));

/** The base payload (required fields), then one payload per other A-specific value of each field, optional ones included. */
function payloadsFor(h: HostedRpc, partyId: string): object[] {
  const schema = h.rpc.payload;
  const base: { [k: string]: unknown } = {};
  for (const field of Object.keys(schema)) {
    if (!schema[field].required) continue;
    const [first] = candidatesFor(field, schema[field], partyId);
    if (first === undefined) throw new Error(`${h.rpc.id}: no value for the required field ${field}: teach game-isolation.test.ts one`);
    base[field] = first;
  }
  const list: object[] = [base];
  for (const field of Object.keys(schema)) {
    for (const value of candidatesFor(field, schema[field], partyId)) list.push({ ...base, [field]: value });
  }
  const seen = new Set<string>();
  return list.filter((p) => !seen.has(JSON.stringify(p)) && !!seen.add(JSON.stringify(p)));
}

// ---------------------------------------------------------------------------------------------------
// Calls and state.

interface Answer { status: number; text: string; body: unknown }

async function call(player: Player, id: string, payload: object): Promise<Answer> {
  const { host, port } = server();
  const res = await fetch(`http://${host}:${port}/v2/rpc/${id}`, {
    method: 'POST', headers: { authorization: `Bearer ${player.session.token}`, 'content-type': 'application/json' }, body: JSON.stringify(JSON.stringify(payload)),
  });
  const text = await res.text();
  let body: unknown;
  try {
    const outer = JSON.parse(text);
    body = res.ok ? JSON.parse(outer.payload) : outer;
  } catch {
    body = undefined;
  }
  return { status: res.status, text: res.ok ? JSON.stringify(body) : text, body };
}

async function serverCall(id: string, payload: object): Promise<Answer> {
  const { host, port, httpKey } = server();
  const res = await fetch(`http://${host}:${port}/v2/rpc/${id}?http_key=${encodeURIComponent(httpKey)}&unwrap`, { method: 'POST', body: JSON.stringify(payload) });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, text, body };
}

let token: Promise<string> | null = null;

async function consoleGet(path: string): Promise<any> {
  const { host, consolePort } = server();
  token = token || consoleToken();
  const res = await fetch(`http://${host}:${consolePort}${path}`, { headers: { authorization: `Bearer ${await token}` } });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`console ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

const ofGame = (gameId: string, key: string) => key.startsWith(`${gameId}:`);
const pick = (obj: { [k: string]: unknown }, keep: (k: string) => boolean) => Object.fromEntries(Object.keys(obj).filter(keep).sort().map((k) => [k, obj[k]]));

/** Everything the player has in one game: as the player sees it, and as the database holds it. */
async function gameState(player: Player, game: typeof A, partyId: string): Promise<unknown> {
  const g = { game_id: game.id };
  const exported = await consoleGet(`/v2/console/account/${player.userId}/export`);
  const status = await rpc<{ state: string; mode?: string; rating?: number }>(player, 'matchmaking_get_status', g);
  const ledger = await walletLedger(player.userId);
  return {
    overview: await rpc(player, 'player_overview', g),
    achievements: await rpc(player, 'achievements_get_all', g),
    stats: await rpc(player, 'achievements_get_player_stats', g),
    history: await rpc(player, 'matchmaking_get_match_history', { ...g, limit: 100 }),
    search: { state: status.state, mode: status.mode, rating: status.rating },
    wallet: pick(JSON.parse(exported.account.wallet || '{}'), (k) => ofGame(game.id, k)),
    storage: (exported.objects || []).filter((o: { collection: string }) => ofGame(game.id, o.collection)),
    ledger: ledger.filter((l) => Object.keys(l.changeset).some((k) => ofGame(game.id, k))),
    party: await consoleGet(`/v2/console/storage/${encodeURIComponent(`${game.id}:parties`)}/${encodeURIComponent(partyId)}/${SYSTEM_USER}`),
  };
}

// ---------------------------------------------------------------------------------------------------


/** A game's balances as the user's ledger entries of that game add them up (per plain currency name). */
async function ledgerTotals(userId: string, game: { id: string; currencies: string[] }): Promise<{ [currency: string]: number }> {
  const entries = (await walletLedger(userId)).filter((e) => e.metadata.game_id === game.id);
  return Object.fromEntries(game.currencies.map((c) => [c, entries.reduce((n, e) => n + (e.changeset[`${game.id}:${c}`] || 0), 0)]));
}

describe("a player can neither read nor change one game's data through another game", () => {
  let player: Player;
  let partyId: string;
  let stateOfA: unknown;

  beforeAll(async () => {
    player = await connectPlayer('iso');
    const a = { game_id: A.id, user_id: player.userId };
    // QuizVerse: 50 coins (first_correct_answer), 200 coins + 100 xp + a badge (quiz_streak_10),
    // a manual reward waiting (round_winner), hand-set ratings, a registered party and a search.
    await serverRpc('achievements_update_progress', { ...a, achievement_id: 'first_correct_answer', increment: 1 });
    await serverRpc('achievements_update_progress', { ...a, achievement_id: 'quiz_streak_10', increment: 10 });
    await serverRpc('achievements_update_progress', { ...a, achievement_id: 'round_winner', increment: 20 });
    await serverRpc('matchmaking_update_skill_rating', { ...a, mode: 'duel', rating: A_DUEL_RATING });
    await serverRpc('matchmaking_update_skill_rating', { ...a, mode: 'party', rating: A_PARTY_RATING });
    partyId = (await player.socket.createParty(true, 4)).party_id;
    await rpc(player, 'matchmaking_create_party', { game_id: A.id, mode: 'party', party_id: partyId });
    await rpc(player, 'matchmaking_find_match', { game_id: A.id, mode: 'duel' });
    stateOfA = await gameState(player, A, partyId);
  });
  afterAll(async () => {
    if (!player) return;
    await rpc(player, 'matchmaking_cancel', { game_id: A.id }).catch(() => undefined);
    await rpc(player, 'matchmaking_leave_party', { game_id: A.id, party_id: partyId }).catch(() => undefined);
    player.close();
  });

  test('the player has QuizVerse coins, items, achievements, ratings, a party and a search', () => {
    expect(stateOfA).toMatchObject({
      overview: { game_id: A.id, wallet: { coins: 250, xp: 100 }, ratings: { duel: { rating: A_DUEL_RATING }, party: { rating: A_PARTY_RATING } } },
      stats: { unlocked: 3, claimable: 1 },
      search: { state: 'searching', mode: 'duel' },
      wallet: { [`${A.id}:coins`]: 250, [`${A.id}:xp`]: 100 },
      storage: expect.arrayContaining([expect.objectContaining({ collection: `${A.id}:inventory` })]),
      party: expect.objectContaining({ collection: `${A.id}:parties`, key: partyId }),
    });
    expect(PLAYER_RPCS.length).toBeGreaterThan(0);
  });

  test.each(PLAYER_RPCS)('%s called with the LastToLive id shows no QuizVerse data', async (id) => {
    const h = hostedOf(id);
    const payloads = isGlobal(h) ? [{}] : payloadsFor(h, partyId);
    const problems: string[] = [];
    for (const payload of payloads) {
      const request = JSON.stringify(payload);
      const answer = await call(player, id, payload);
      const leaks = leaksIn(request, answer.text, answer.body, partyId);
      if (answer.status >= 500) problems.push(`${request} -> ${answer.status} ${answer.text}`);
      if (leaks.length > 0) problems.push(`${request} -> ${answer.status} ${answer.text.slice(0, 400)}\n    shows ${leaks.join(', ')}`);
      const body = answer.body as { game_id?: unknown } | undefined;
      if (answer.status === 200 && body && 'game_id' in body && body.game_id !== B.id) problems.push(`${request} -> game_id ${String(body.game_id)}`);
    }
    if (problems.length > 0) throw new Error(`${id} showed QuizVerse data through LastToLive:\n${problems.join('\n')}`);
  });

  test("LastToLive's menus show LastToLive's own data only", async () => {
    const b = { game_id: B.id };
    const overview = await rpc<any>(player, 'player_overview', b);
    // LastToLive's balances are what LastToLive's own ledger entries add up to (e.g. today's login reward,
    // claimed when every RPC was called above): nothing of QuizVerse's.
    expect(overview.wallet).toEqual(await ledgerTotals(player.userId, B));
    expect(Object.keys(overview.ratings).sort()).toEqual(Object.keys(B.modes).sort());
    expect(overview.achievements.map((x: { id: string }) => x.id).sort()).toEqual(LASTTOLIVE_ACHIEVEMENTS.map((d) => d.id).sort());
    expect(await rpc(player, 'matchmaking_get_status', b)).toEqual({ state: 'idle' });
    expect(await rpc(player, 'achievements_get_player_stats', b)).toMatchObject({ unlocked: 0, claimable: 0, points: 0 });
  });

  test('QuizVerse state is unchanged after every RPC was called with the LastToLive id', async () => {
    expect(await gameState(player, A, partyId)).toEqual(stateOfA);
  });

  test("writing in LastToLive (claims, searches, parties, ratings, admin grants) touches only LastToLive's wallet keys and data", async () => {
    const b = { game_id: B.id };
    const ledgerBefore = (await walletLedger(player.userId)).length;
    const walletBefore = JSON.parse((await consoleGet(`/v2/console/account/${player.userId}/export`)).account.wallet || '{}');

    // A manual LastToLive reward, claimed by the player: 250 LastToLive coins and two crates.
    await serverRpc('achievements_update_progress', { ...b, user_id: player.userId, achievement_id: 'veteran', increment: 50 });
    const claimed = await rpc<any>(player, 'achievements_claim', { ...b, achievement_id: 'veteran' });
    expect(claimed.claimed).toEqual([{ tier: null, rewards: { currencies: { coins: 250 }, items: { crate_common: 2 } } }]);
    // QuizVerse's waiting reward cannot be claimed through LastToLive.
    expect(await call(player, 'achievements_claim', { ...b, achievement_id: 'round_winner' })).toMatchObject({ status: 404 });
    // A search and its cancel, a party registered for LastToLive too and left again.
    await rpc(player, 'matchmaking_find_match', { ...b, mode: 'solo' });
    expect(await rpc(player, 'matchmaking_cancel', b)).toEqual({ cancelled: true });
    expect(await rpc(player, 'matchmaking_create_party', { ...b, mode: 'duo', party_id: partyId })).toMatchObject({ mode: 'duo', members: [player.userId] });
    expect(await rpc(player, 'matchmaking_leave_party', { ...b, party_id: partyId })).toEqual({ left: true, party: null });
    // Season claims and purchases in LastToLive (refused without a season or without gems; fine either way).
    for (const id of ['season_claim_tier_rewards', 'season_purchase_premium']) expect((await call(player, id, b)).status).toBeLessThan(500);
    // Admin writes in LastToLive naming QuizVerse's ids are refused; LastToLive's own apply to LastToLive.
    expect(await serverCall('achievements_update_progress', { ...b, user_id: player.userId, achievement_id: 'first_correct_answer', increment: 1 })).toMatchObject({ status: 404 });
    expect(await serverCall('matchmaking_update_skill_rating', { ...b, user_id: player.userId, mode: 'duel', rating: 1000 })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^UNKNOWN_MODE/) } });
    expect(await serverRpc('matchmaking_update_skill_rating', { ...b, user_id: player.userId, mode: 'solo', rating: 1900 })).toMatchObject({ rating: { rating: 1900 } });
    expect((await serverCall('season_grant_xp', { ...b, user_id: player.userId, amount: 10 })).status).toBeLessThan(500);

    const ledger = await walletLedger(player.userId);
    const added = ledger.slice(0, ledger.length - ledgerBefore); // newest first
    expect(added.length).toBeGreaterThan(0);
    for (const entry of added) {
      expect(Object.keys(entry.changeset).filter((k) => !ofGame(B.id, k))).toEqual([]);
      expect(entry.metadata).toMatchObject({ game_id: B.id });
    }
    const walletAfter = JSON.parse((await consoleGet(`/v2/console/account/${player.userId}/export`)).account.wallet || '{}');
    expect(pick(walletAfter, (k) => !ofGame(B.id, k))).toEqual(pick(walletBefore, (k) => !ofGame(B.id, k)));
    expect(added.filter((e) => e.metadata.reason === 'achievement:veteran').map((e) => e.changeset[`${B.id}:coins`])).toEqual([250]);
    const totals = await ledgerTotals(player.userId, B);
    expect(walletAfter[`${B.id}:coins`]).toBe(totals.coins);
    expect(await rpc<any>(player, 'player_overview', b)).toMatchObject({ wallet: totals, ratings: { solo: { rating: 1900 } } });
  });

  test('QuizVerse state is still unchanged at the end', async () => {
    expect(await gameState(player, A, partyId)).toEqual(stateOfA);
  });
});
