import { Client } from '@heroiclabs/nakama-js';
import fs from 'fs';
import { collectionOf, type DocumentKind } from '../../core/documents';
import { ERRORS } from '../../core/errors';
import type { HostedRpc } from '../../core/plugin-host';
import type { FieldSpec } from '../../core/validate';
import { MODULE } from '../../main';
import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { QUIZVERSE } from '../../matches/quiz/game-quizverse';
import { consoleToken, consoleWriteStorage, server } from './support/nakama';

/**
 * Hostile stored documents: every document the server reads back is untrusted input. A victim
 * player's documents of every player kind of the registry (core/documents.ts) are replaced, round
 * after round, by a valid document with one field broken (wrong types, out of range, huge, nested,
 * `__proto__`), first through Nakama's client API (refused: the trust boundary) and then through the
 * console API, which no hook guards (as an operator's edit or an older version's format would). Then
 * every player RPC of the module is called for the victim in both games: each answer must be clean
 * (a normal answer or a documented client error, never INTERNAL), and no answer may serve a broken
 * value as it is (every broken string carries MARK, which no answer may contain).
 */
const GAMES = [QUIZVERSE, LASTTOLIVE];
const MARK = 'HOSTILE<mark>';
const NOW = Date.now();
const MATCH = '6f1c1a2b-0000-4000-8000-000000000001.nakama1';
const SOMEONE = '6f1c1a2b-0000-4000-8000-000000000002';
const NO_SUCH_PARTY = '00000000-0000-4000-8000-000000000000.fuzz';

/**
 * A valid document of each player kind (the test fails for a new kind until it has one here).
 * `freeForm`: top-level fields that hold the player's own JSON object (a cloud save's data): any
 * object there is valid and served as it is, so they are broken only into what is not an object.
 */
const TEMPLATES: { [kind: string]: { key: string; value: object; freeForm?: string[] } } = {
  ratings: { key: 'skill', value: { modes: { duel: { rating: 1600, games: 3 }, solo: { rating: 1200, games: 2, mu: 1200, sigma: 300 } }, processed: ['e1'] } },
  achievements: { key: 'progress', value: { achievements: { first_correct_answer: { progress: 1, reached: 1, claimed: 0, unlocked_at: NOW }, first_kill: { progress: 1, reached: 1, claimed: 1 } }, processed: [] } },
  inventory: { key: 'items', value: { items: { hint_token: { count: 2, first_at: NOW } } } },
  matchmaking: { key: 'status', value: { state: 'searching', mode: 'duel', since: NOW, submitted_at: NOW, party_id: NO_SUCH_PARTY, match_id: MATCH, matched_at: NOW, wait_ms: 10 } },
  match_history: {
    key: '0000000000001:x',
    value: { match_id: MATCH, mode: 'duel', ended_at: NOW, placement: 1, result: 'win', score: 10, players: 2, teammates: [SOMEONE], opponents: [{ user_id: SOMEONE, placement: 2 }], rating_before: 1500, rating_after: 1520, rating_change: 20 },
  },
  season_pass: { key: 'any_season', value: { premium: true, claimed: { free: [1], premium: [2] }, processed: [] } },
  live_event_progress: { key: 'any_event', value: { missions: { m1: { progress: 1, completed_at: NOW } }, points: 5, contributions: 1, community_claimed: false, processed: [] } },
  tournament_entries: { key: 'entries', value: { entries: { 'cup@1796549497': {
    tournament_id: 'cup', status: 'joined', joined_at: NOW, starts_at: NOW, ends_at: NOW + 1000, fee: 10, fee_currency: 'coins', points: [120, 75], score: 195, rank: 0, prize: { currencies: { coins: 5 } },
  } }, processed: [] } },
  experiment_exposures: { key: 'exposures', value: { experiments: { any_experiment: { cohort: 'control', exposed_at: NOW } } } },
  reward_inbox: { key: 'inbox', value: { rewards: [{ id: 'admin:x', source: 'admin', source_id: 'x', rewards: { currencies: { coins: 5 } }, status: 'PENDING', created_at: NOW, expires_at: NOW + 86400000 }], processed: [] } },
  quests: { key: 'progress', value: { quests: { quiz_apprentice: {
    status: 'IN_PROGRESS', attempt: 1, started_at: NOW, expires_at: null, steps: { three_right: { requirements: [{ value: 2, events: 2 }] }, finish_match: { requirements: [{ value: 0 }] } },
    rewarded: [], history: [{ status: 'IN_PROGRESS', at: NOW }],
  } }, processed: [] } },
  daily_missions: { key: 'today', value: { day: Math.floor(NOW / 86400000), missions: { play_two: { value: 1, events: 1 } }, processed: [] } },
  leaderboard_totals: { key: 'totals', value: { boards: { score_weekly: { period: 0, score: 5 }, wins_all_time: { period: 0, score: 2 } }, processed: ['e1'] } },
  daily_login: { key: 'streak', value: { streak: 3, last_day: Math.floor(NOW / 86400000) - 1, claims: 5, processed: [] } },
  // Key x: the slot the player RPCs' payloads name (payloadFor), so save_get serves it.
  cloud_save: { key: 'x', value: { data: {}, size: 2, updated_at: NOW }, freeForm: ['data'] },
};
/** Player data is free-form and the player's own to write: nothing in it is hostile to the server. */
const PLAYER_KINDS = (MODULE.plugins.documents as DocumentKind<unknown>[]).filter((k) => k.owner === 'player' && !k.playerWrites);

