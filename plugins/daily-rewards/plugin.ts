import { applyOnce, PROCESSED, type OnceDocument } from '../../core/apply-once';
import { playerNow } from '../../core/clock';
import { defineDocument, documentAt, readDocument } from '../../core/documents';
import type { Rewards } from '../../core/economy';
import { runtimeError } from '../../core/errors';
import { perGameProblems, type GameDefinition, type GameRegistry } from '../../core/game-registry';
import type { Plugin, RpcCall } from '../../core/plugin';
import { int, obj, withDefault } from '../../core/shape';
import { dayOf, dayStart, nextClaim, validateCalendar, type LoginCalendar, type Streak } from './calendar';

/** Where the per-game data lives (named in its problems). */
const FILE = 'plugins/daily-rewards/calendars.ts';

/** `<game_id>:daily_login` / `streak`: the player's login streak in the game (server-written). */
interface StreakDocument extends Streak, OnceDocument {
  /** Claims ever made in this game. */
  claims: number;
}

const DAILY_LOGIN = defineDocument<StreakDocument>({
  name: 'daily_login',
  owner: 'player',
  shape: obj({ streak: withDefault(int(0), () => 0), last_day: withDefault(int(-1), () => -1), claims: withDefault(int(0), () => 0), processed: PROCESSED }),
  empty: () => ({ streak: 0, last_day: -1, claims: 0, processed: [] }),
});

const streakOf = (gameId: string, userId: string) => documentAt(DAILY_LOGIN, gameId, 'streak', userId);
const GAME_ID = { type: 'uuid', required: true } as const;

/** A player's calendar as menus show it. */
export interface DailyRewardStatus {
  game_id: string;
  /** The streak as it stands now (0: none, or broken by missed days). */
  streak: number;
  claimed_today: boolean;
  /** Today's calendar day (1-based): the one claimed today, or the one a claim now pays. */
  today: { day: number; rewards: Rewards; streak_after_claim: number };
  /** When the next day starts (ms), by this player's clock. */
  next_day_at: number;
  calendar: { day: number; rewards: Rewards }[];
  grace_days: number;
  reset_minutes_utc: number;
}

/**
 * Daily login rewards: one claim per player, game and day (the day by the module's clock for the
 * player, core/clock.ts), paid from the game's calendar by the streak's day, exactly once even under
 * many parallel claims (the day is the event id of one applyOnce transaction). docs/retention.md.
 */
export function createDailyRewardsPlugin(games: GameRegistry, calendars: { [gameId: string]: LoginCalendar }): Plugin {
  function status(calendar: LoginCalendar, game: GameDefinition, doc: StreakDocument, now: number): DailyRewardStatus {
    const today = dayOf(calendar, now);
    const next = nextClaim(calendar, doc, today);
    const day = next ? next.day : (doc.streak - 1) % calendar.days.length;
    return {
      game_id: game.id,
      streak: next && next.streak === 1 ? 0 : doc.streak,
      claimed_today: !next,
      today: { day: day + 1, rewards: calendar.days[day], streak_after_claim: next ? next.streak : doc.streak },
      next_day_at: dayStart(calendar, today + 1),
      calendar: calendar.days.map((rewards, i) => ({ day: i + 1, rewards })),
      grace_days: calendar.grace_days,
      reset_minutes_utc: calendar.reset_minutes_utc,
    };
  }

  function claim(call: RpcCall<unknown>) {
    const { nk, game, userId } = call;
    const calendar = calendars[game.id];
    const now = playerNow(nk, userId);
    const today = dayOf(calendar, now);
    const claimed: { day: number; rewards: Rewards }[] = [];
    const applied = applyOnce(call, [streakOf(game.id, userId)], `daily_login:${today}`, ([doc]) => {
      const next = nextClaim(calendar, doc, today);
      if (!next) return null;
      const paid = { day: next.day + 1, rewards: calendar.days[next.day] };
      claimed[0] = paid;
      const value: StreakDocument = { ...doc, streak: next.streak, last_day: today, claims: doc.claims + 1 };
      return { values: [value], grants: [{ userId, gameId: game.id, rewards: paid.rewards, reason: `daily_login:day${paid.day}`, sourceId: `daily_login/${today}/${userId}` }] };
    });
    if (!applied) throw runtimeError('FAILED_PRECONDITION', `today's login reward is claimed already; the next one is at ${new Date(dayStart(calendar, today + 1)).toISOString()}`);
    return { claimed: claimed[0], status: status(calendar, game, applied.values[0] as StreakDocument, now) };
  }

  return {
    id: 'daily_rewards',
    games: Object.keys(calendars).filter((id) => games.find(id)),
    documents: [DAILY_LOGIN],
    validate: () => perGameProblems(games, calendars, () => FILE, (c, game) => validateCalendar(`${FILE} ${game.name}`, c, game)),
    rpcs: [
      {
        id: 'daily_reward_status',
        access: 'player',
        effect: 'read',
        description: "The caller's daily login calendar: the streak, whether today's reward is claimed, the reward a claim pays now, when the next day starts, and every day's reward.",
        response: '{game_id, streak, claimed_today, today: {day, rewards, streak_after_claim}, next_day_at, calendar: [{day, rewards}], grace_days, reset_minutes_utc}',
        payload: { game_id: GAME_ID },
        handle(call) {
          const calendar = calendars[call.game.id];
          return status(calendar, call.game, readDocument(call, streakOf(call.game.id, call.userId))!, playerNow(call.nk, call.userId));
        },
      },
      {
        id: 'daily_reward_claim',
        access: 'player',
        effect: 'write',
        description: "Claim today's login reward: paid once per day (the streak's day of the calendar picks it), the streak continued or started again by the game's grace rule.",
        response: '{claimed: {day, rewards}, status: {...as daily_reward_status}}',
        payload: { game_id: GAME_ID },
        errors: { FAILED_PRECONDITION: "today's reward is claimed already (the message says when the next day starts)" },
        handle: claim,
      },
    ],
  };
}
