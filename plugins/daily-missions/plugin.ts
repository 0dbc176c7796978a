import { applyOnceAll, PROCESSED, type OnceDocument, type OnceUnit } from '../../core/apply-once';
import { playerNow } from '../../core/clock';
import { defineDocument, documentAt, readDocument, type DocumentKind } from '../../core/documents';
import type { DomainEvent } from '../../core/events';
import { perGameProblems, type GameDefinition, type GameRegistry } from '../../core/game-registry';
import type { Plugin, Services } from '../../core/plugin';
import { advance, emptyState, REQUIREMENT_STATE, type RequirementState } from '../../core/requirements';
import { dict, int, obj, withDefault } from '../../core/shape';
import { dayOf, dayStart } from '../daily-rewards/calendar';
import { withInbox, type Delivery } from '../reward-inbox/inbox';
import { missionsFor, validatePool, type MissionPool } from './pool';

/** Where the per-game data lives (named in its problems). */
const FILE = 'plugins/daily-missions/pools.ts';

/** `<game_id>:daily_missions` / `today`: the player's progress on the day's missions (server-written). */
interface MissionsDocument extends OnceDocument {
  /** The day index the progress belongs to; another day starts from nothing. */
  day: number;
  missions: { [missionId: string]: RequirementState };
}

const DAILY_MISSIONS = defineDocument<MissionsDocument>({
  name: 'daily_missions',
  owner: 'player',
  shape: obj({ day: withDefault(int(-1), () => -1), missions: withDefault(dict(REQUIREMENT_STATE, 100, /^[a-z][a-z0-9_]*$/), () => ({})), processed: PROCESSED }) as DocumentKind<MissionsDocument>['shape'],
  empty: () => ({ day: -1, missions: {}, processed: [] }),
});

const missionsTarget = (gameId: string, userId: string) => documentAt(DAILY_MISSIONS, gameId, 'today', userId);

/**
 * Daily missions: each day (by the player's clock, core/clock.ts) a player gets `per_day` missions of
 * the game's pool, drawn by a pure function of (game, player, day); match events advance them
 * through the requirement engine, and a mission done puts its rewards in the reward inbox in the same
 * transaction (once per player, mission and day; claimable until the end of the next day). The next
 * day starts from nothing. docs/retention.md.
 */
export function createDailyMissionsPlugin(games: GameRegistry, pools: { [gameId: string]: MissionPool }): Plugin {
  function onEvents(events: DomainEvent[], services: Services): void {
    const { game, nk } = services;
    const pool = pools[game.id];
    const units: OnceUnit<OnceDocument>[] = [];
    for (const event of events) {
      if (!event.userId) continue;
      const userId = event.userId;
      const now = playerNow(nk, userId);
      const today = dayOf(pool, now);
      const drawn = missionsFor(pool, game.id, userId, today);
      // Prefixed since the first release (the stored documents remember these ids).
      units.push(withInbox(missionsTarget(game.id, userId), game.id, `daily_missions:${event.id}`, now, (doc) => {
        const missions = doc.day === today ? { ...doc.missions } : {};
        const due: Delivery[] = [];
        let changed = false;
        for (const m of drawn) {
          const next = advance(m.requirement, missions[m.id] || emptyState(), event.type, event.data, now);
          if (!next) continue;
          missions[m.id] = next;
          changed = true;
          // Done: the rewards wait in the inbox until the end of the next day.
          if (next.met_at !== undefined) due.push({ source: 'daily_mission', source_id: `${today}/${m.id}`, rewards: m.rewards, expires_at: dayStart(pool, today + 2) });
        }
        if (!changed) return null;
        Object.assign(doc, { day: today, missions });
        return due;
      }));
    }
    if (units.length > 0) applyOnceAll(services, units);
  }

  function view(game: GameDefinition, userId: string, doc: MissionsDocument, now: number) {
    const pool = pools[game.id];
    const today = dayOf(pool, now);
    const progress = doc.day === today ? doc.missions : {};
    return {
      game_id: game.id,
      day: today,
      next_day_at: dayStart(pool, today + 1),
      missions: missionsFor(pool, game.id, userId, today).map((m) => {
        const s = progress[m.id] || emptyState();
        return { id: m.id, name: m.name, rewards: m.rewards, event: m.requirement.counter.event, operator: m.requirement.operator || 'gte', threshold: m.requirement.threshold, value: s.value, completed: s.met_at !== undefined, completed_at: s.met_at !== undefined ? s.met_at : null };
      }),
    };
  }

  return {
    id: 'daily_missions',
    games: Object.keys(pools).filter((id) => games.find(id)),
    dependsOn: ['reward_inbox'],
    documents: [DAILY_MISSIONS],
    eventBatch: onEvents,
    validate: () => perGameProblems(games, pools, () => FILE, (p, game) => validatePool(`${FILE} ${game.name}`, p, game)),
    rpcs: [
      {
        id: 'daily_missions_get',
        access: 'player',
        effect: 'read',
        description: "The caller's missions of the day (drawn from the game's pool for this player and day), with progress; done ones wait in the reward inbox. A new day brings new missions.",
        response: '{game_id, day, next_day_at, missions: [{id, name, rewards, event, operator, threshold, value, completed, completed_at}]}',
        payload: { game_id: { type: 'uuid', required: true } },
        handle: (call) => view(call.game, call.userId, readDocument(call, missionsTarget(call.game.id, call.userId))!, playerNow(call.nk, call.userId)),
      },
    ],
  };
}
