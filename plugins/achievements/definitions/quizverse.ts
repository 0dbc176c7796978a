import type { AchievementDefinition } from '../definitions';

/** QuizVerse achievements. */
export const QUIZVERSE_ACHIEVEMENTS: AchievementDefinition[] = [
  {
    id: 'first_correct_answer',
    name: 'First Correct Answer',
    description: 'Answer a question correctly in any match.',
    event: 'answer_correct',
    target: 1,
    rewards: { coins: 50 },
  },
];
