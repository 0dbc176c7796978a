import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { QUIZVERSE } from '../../matches/quiz/game-quizverse';
import type { Config } from './config';

/**
 * The built-in remote config of each game: the last link of the fallback chain, served before any
 * admin has set a game default (docs/live-ops-data.md). A game team lists here every key its client
 * reads, with the value a client built today should get.
 */
export const REMOTE_CONFIG_DEFAULTS: { [gameId: string]: Config } = {
  [QUIZVERSE.id]: { motd: '', features: { shop: true, friends: true, tournaments: true }, store: { featured_sku: '' } },
  [LASTTOLIVE.id]: { motd: '', features: { shop: true, squads: true, tournaments: true }, store: { featured_sku: '' } },
};
