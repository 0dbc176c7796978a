import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { QUIZVERSE } from '../../matches/quiz/game-quizverse';
import { validateQuests, type QuestDefinition } from '../../plugins/quests/definitions';
import { LASTTOLIVE_QUESTS } from '../../plugins/quests/definitions/lasttolive';
import { QUIZVERSE_QUESTS } from '../../plugins/quests/definitions/quizverse';
import { activeSteps, applyEvent, started, statusAt, transition } from '../../plugins/quests/engine';

const quest: QuestDefinition = {
  id: 'q', name: 'Q', description: '', type: 'story', difficulty: 'easy',
  steps: [
    { id: 'a', name: 'A', requirements: [{ counter: { event: 'kill' }, threshold: 2 }], rewards: { currencies: { coins: 1 } } },
    { id: 'bonus', name: 'Bonus', optional: true, requirements: [{ counter: { event: 'headshot' }, threshold: 1 }], rewards: { currencies: { coins: 9 } } },
    { id: 'b', name: 'B', requirements: [{ counter: { event: 'match_won' }, threshold: 1 }, { counter: { event: 'kill' }, threshold: 1 }] },
  ],
  rewards: { currencies: { coins: 5 } },
  time_limit_seconds: 60,
};

describe('quest engine', () => {
  test('steps in order: optional ones run beside the next required one and never hold the quest back', () => {
    const s = started(quest, undefined, 0);
    expect(activeSteps(quest, s).map((x) => x.id)).toEqual(['a']);
    expect(applyEvent(quest, s, 'match_won', {}, 1)).toEqual({ changed: false, rewards: [] });
    applyEvent(quest, s, 'kill', {}, 2);
    const a = applyEvent(quest, s, 'kill', {}, 3);
    expect(a.rewards.map((r) => r.step && r.step.id)).toEqual(['a']);
    expect(activeSteps(quest, s).map((x) => x.id)).toEqual(['bonus', 'b']);
    applyEvent(quest, s, 'kill', {}, 4);
    const done = applyEvent(quest, s, 'match_won', {}, 5);
    expect(done.rewards.map((r) => (r.step ? r.step.id : 'quest'))).toEqual(['quest']);
    expect(s.status).toBe('COMPLETED');
    expect(s.history.map((h) => h.status)).toEqual(['IN_PROGRESS', 'COMPLETED']);
    expect(applyEvent(quest, s, 'kill', {}, 6).changed).toBe(false);
  });

  test('past its time limit a quest expires on the next event and takes no progress', () => {
    const s = started(quest, undefined, 0);
    expect(statusAt(s, 59_999)).toBe('IN_PROGRESS');
    expect(statusAt(s, 60_000)).toBe('EXPIRED');
    expect(applyEvent(quest, s, 'kill', {}, 60_000)).toEqual({ changed: true, rewards: [] });
    expect(s.status).toBe('EXPIRED');
    expect(s.steps.a.requirements[0].value).toBe(0);
  });

  test('a restart keeps the rewards already delivered: a step done again pays nothing', () => {
    const s = started(quest, undefined, 0);
    applyEvent(quest, s, 'kill', {}, 1);
    expect(applyEvent(quest, s, 'kill', {}, 2).rewards).toHaveLength(1);
    transition(s, 'FAILED', 3, 'abandoned');
    const again = started(quest, s, 4);
    expect(again.attempt).toBe(2);
    applyEvent(quest, again, 'kill', {}, 5);
    expect(applyEvent(quest, again, 'kill', {}, 6).rewards).toEqual([]);
    expect(again.history.map((h) => h.status)).toEqual(['IN_PROGRESS', 'FAILED', 'IN_PROGRESS']);
  });

  test('the shipped quests are valid; bad ones are refused naming the field', () => {
    expect(validateQuests('qv', QUIZVERSE_QUESTS, QUIZVERSE)).toEqual([]);
    expect(validateQuests('ltl', LASTTOLIVE_QUESTS, LASTTOLIVE)).toEqual([]);
    const bad = { ...quest, type: 'saga', prerequisites: ['nope'], steps: [{ ...quest.steps[1] }], rewards: { currencies: { gems: 1 } } } as unknown as QuestDefinition;
    expect(validateQuests('x', [bad], QUIZVERSE)).toEqual([
      'x: q.type: one of story, daily, weekly, challenge, event',
      expect.stringContaining('x: q.rewards.currencies.gems: not a currency'),
      'x: q.prerequisites: nope is not another quest of QuizVerse',
      'x: q.steps: at least one step must be required',
    ]);
  });
});
