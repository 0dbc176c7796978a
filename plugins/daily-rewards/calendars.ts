import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { QUIZVERSE } from '../../matches/quiz/game-quizverse';
import type { LoginCalendar } from './calendar';

/** The daily login calendars per game id (validated at start: plugin.validate). */
export const LOGIN_CALENDARS: { [gameId: string]: LoginCalendar } = {
  // Seven days, a hint token on day 3 and a bigger day 7; one missed day is forgiven.
  [QUIZVERSE.id]: {
    days: [
      { currencies: { coins: 20 } },
      { currencies: { coins: 30 } },
      { currencies: { coins: 30 }, items: { hint_token: 1 } },
      { currencies: { coins: 40 } },
      { currencies: { coins: 50, xp: 50 } },
      { currencies: { coins: 60 } },
      { currencies: { coins: 100, xp: 100 }, items: { hint_token: 2 } },
    ],
    grace_days: 1,
    reset_minutes_utc: 0,
  },
  // Seven days ending in gems and a crate; a missed day starts again at day 1.
  [LASTTOLIVE.id]: {
    days: [
      { currencies: { coins: 25 } },
      { currencies: { coins: 25 } },
      { currencies: { coins: 50 } },
      { currencies: { coins: 50, gems: 1 } },
      { currencies: { coins: 75 } },
      { currencies: { coins: 75 } },
      { currencies: { coins: 100, gems: 5 }, items: { crate_common: 1 } },
    ],
    grace_days: 0,
    reset_minutes_utc: 0,
  },
};
