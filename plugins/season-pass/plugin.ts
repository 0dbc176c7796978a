import { applyOnce, applyOnceAll, PROCESSED, type OnceDocument, type OnceUnit } from '../../core/apply-once';
import { definitionList } from '../../core/definition-list';
import { defineDocument, documentAt, type Store } from '../../core/documents';
import { isInsufficientFunds, type Grant, type Rewards } from '../../core/economy';
import { runtimeError } from '../../core/errors';
import type { DomainEvent } from '../../core/events';
import type { GameDefinition, GameRegistry } from '../../core/game-registry';
import type { Plugin, RpcCall, Services } from '../../core/plugin';
import { walletKey } from '../../core/scope';
import { playerNow } from '../../core/clock';
import { claimPending, collectDue, readWaiting, type Delivery, type InboxSource } from '../reward-inbox/inbox';
import { bool, int, list, obj, withDefault } from '../../core/shape';
import { activeAt, CLAIM_GRACE_MS, tierOf, TRACKS, validateSeason, xpForTier, type SeasonDefinition, type Track } from './season';

/** A player's pass in one season (storage `<game_id>:season_pass` / <season id>). Season XP is in the wallet. */
interface PassDocument extends OnceDocument {
  premium: boolean;
  /** Tiers whose rewards were delivered to the reward inbox (or, before it, granted), per track. */
  claimed: { free: number[]; premium: number[] };
}

const TIER_LIST = withDefault(list(int(1, 100), 100), () => [] as number[]);

/** `<game_id>:season_pass` / <season id>: the player's pass in that season. */
const SEASON_PASS = defineDocument<PassDocument>({
  name: 'season_pass',
  owner: 'player',
  shape: obj({ premium: withDefault(bool, () => false), claimed: withDefault(obj({ free: TIER_LIST, premium: TIER_LIST }), () => ({ free: [], premium: [] })), processed: PROCESSED }),
  empty: () => ({ premium: false, claimed: { free: [], premium: [] }, processed: [] }),
});

/** Notification code of a reached tier (persistent). */
export const NOTIFY_SEASON_TIER = 300;
const GAME_ID = { type: 'uuid', required: true } as const;
const SEASON_ID = { type: 'string', maxLength: 64, pattern: /^[a-z][a-z0-9_]*$/ } as const;

export interface SeasonPassPlugin extends Plugin {
  /** The wallet currency collecting the running season's XP (`season_xp:<season id>`), or null. */
  seasonCurrency(store: Store, gameId: string, now: number): string | null;
  /** Tier-up notifications for committed XP (the economy calls it). */
  afterCommit(store: Store, grants: Grant[], results: nkruntime.WalletUpdateResult[]): void;
  /** Reached tiers' rewards, for the reward inbox (source `season`, source id `<season>:<track>:<tier>`, expiring with the claim grace). */
  inboxSource: InboxSource;
}

const seasonCurrency = (season: SeasonDefinition) => `season_xp:${season.id}`;
/** A track's rewards of one tier (null: the tier has none on that track). */
const tierRewards = (track: { [tier: string]: Rewards }, tier: number): Rewards | null => track[tier] || null;

/**
 * The season pass: one season at a time per game, tiers reached by season XP (from match events, and
 * from every XP reward of other plugins, which the economy credits to the running season), free and
 * premium reward tracks claimed exactly once, premium bought with a game currency and retroactive.
 * docs/season-pass.md.
 */
