import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { QUIZVERSE } from '../../matches/quiz/game-quizverse';
import type { Catalogue } from './catalogue';

const SCREEN = { type: 'string', maxLength: 64 } as const;

/** What every game's menus send. */
const MENUS: Catalogue = {
  session_started: { description: 'The app opened or came back to the foreground.', properties: { platform: { type: 'string', maxLength: 16, values: ['ios', 'android', 'web', 'windows', 'macos', 'linux', 'console'], required: true }, app_version: { type: 'string', maxLength: 32, required: true } } },
  screen_viewed: { description: 'A screen was shown.', properties: { screen: { ...SCREEN, required: true }, previous: SCREEN } },
  button_clicked: { description: 'A button was pressed.', properties: { button: { ...SCREEN, required: true }, screen: SCREEN } },
  tutorial_step: { description: 'A tutorial step was reached or finished.', properties: { step: { type: 'integer', min: 1, max: 100, required: true }, completed: { type: 'boolean', required: true } } },
  store_viewed: { description: 'The store opened.', properties: { section: SCREEN } },
  purchase_started: { description: 'A purchase flow began (the store receipt is validated elsewhere).', properties: { sku: { ...SCREEN, required: true }, price_cents: { type: 'integer', min: 0, max: 1000000 }, currency: { type: 'string', maxLength: 3 } } },
  settings_changed: { description: 'A setting changed.', properties: { setting: { ...SCREEN, required: true }, value: { type: 'string', maxLength: 64, required: true } } },
  matchmaking_cancelled: { description: 'The player left the matchmaking queue.', properties: { mode: { type: 'string', maxLength: 32, required: true }, waited_seconds: { type: 'number', min: 0, max: 86400 } } },
};

/** Per game: the events its clients may send (docs/live-ops-data.md lists them). */
export const CATALOGUES: { [gameId: string]: Catalogue } = {
  [QUIZVERSE.id]: {
    ...MENUS,
    category_browsed: { description: 'A question category was opened in the menus.', properties: { category: { type: 'string', maxLength: 64, required: true } } },
  },
  [LASTTOLIVE.id]: {
    ...MENUS,
    loadout_changed: { description: 'The player picked a weapon for the next match.', properties: { weapon: { type: 'string', maxLength: 32, required: true } } },
    spectate_started: { description: 'An eliminated player started watching.', properties: { target_placement: { type: 'integer', min: 1, max: 100 } } },
  },
};
