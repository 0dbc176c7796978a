import { createGameRegistry, validateGames, validateWidening, type GameDefinition } from '../../core/game-registry';
import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { createPluginHost } from '../../core/plugin-host';
import { checkPayload } from '../../core/validate';
import { QUIZVERSE } from '../../matches/quiz/game-quizverse';
import { validateQuestions } from '../../matches/quiz/question-bank';
import { createAchievementsPlugin } from '../../plugins/achievements/plugin';
import { MODULE } from '../../main';

const games = createGameRegistry([QUIZVERSE]);

describe('definitions are checked at build and start, with messages naming file and field', () => {
  test('the shipped module has no problems', () => {
    expect(MODULE.problems()).toEqual([]);
    const manifest = MODULE.manifest();
    expect(manifest).toMatchObject({ matches: ['quiz', 'br', 'empty_loop', 'delivery'], rtBefore: ['MatchmakerAdd', 'PartyMatchmakerAdd', 'ChannelMessageSend', 'ChannelMessageUpdate'], matchmakerMatched: true });
    // Every declared RPC is registered, once, under a snake_case id; each feature area is present.
    expect(manifest.rpcs).toEqual(MODULE.plugins.rpcs.map((h) => h.rpc.id));
    expect(new Set(manifest.rpcs).size).toBe(manifest.rpcs.length);
    expect(manifest.rpcs.every((id) => /^[a-z][a-z0-9_]*$/.test(id))).toBe(true);
    for (const prefix of ['achievements_', 'matchmaking_', 'season_', 'event_', 'player_overview', 'match_record_get', 'rate_limit_status']) {
      expect(manifest.rpcs.some((id) => id.startsWith(prefix))).toBe(true);
    }
  });

  test('achievement definitions are checked field by field, naming the file, the achievement and the rule', () => {
    const plugin = createAchievementsPlugin({
      [QUIZVERSE.id]: {
        file: 'defs/quiz.ts',
        list: [
          { id: 'Bad-Id', name: 'x', description: '', category: 'answers', rarity: 'common', points: 5, counter: { event: 'answer_correct' }, target: 0, rewards: { currencies: { gems: 5 } } },
          { id: 'tiered', name: 't', description: '', category: 'wins', rarity: 'mythic' as 'rare', points: 1, counter: { event: 'match_won' }, tiers: [{ tier: 'silver', target: 5, rewards: { items: { sword: 1 } } }] },
          { id: 'parent', name: 'p', description: '', category: 'wins', rarity: 'rare', points: 1, children: ['nope'], counter: { event: 'x' } },
        ],
      },
    }, games);
    expect(plugin.validate!()).toEqual([
      'defs/quiz.ts: Bad-Id: id must be snake_case',
      'defs/quiz.ts: Bad-Id: target must be an integer >= 1',
      'defs/quiz.ts: Bad-Id: rewards.currencies.gems: not a currency of QuizVerse (coins, xp)',
      'defs/quiz.ts: tiered: rarity must be one of common, rare, epic, legendary',
      'defs/quiz.ts: tiered: tiers[0].tier must be bronze',
      'defs/quiz.ts: tiered: tiers[0].rewards.items.sword: not an item of QuizVerse',
      'defs/quiz.ts: parent: needs either counter (events count) or children (sub-achievements), not both',
      'defs/quiz.ts: parent: children: nope is not another achievement of QuizVerse',
    ]);
  });

  test('plugins with unknown games, duplicate ids, two kinds of event handler or missing dependencies are refused', () => {
    const host = createPluginHost(games, [
      { id: 'a', games: ['00000000-0000-4000-8000-000000000000'] },
      { id: 'a', games: [QUIZVERSE.id], dependsOn: ['missing'] },
      { id: 'b', games: [QUIZVERSE.id], events: { match_won: () => undefined }, eventBatch: () => undefined },
    ]);
    expect(host.validate()).toEqual([
      'plugin a: games: unknown game id 00000000-0000-4000-8000-000000000000',
      'plugin a: id is used twice',
      'plugin b: declares both events and eventBatch (eventBatch takes every event)',
      'plugin a: dependsOn: plugin missing is missing',
    ]);
  });

  test('games need a UUID, a slug and sane modes', () => {
    const bad: GameDefinition = {
      ...QUIZVERSE, id: 'QUIZ', slug: 'Quiz Verse',
      modes: { duel: { minPlayers: 3, maxPlayers: 2, maxPartySize: 3, rating: 'elo' }, ffa: { minPlayers: 2, maxPlayers: 8, maxPartySize: 0, rating: 'elo' } },
    };
    expect(validateGames([bad])).toEqual([
      'game Quiz Verse: id must be a lowercase UUID, got "QUIZ"',
      'game Quiz Verse: slug must match /^[a-z][a-z0-9]{1,31}$/',
      'game Quiz Verse: modes.duel needs integer 1 <= minPlayers <= maxPlayers',
      'game Quiz Verse: modes.duel.maxPartySize must be an integer from 1 to maxPlayers',
      'game Quiz Verse: modes.ffa.maxPartySize must be an integer from 1 to maxPlayers',
      "game Quiz Verse: modes.ffa.rating 'elo' rates 1v1 modes only (maxPlayers 2)",
    ]);
  });

  test('a widening schedule starts at 0 and widens step by step until it may admit anyone', () => {
    expect(validateGames([QUIZVERSE, LASTTOLIVE])).toEqual([]);
    const schedule = [{ afterSeconds: 5, range: 100 }, { afterSeconds: 5, range: 50 }, { afterSeconds: 60, range: null }, { afterSeconds: 90, range: null }];
    expect(validateWidening('w', schedule)).toEqual([
      'w[0].afterSeconds: the first step must start at 0',
      'w[1].afterSeconds: must be later than the step before',
      'w[1].range: must be wider than the step before',
      'w[3]: no step may follow one that admits anyone (range null)',
    ]);
    expect(validateGames([{ ...QUIZVERSE, widening: [] }])).toEqual(['game quizverse: widening[0].afterSeconds: the first step must start at 0']);
  });

  test('question banks need unique ids and four distinct choices', () => {
    expect(validateQuestions([
      { id: 'q1', category: 'science', difficulty: 1, text: 'a?', choices: ['x', 'y', 'z', 'w'] },
      { id: 'q1', category: 'science', difficulty: 1, text: 'b?', choices: ['x', 'x', 'z', 'w'] },
    ])).toEqual(['question q1: id is used twice', 'question q1: choices must be 4 distinct non-empty strings']);
  });

  test('payload checks name the field and the rule', () => {
    const schema = { game_id: { type: 'uuid' as const, required: true }, limit: { type: 'integer' as const, min: 1, max: 100 } };
    expect(checkPayload(schema, {})).toBe('game_id: required');
    expect(checkPayload(schema, { game_id: QUIZVERSE.id, limit: 1.5 })).toBe('limit: must be an integer');
    expect(checkPayload(schema, { game_id: QUIZVERSE.id, limit: 101 })).toBe('limit: must be <= 100');
    expect(checkPayload(schema, { game_id: QUIZVERSE.id, other: true })).toBe('other: unknown field');
    expect(checkPayload(schema, { game_id: QUIZVERSE.id, limit: 5 })).toBeNull();
  });
});