export function createSeasonPassPlugin(games: GameRegistry): SeasonPassPlugin {
  /** The game's seasons (cached per node: core/cache.ts seasons). */
  const seasons = definitionList<SeasonDefinition>({ name: 'seasons', key: 'list', cache: 'seasons' }, games, validateSeason);
  const seasonsOf = seasons.read;
  const passTarget = (gameId: string, seasonId: string, userId: string) => documentAt(SEASON_PASS, gameId, seasonId, userId);

  /** The season asked for (default: the running one), or NOT_FOUND / FAILED_PRECONDITION. */
  function requireSeason(store: Store, game: GameDefinition, seasonId: unknown, now: number): SeasonDefinition {
    const seasons = seasonsOf(store, game.id);
    if (typeof seasonId === 'string') {
      const found = seasons.filter((s) => s.id === seasonId)[0];
      if (!found) throw runtimeError('NOT_FOUND', `${game.name} has no season ${seasonId}`);
      return found;
    }
    const active = activeAt(seasons, now);
    if (!active) throw runtimeError('FAILED_PRECONDITION', `no ${game.name} season is running`);
    return active;
  }

  const xpOf = (nk: nkruntime.Nakama, game: GameDefinition, season: SeasonDefinition, userId: string) =>
    (nk.accountGetId(userId).wallet || {})[walletKey(game.id, seasonCurrency(season))] || 0;

  /** Reached tiers with a reward on the track not delivered to the inbox yet (premium only with premium). */
  function undelivered(season: SeasonDefinition, pass: PassDocument, reached: number, track: Track): number[] {
    if (track === 'premium' && !pass.premium) return [];
    const tiers: number[] = [];
    for (let t = 1; t <= reached; t++) if (season.rewards[track][t] && pass.claimed[track].indexOf(t) < 0) tiers.push(t);
    return tiers;
  }
  const sourceId = (season: SeasonDefinition, track: Track, tier: number) => `${season.id}:${track}:${tier}`;

  /** Seasons whose tier rewards can be claimed at `now`: started, and not past the grace after their end. */
  const claimableSeasons = (store: Store, gameId: string, now: number) => seasonsOf(store, gameId).filter((s) => s.starts_at <= now && now < s.ends_at + CLAIM_GRACE_MS);

  const inboxSource: InboxSource = (services, gameId, userId, now) => {
    const open = claimableSeasons(services, gameId, now);
    if (open.length === 0) return null;
    const wallet = services.nk.accountGetId(userId).wallet || {};
    const reached = open.map((s) => tierOf(s, wallet[walletKey(gameId, seasonCurrency(s))] || 0));
    return {
      targets: open.map((s) => passTarget(gameId, s.id, userId)),
      take: (docs) => ([] as Delivery[]).concat(...open.map((season, i) => ([] as Delivery[]).concat(...TRACKS.map((track) => {
        const pass = docs[i] as PassDocument;
        return undelivered(season, pass, reached[i], track).map((tier) => {
          pass.claimed[track].push(tier);
          return { source: 'season', source_id: sourceId(season, track, tier), rewards: season.rewards[track][tier], expires_at: season.ends_at + CLAIM_GRACE_MS };
        });
      })))),
    };
  };

  function progress(store: Store, game: GameDefinition, season: SeasonDefinition, userId: string) {
    const xp = xpOf(store.nk, game, season, userId);
    const { doc: pass, waiting } = readWaiting(store, game.id, passTarget(game.id, season.id, userId), 'season');
    const tier = tierOf(season, xp);
    const isWaiting = (track: Track) => (t: number) => waiting.indexOf(sourceId(season, track, t)) >= 0;
    const view = (track: Track) => ({
      claimable: undelivered(season, pass, tier, track).concat(pass.claimed[track].filter(isWaiting(track))).sort((a, b) => a - b),
      claimed: pass.claimed[track].filter((t) => !isWaiting(track)(t)),
    });
    const [free, premium] = [view('free'), view('premium')];
    return {
      season_id: season.id, xp, tier, tiers: season.tiers,
      xp_for_next_tier: tier < season.tiers ? xpForTier(season, tier + 1) - xp : null,
      premium: pass.premium, claimed: { free: free.claimed, premium: premium.claimed },
      claimable: { free: free.claimable, premium: premium.claimable },
    };
  }

  /** Season XP for match events of the types the running season rewards, once per event, one transaction per delivery. */
  function onEvents(events: DomainEvent[], services: Services): void {
    const { game } = services;
    const season = activeAt(seasonsOf(services, game.id), Date.now());
    if (!season) return;
    const units: OnceUnit<PassDocument>[] = [];
    for (const event of events) {
      const amount = season.match_xp[event.type];
      if (!event.userId || !amount) continue;
      units.push({
        targets: [passTarget(game.id, season.id, event.userId)],
        eventId: event.id,
        change: ([doc]) => ({
          values: [doc],
          grants: [{ userId: event.userId, gameId: game.id, rewards: { currencies: { xp: amount } }, reason: `season:${season.id}:${event.type}`, sourceId: event.id }],
        }),
      });
    }
    if (units.length > 0) applyOnceAll(services, units);
  }

  /** Claim reached tiers' rewards (all, or one tier) from the reward inbox, after moving in what is due. */
  function claim(call: RpcCall<{ [key: string]: unknown }>) {
    const { nk, game, userId, payload } = call;
    const now = playerNow(nk, userId);
    const season = requireSeason(call, game, payload.season_id, now);
    if (now < season.starts_at) throw runtimeError('FAILED_PRECONDITION', `season ${season.id} has not started`);
    if (now >= season.ends_at + CLAIM_GRACE_MS) throw runtimeError('FAILED_PRECONDITION', `season ${season.id} rewards lapsed ${CLAIM_GRACE_MS / 86400000} days after it ended`);
    const only = payload.tier as number | undefined;
    const wanted = (id: string) => TRACKS.some((track) => only !== undefined ? id === sourceId(season, track, only) : id.indexOf(`${season.id}:${track}:`) === 0);
    collectDue(call, game.id, userId, now, [inboxSource]);
    const claimed = claimPending(call, game.id, userId, now, (pending) => pending.filter((r) => r.source === 'season' && wanted(r.source_id)))
      .map((r) => ({ track: r.source_id.split(':')[1] as Track, tier: Number(r.source_id.split(':')[2]), rewards: r.rewards }))
      .sort((a, b) => TRACKS.indexOf(a.track) - TRACKS.indexOf(b.track) || a.tier - b.tier);
    if (claimed.length === 0) throw runtimeError('FAILED_PRECONDITION', only !== undefined ? `no unclaimed reward at tier ${only}` : 'nothing to claim');
    return { season_id: season.id, claimed, progress: progress(call, game, season, userId) };
  }

  function purchasePremium(call: RpcCall<{ [key: string]: unknown }>) {
    const { nk, game, userId } = call;
    const season = requireSeason(call, game, undefined, Date.now());
    const { currency, amount } = season.premium_price;
    try {
      applyOnce(call, [passTarget(game.id, season.id, userId)], `premium:${nk.uuidv4()}`, ([doc]) => {
        if (doc.premium) throw runtimeError('ALREADY_EXISTS', `you own the ${season.name} premium pass already`);
        doc.premium = true;
        const charge: Grant = { userId, gameId: game.id, rewards: { currencies: { [currency]: -amount } }, reason: `season:${season.id}:premium`, sourceId: `${season.id}/premium/${userId}` };
        return { values: [doc], grants: [charge] };
      });
    } catch (error) {
      if (isInsufficientFunds(error)) {
        throw runtimeError('FAILED_PRECONDITION', `not enough ${currency}: premium costs ${amount}`);
      }
      throw error;
    }
    return { season_id: season.id, premium: true, charged: { [currency]: amount }, progress: progress(call, game, season, userId) };
  }

  return {
    id: 'season_pass',
    games: games.games.map((g) => g.id),
    eventBatch: onEvents,
    documents: [SEASON_PASS, seasons.kind],
    inboxSource,
    seasonCurrency(store, gameId, now) {
      const season = activeAt(seasonsOf(store, gameId), now);
      return season ? seasonCurrency(season) : null;
    },
    afterCommit(store, grants, results) {
      const now = Date.now();
      const notifications: Parameters<nkruntime.Nakama['notificationsSend']>[0] = [];
      for (const result of results) {
        const grant = grants.filter((g) => g.userId === result.userId)[0];
        if (!grant) continue;
        const season = activeAt(seasonsOf(store, grant.gameId), now);
        if (!season) continue;
        const key = walletKey(grant.gameId, seasonCurrency(season));
        const [before, after] = [tierOf(season, result.previous[key] || 0), tierOf(season, result.updated[key] || 0)];
        if (after > before) {
          const content = { game_id: grant.gameId, season_id: season.id, tier: after, previous_tier: before };
          notifications.push({ userId: grant.userId, subject: `${season.name}: tier ${after} reached`, content, code: NOTIFY_SEASON_TIER, persistent: true });
        }
      }
      // One write for a batch's players (a match end's tiers reached).
      if (notifications.length > 0) store.nk.notificationsSend(notifications);
    },
    rpcs: [
      {
        id: 'season_get_active',
        access: 'player',
        effect: 'read',
        description: "The game's running season (null between seasons): tiers, premium price and when it ends.",
        response: '{season: {id, name, starts_at, ends_at, ends_in_seconds, tiers, premium_price: {currency, amount}, match_xp} | null}',
        payload: { game_id: GAME_ID },
        handle(call) {
          const now = Date.now();
          const s = activeAt(seasonsOf(call, call.game.id), now);
          return { season: s ? { id: s.id, name: s.name, starts_at: s.starts_at, ends_at: s.ends_at, ends_in_seconds: Math.ceil((s.ends_at - now) / 1000), tiers: s.tiers, premium_price: s.premium_price, match_xp: s.match_xp } : null };
        },
      },
      {
        id: 'season_get_player_progress',
        access: 'player',
        effect: 'read',
        description: "The caller's pass in a season (default: the running one): season XP, tier, XP to the next tier, premium, and the tiers claimed and claimable on each track.",
        response: '{season_id, xp, tier, tiers, xp_for_next_tier, premium, claimed: {free: [tier], premium: [tier]}, claimable: {free: [tier], premium: [tier]}}',
        payload: { game_id: GAME_ID, season_id: SEASON_ID },
        errors: { NOT_FOUND: 'no season with that id', FAILED_PRECONDITION: 'no season_id and no season running' },
        handle: (call) => progress(call, call.game, requireSeason(call, call.game, call.payload.season_id, Date.now()), call.userId),
      },
      {
        id: 'season_claim_tier_rewards',
        access: 'player',
        effect: 'write',
        description: 'Claim the rewards of reached tiers not claimed yet (all, or one tier), on the free track and, with premium, the premium track, from the reward inbox where they wait (as reward_claim of each); each exactly once. Rewards of an ended season stay claimable for 14 days.',
        response: '{season_id, claimed: [{track, tier, rewards}], progress: {...as season_get_player_progress}}',
        payload: { game_id: GAME_ID, season_id: SEASON_ID, tier: { type: 'integer', min: 1, max: 100 } },
        errors: { NOT_FOUND: 'no season with that id', FAILED_PRECONDITION: 'no season running, not started, rewards lapsed, or nothing to claim' },
        handle: claim,
      },
      {
        id: 'season_purchase_premium',
        access: 'player',
        effect: 'write',
        description: "Buy the running season's premium track with the game currency it costs (once per season; FAILED_PRECONDITION when the wallet is short). Premium rewards of tiers already reached become claimable.",
        response: '{season_id, premium: true, charged: {<currency>: amount}, progress: {...as season_get_player_progress}}',
        payload: { game_id: GAME_ID },
        errors: { FAILED_PRECONDITION: 'no season running, or the wallet is short of the price', ALREADY_EXISTS: 'the caller owns premium already' },
        handle: purchasePremium,
      },
      {
        id: 'season_get_all_rewards',
        access: 'player',
        effect: 'read',
        description: 'Every tier of a season (default: the running one) with the XP it needs and its free and premium rewards.',
        response: '{season_id, tiers: [{tier, xp_required, free: rewards | null, premium: rewards | null}]}',
        payload: { game_id: GAME_ID, season_id: SEASON_ID },
        errors: { NOT_FOUND: 'no season with that id', FAILED_PRECONDITION: 'no season_id and no season running' },
        handle(call) {
          const s = requireSeason(call, call.game, call.payload.season_id, Date.now());
          const tiers = [];
          for (let t = 1; t <= s.tiers; t++) tiers.push({ tier: t, xp_required: xpForTier(s, t), free: tierRewards(s.rewards.free, t), premium: tierRewards(s.rewards.premium, t) });
          return { season_id: s.id, tiers };
        },
      },
      {
        id: 'season_create',
        access: 'admin',
        effect: 'write',
        rateLimit: 'strict',
        description: 'Schedule a season (docs/season-pass.md for the fields); seasons of a game may not overlap. Cached per node for 10 s.',
        response: '{created: season_id}',
        payload: { game_id: GAME_ID, season: { type: 'object', required: true } },
        errors: { INVALID_FIELD: 'the season breaks a rule (each problem named), e.g. overlaps another' },
        handle(call) {
          const { game, payload } = call;
          const season = payload.season as SeasonDefinition;
          seasons.update(call, game.id, (list) => {
            const problems = validateSeason(season, game, list);
            if (problems.length > 0) throw runtimeError('INVALID_FIELD', problems.slice(0, 5).join('; '));
            return list.concat(season);
          });
          return { created: season.id };
        },
      },
      {
        id: 'season_end',
        access: 'admin',
        effect: 'write',
        description: 'End the running season now (its ends_at becomes now): the 14-day claim grace starts; a later season starts as scheduled.',
        response: '{ended: season_id, ends_at}',
        payload: { game_id: GAME_ID },
        errors: { FAILED_PRECONDITION: 'no season is running' },
        handle(call) {
          const { game } = call;
          const now = Date.now();
          let ended = null as SeasonDefinition | null; // "as": assigned in a closure, so not narrowed to null
          seasons.update(call, game.id, (list) => {
            const running = activeAt(list, now);
            if (!running) throw runtimeError('FAILED_PRECONDITION', `no ${game.name} season is running`);
            ended = { ...running, ends_at: now };
            return list.map((s) => (s.id === running.id ? ended! : s));
          });
          return { ended: ended!.id, ends_at: now };
        },
      },
      {
        id: 'season_grant_xp',
        access: 'admin',
        effect: 'write',
        description: "Grant season XP to a player in the running season (support and trusted servers), as is (no multiplier). An operation_id makes retries safe.",
        response: '{granted: amount, progress: {...as season_get_player_progress}}',
        payload: { game_id: GAME_ID, user_id: { type: 'user', required: true }, amount: { type: 'integer', required: true, min: 1, max: 1000000 }, operation_id: { type: 'string', maxLength: 64 } },
        errors: { FAILED_PRECONDITION: 'no season is running', NOT_FOUND: 'user_id names no player' },
        handle(call) {
          const { nk, game, payload } = call;
          const season = requireSeason(call, game, undefined, Date.now());
          const userId = payload.user_id as string;
          const operation = `grant:${(payload.operation_id as string) || nk.uuidv4()}`;
          const amount = payload.amount as number;
          applyOnce(call, [passTarget(game.id, season.id, userId)], operation, ([doc]) => ({
            values: [doc], grants: [{ userId, gameId: game.id, rewards: { currencies: { xp: amount } }, reason: `season:${season.id}:admin`, sourceId: operation, exactXp: true }],
          }));
          return { granted: amount, progress: progress(call, game, season, userId) };
        },
      },
    ],
  };
}
