import type { GameDefinition } from '../../core/game-registry';

/** QuizVerse: the quiz game. */
export const QUIZVERSE: GameDefinition = {
  id: '126bf539-dae2-4bcf-964d-316c0fa1f92b',
  slug: 'quizverse',
  name: 'QuizVerse',
  matchModule: 'quiz',
  modes: { duel: { minPlayers: 2, maxPlayers: 2 } },
  currencies: ['coins'],
};