/** An object whose own keys include `__proto__` (a literal would set the prototype instead). */
const own = (json: string) => JSON.parse(json) as object;
/** What a broken field becomes. */
const BROKEN: unknown[] = [MARK, -1, 1.5, 1e308, [MARK], { [MARK]: MARK }, null, own(`{"__proto__": {"admin": "${MARK}"}}`), JSON.parse(`${'{"a":'.repeat(30)}"${MARK}"${'}'.repeat(30)}`)];

/** Paths of a value's fields and entries, three levels deep. */
function paths(value: unknown, prefix: string[] = [], depth = 0): string[][] {
  if (depth >= 3 || typeof value !== 'object' || value === null) return [];
  const keys = Array.isArray(value) ? value.map((_, i) => String(i)) : Object.keys(value);
  return keys.flatMap((k) => [[...prefix, k], ...paths((value as { [k: string]: unknown })[k], [...prefix, k], depth + 1)]);
}

function withPath(value: object, path: string[], replacement: unknown): object {
  const copy = JSON.parse(JSON.stringify(value));
  let at = copy;
  for (const k of path.slice(0, -1)) at = at[k];
  at[path[path.length - 1]] = replacement;
  return copy;
}

const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The template, then the template with each field broken in each way; and documents not shaped like it at all. */
function variantsOf(template: object, freeForm: string[] = []): object[] {
  const inside = (path: string[]) => path.length > 1 && freeForm.indexOf(path[0]) >= 0;
  const broken = paths(template).filter((path) => !inside(path)).flatMap((path) => BROKEN
    .filter((b) => !(path.length === 1 && freeForm.indexOf(path[0]) >= 0 && isObject(b)))
    .map((b) => withPath(template, path, b)));
  return [template, ...broken, {}, { [MARK]: MARK }, own(`{"__proto__": {"modes": "${MARK}"}}`)];
}

/** A payload that takes an RPC deep for the victim in a game: real ids where the game has them, the victim's documents. */
function payloadFor(h: HostedRpc, game: typeof QUIZVERSE): { [field: string]: unknown } {
  const payload: { [field: string]: unknown } = {};
  const schema = h.rpc.payload;
  for (const field of Object.keys(schema)) {
    const spec = schema[field];
    if (field === 'game_id') payload.game_id = game.id;
    else if (field === 'mode') payload.mode = Object.keys(game.modes)[0];
    else if (field === 'achievement_id') payload.achievement_id = game.id === QUIZVERSE.id ? 'first_correct_answer' : 'first_kill';
    else if (field === 'reads') payload.reads = PLAYER_KINDS.map((k) => ({ collection: k.collection || k.name, key: TEMPLATES[k.name].key }));
    else if (field === 'calls') payload.calls = [{ rpc_id: 'player_overview', payload: { game_id: game.id } }, { rpc_id: 'matchmaking_get_status', payload: { game_id: game.id } }];
    else if (spec.required) payload[field] = requiredValue(spec);
  }
  return payload;
}

function requiredValue(spec: FieldSpec): unknown {
  switch (spec.type) {
    case 'string': return ['x', NO_SUCH_PARTY, 'any_event', '0'.repeat(32)].filter((v) => !spec.pattern || spec.pattern.test(v))[0];
    case 'integer': return spec.min ?? 1;
    case 'boolean': return false;
    case 'uuid':
    case 'user': return SOMEONE;
    case 'object': return {};
    case 'array': return [];
  }
}

/** gRPC code -> HTTP status, as Nakama maps them. */
const HTTP_OF: { [code: number]: number } = { 3: 400, 5: 404, 6: 409, 7: 403, 8: 429, 9: 400, 16: 401 };

