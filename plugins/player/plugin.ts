import { readAhead } from '../../core/documents';
import type { Plugin } from '../../core/plugin';
import { gameWallet } from '../../core/scope';
import type { AchievementsPlugin, AchievementView } from '../achievements/plugin';
import type { Rating, RatingsPlugin } from '../ratings/plugin';

export interface PlayerOverview {
  game_id: string;
  /** The caller's balances in this game's currencies. */
  wallet: { [currency: string]: number };
  achievements: AchievementView[];
  /** Skill rating per mode (server-owned; changed only by played matches). */
  ratings: { [mode: string]: Rating };
}

/** Menu reads about the calling player. */
export function createPlayerPlugin(achievements: AchievementsPlugin, ratings: RatingsPlugin): Plugin {
  return {
    id: 'player',
    // Every game: a game without achievements or rated modes shows empty lists.
    games: ratings.games,
    dependsOn: ['achievements', 'ratings'],
    rpcs: [
      {
        id: 'player_overview',
        access: 'player',
        effect: 'read',
        description: "The calling player's wallet and achievements in one game, for menus.",
        response: '{game_id, wallet: {<currency>: number}, achievements: [{id, name, description, progress, target, unlocked, unlocked_at, rewards}], ratings: {<mode>: {rating, games, mu?, sigma?}}}',
        payload: { game_id: { type: 'uuid', required: true } },
        handle(call): PlayerOverview {
          const { game, userId } = call;
          const account = call.nk.accountGetId(userId);
          const store = readAhead(call, achievements.listReads(game.id, userId).concat(ratings.ratingsRead(game.id, userId)));
          return {
            game_id: game.id,
            wallet: gameWallet(account.wallet || {}, game.id, game.currencies),
            achievements: achievements.list(store, game, userId),
            ratings: ratings.ratingsOf(store, game, userId),
          };
        },
      },
    ],
  };
}
