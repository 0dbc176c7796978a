import type { GameDefinition } from '../../core/game-registry';
import { DEFAULT_WIDENING } from '../../plugins/matchmaking/widening';
import { GAME_ID } from './protocol';

/**
 * LastToLive: the battle royale (solo, duo and squad teams, 2 to 100 players). Played by the `br`
 * match. A mode's team size is its party size: parties of up to 2 in duo, 4 in squad.
 */
export const LASTTOLIVE: GameDefinition = {
  id: GAME_ID,
  slug: 'lasttolive',
  name: 'LastToLive',
  matchModule: 'br',
  modes: {
    solo: { minPlayers: 2, maxPlayers: 100, maxPartySize: 1, rating: 'weng-lin' },
    duo: { minPlayers: 2, maxPlayers: 100, maxPartySize: 2, rating: 'weng-lin' },
    squad: { minPlayers: 2, maxPlayers: 100, maxPartySize: 4, rating: 'weng-lin' },
  },
  currencies: ['coins', 'gems', 'xp'],
  widening: DEFAULT_WIDENING,
  items: {
    crate_common: { kind: 'item', name: 'Common Crate' },
    badge_first_blood: { kind: 'badge', name: 'First Blood' },
    badge_squad_wiper: { kind: 'badge', name: 'Squad Wiper' },
    title_sharpshooter: { kind: 'title', name: 'Sharpshooter' },
    title_last_one_standing: { kind: 'title', name: 'Last One Standing' },
  },
};