/** Why an answer is not clean, or null. */
function problemOf(status: number, text: string): string | null {
  if (text.indexOf(MARK) >= 0) return 'served a broken value as it is';
  if (status >= 200 && status < 300) return null;
  let body: { code?: number; message?: string };
  try {
    body = JSON.parse(text);
  } catch {
    return 'an error that is not JSON';
  }
  if (status >= 500 || body.code === 13) return 'INTERNAL';
  if (HTTP_OF[body.code!] !== status) return `HTTP ${status} does not match code ${body.code}`;
  if (!Object.keys(ERRORS).some((c) => (body.message || '').startsWith(`${c}:`))) return 'the message does not start with a documented error code';
  return null;
}

const RPCS = (MODULE.plugins.rpcs as HostedRpc[]).filter((h) => h.rpc.access === 'player');
/** Rounds each victim takes: every RPC it calls twice a round (both games) stays under its rate limit. */
const ROUNDS_PER_VICTIM = 12;

describe('hostile stored documents of every player kind', () => {
  const variants: { [kind: string]: object[] } = {};
  for (const k of PLAYER_KINDS) if (TEMPLATES[k.name]) variants[k.name] = variantsOf(TEMPLATES[k.name].value, TEMPLATES[k.name].freeForm);
  const rounds = Math.max(...Object.keys(variants).map((k) => variants[k].length));
  const findings: string[] = [];
  let victims: { userId: string; token: string; client: Client; session: any }[] = [];
  let token: string;

  beforeAll(async () => {
    token = await consoleToken();
    const { host, port, serverKey } = server();
    victims = await Promise.all(Array.from({ length: Math.ceil(rounds / ROUNDS_PER_VICTIM) }, async (_, i) => {
      const client = new Client(serverKey, host, port, false);
      const session = await client.authenticateDevice(`hostile-docs-${i}-${process.pid}-${Date.now()}`, true);
      return { userId: session.user_id!, token: session.token, client, session };
    }));
  });

  test('every player kind of the registry has a template here', () => {
    expect(PLAYER_KINDS.map((k) => k.name).filter((name) => !TEMPLATES[name])).toEqual([]);
    expect(rounds).toBeGreaterThan(50);
  });

  test('each broken document is refused through the client API, and every player RPC answers cleanly once it is stored anyway', async () => {
    const { host, port } = server();
    const call = async (victim: { token: string }, id: string, payload: object) => {
      const res = await fetch(`http://${host}:${port}/v2/rpc/${id}`, { method: 'POST', headers: { authorization: `Bearer ${victim.token}` }, body: JSON.stringify(JSON.stringify(payload)) });
      return { status: res.status, text: await res.text() };
    };
    const runVictim = async (v: number) => {
      const victim = victims[v];
      for (let round = v * ROUNDS_PER_VICTIM; round < Math.min(rounds, (v + 1) * ROUNDS_PER_VICTIM); round++) {
        const planted = GAMES.flatMap((game) => PLAYER_KINDS.map((kind) => {
          const list = variants[kind.name];
          return { collection: collectionOf(kind, game.id), key: TEMPLATES[kind.name].key, value: list[round % list.length] };
        }));
        // Through the client API: refused as a whole (the trust boundary), so nothing is stored that way.
        const direct = await victim.client.writeStorageObjects(victim.session, planted.slice(0, 20).map((o) => ({ ...o, value: o.value as object }))).then(() => 200, (r: Response) => r.status);
        if (direct !== 403) findings.push(`round ${round}: WriteStorageObjects of hostile documents answered ${direct}, not 403`);
        await Promise.all(planted.map((o) => consoleWriteStorage(token, { ...o, userId: victim.userId })));
        for (const h of RPCS) {
          const games = (h.rpc as { scope?: string }).scope === 'global' ? [QUIZVERSE] : GAMES.filter((g) => h.games.indexOf(g.id) >= 0);
          for (const game of games) {
            const payload = payloadFor(h, game);
            const { status, text } = await call(victim, h.rpc.id, payload);
            const problem = problemOf(status, text);
            if (problem) findings.push(`round ${round} ${h.rpc.id} ${JSON.stringify(payload).slice(0, 120)}: ${problem}\n    stored ${JSON.stringify(planted.map((p) => p.value)).slice(0, 400)}\n    answer ${status} ${text.slice(0, 300)}`);
          }
        }
      }
    };
    await Promise.all(victims.map((_, v) => runVictim(v)));
    if (findings.length > 0) throw new Error(`${findings.length} answers were not clean:\n${findings.slice(0, 20).join('\n')}`);
  }, 300000);

  test('the server logged what it repaired or refused, naming the document', () => {
    const log = fs.readFileSync(process.env.NAKAMA_LOG!, 'utf8');
    for (const kind of ['ratings', 'achievements', 'matchmaking', 'match_history']) {
      expect(log).toMatch(new RegExp(`untrusted document ${QUIZVERSE.id}:${kind}/\\S+ of ${victims[0].userId} (repaired|treated as missing)`));
    }
  });
});
