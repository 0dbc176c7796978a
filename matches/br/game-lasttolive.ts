import type { GameDefinition } from '../../core/game-registry';

/** LastToLive: the battle royale (solo, duo and squad teams, 2 to 100 players). Played by the `br` match. */
export const LASTTOLIVE: GameDefinition = {
  id: '5b4f2a9e-3c8d-4e71-a0f6-9d2c7b1e4a38',
  slug: 'lasttolive',
  name: 'LastToLive',
  matchModule: 'br',
  modes: {
    solo: { minPlayers: 2, maxPlayers: 100 },
    duo: { minPlayers: 2, maxPlayers: 100 },
    squad: { minPlayers: 2, maxPlayers: 100 },
  },
  currencies: ['coins', 'gems'],
};
