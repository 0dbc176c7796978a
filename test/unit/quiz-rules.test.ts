import { createRng, seedRng } from '../../matches/shared/rng';
import { QUIZVERSE } from '../../matches/quiz/game-quizverse';
import { OP } from '../../matches/quiz/protocol';
import { QUESTIONS } from '../../matches/quiz/question-bank';
import {
  BASE_POINTS, canJoin, createQuizState, currentQuestion, QUIZ_RULES, rank, step,
  type QuizInput, type QuizSettings, type QuizStepResult,
} from '../../matches/quiz/rules';
import type { QuizPlayer, QuizState } from '../../matches/quiz/state';

/** 3 rounds of 50 ticks, 5 ticks between rounds, 75 ticks to join, 150 ticks of grace. */
const SETTINGS: QuizSettings = { rounds: 3, tickRate: 5, timeLimitSeconds: 10, gapSeconds: 1, joinTimeoutSeconds: 15, graceSeconds: 30 };

function newMatch(opts: { seed?: string; players?: number; settings?: Partial<QuizSettings>; mode?: string } = {}) {
  const players = [];
  for (let i = 1; i <= (opts.players || 2); i++) players.push({ userId: `u${i}`, username: `user ${i}` });
  const seed = opts.seed || 'seed-1';
  let state = createQuizState({ gameId: 'g', mode: opts.mode || 'duel', matchId: 'm1', seed, players }, { ...SETTINGS, ...opts.settings }, QUESTIONS, createRng(seedRng(seed)), 0);
  return {
    get state() {
      return state;
    },
    player: (userId: string) => state.players.filter((p) => p.userId === userId)[0],
    run(inputs: QuizInput[], tick: number): QuizStepResult {
      const out = step(state, inputs, tick, createRng(state.rng));
      state = out.state;
      return out;
    },
  };
}
type Match = ReturnType<typeof newMatch>;

const join = (...ids: string[]): QuizInput[] => ids.map((userId) => ({ kind: 'join', userId }));
const leave = (...ids: string[]): QuizInput[] => ids.map((userId) => ({ kind: 'leave', userId }));
const right = (s: QuizState) => currentQuestion(s)!.correctChoice;
const wrong = (s: QuizState) => (right(s) + 1) % 4;
const answer = (userId: string, s: QuizState, correct: boolean): QuizInput => ({ kind: 'answer', userId, round: s.round!.number, choice: correct ? right(s) : wrong(s) });
const ops = (out: QuizStepResult) => out.messages.map((m) => m.opCode);
const payloads = <T>(out: QuizStepResult, op: number) => out.messages.filter((m) => m.opCode === op).map((m) => m.payload as T);
const rejections = (out: QuizStepResult) => payloads<{ reason: string }>(out, OP.REJECTED).map((p) => p.reason);
const types = (out: QuizStepResult) => out.events.map((e) => `${e.type}:${e.userId}`);

/** Run empty ticks until a question is open or the match ended; returns the tick reached. */
function untilQuestion(m: Match, tick: number): number {
  while (m.state.phase !== 'question' && m.state.phase !== 'ended') m.run([], ++tick);
  return tick;
}

describe('QuizVerse rules: questions', () => {
  test('the same seed draws the same questions and choice order; another seed differs', () => {
    expect(newMatch({ seed: 'alpha' }).state.plan).toEqual(newMatch({ seed: 'alpha' }).state.plan);
    expect(newMatch({ seed: 'beta' }).state.plan).not.toEqual(newMatch({ seed: 'alpha' }).state.plan);
  });

  test('a duel asks 5 questions from 5 categories, easy to hard; a party 8, no category twice before all six were asked', () => {
    const rng = (seed: string) => createRng(seedRng(seed));
    const players = [{ userId: 'a', username: 'a' }, { userId: 'b', username: 'b' }, { userId: 'c', username: 'c' }];
    for (const seed of ['s1', 's2', 's3']) {
      const duel = QUIZ_RULES.init({ game: QUIZVERSE, mode: 'duel', players: players.slice(0, 2), seed }, 'm', rng(seed));
      expect(duel.plan.map((q) => q.difficulty)).toEqual([1, 1, 2, 2, 3]);
      expect(new Set(duel.plan.map((q) => q.category)).size).toBe(5);
      const party = QUIZ_RULES.init({ game: QUIZVERSE, mode: 'party', players, seed }, 'm', rng(seed));
      expect(party.plan.map((q) => q.difficulty)).toEqual([1, 1, 1, 2, 2, 2, 3, 3]);
      expect(new Set(party.plan.slice(0, 6).map((q) => q.category)).size).toBe(6);
      expect(new Set(party.plan.map((q) => q.questionId)).size).toBe(8);
      for (const q of party.plan) {
        const banked = QUESTIONS.filter((b) => b.id === q.questionId)[0];
        expect(q.choices[q.correctChoice]).toBe(banked.choices[0]);
        expect([...q.choices].sort()).toEqual([...banked.choices].sort());
      }
    }
  });

  test('the first question opens once every player has joined', () => {
    const m = newMatch();
    expect(ops(m.run(join('u1'), 1))).toEqual([OP.MATCH_STATE, OP.PLAYER_STATUS]);
    const out = m.run(join('u2'), 2);
    expect(m.state.phase).toBe('question');
    expect(ops(out)).toEqual([OP.MATCH_STATE, OP.PLAYER_STATUS, OP.QUESTION]);
    expect(payloads(out, OP.QUESTION)[0]).toMatchObject({ round: 1, rounds: 3, timeLimitTicks: 50, tickRate: 5, ticksLeft: 50, difficulty: 1 });
  });
});

describe('QuizVerse rules: scoring, streaks, round_won', () => {
  test('a correct answer scores 100 + floor(50 * ticksLeft / timeLimit) and emits answer_correct', () => {
    const m = newMatch();
    m.run(join('u1', 'u2'), 1); // round 1: ticks 1..51
    const out = m.run([answer('u1', m.state, true)], 2);
    expect(m.player('u1').score).toBe(BASE_POINTS + Math.floor((50 * 49) / 50));
    const q = currentQuestion(m.state)!;
    expect(out.events).toEqual([{
      id: 'm1:2' /* 1: match_started */, type: 'answer_correct', gameId: 'g', matchId: 'm1', userId: 'u1', tick: 2,
      data: { questionId: q.questionId, category: q.category, difficulty: q.difficulty, streak: 1, response_ticks: 1, round: 1, points: 149 },
    }]);
    expect(payloads(out, OP.ANSWER_RESULT)).toEqual([{ round: 1, correct: true, points: 149, score: 149, speedBonus: 49, streakBonus: 0, streak: 1 }]);
    expect(out.messages[0].to).toEqual(['u1']);
  });

  test('streaks add 10, 20, then 30 points; a wrong or missing answer resets them', () => {
    const m = newMatch({ settings: { rounds: 5 } });
    m.run(join('u1', 'u2'), 1);
    let tick = 1;
    const points: number[] = [];
    // u1: right, right, right, (no answer), right. u2: right, wrong, right, right, right.
    const plan = [[true, true], [true, false], [true, true], [null, true], [true, true]];
    for (const [a, b] of plan) {
      tick += 1;
      const inputs = [a === null ? null : answer('u1', m.state, a), answer('u2', m.state, b!)].filter((x): x is QuizInput => x !== null);
      const out = m.run(inputs, tick);
      points.push(...payloads<{ points: number; streakBonus: number }>(out, OP.ANSWER_RESULT).map((r) => r.streakBonus));
      if (m.state.phase === 'question') m.run([], (tick = m.state.round!.deadlineTick));
      tick = untilQuestion(m, tick);
    }
    // Streak bonuses in answer order (u1, u2 per round).
    expect(points).toEqual([0, 0, 10, 0, 20, 0, /* u1 missed */ 10, 0, 20]);
    expect(m.player('u1').bestStreak).toBe(3);
    expect(m.player('u2').bestStreak).toBe(3);
    expect(m.state.phase).toBe('ended');
  });

  test('the fastest correct answer wins the round (round_won), not an earlier wrong one; no correct answer, no winner', () => {
    const m = newMatch({ players: 3 });
    m.run(join('u1', 'u2', 'u3'), 1);
    m.run([answer('u1', m.state, false)], 2);
    m.run([answer('u3', m.state, true)], 3);
    const close = m.run([answer('u2', m.state, true)], 4);
    expect(types(close)).toEqual(['answer_correct:u2', 'round_won:u3']);
    expect(close.events[1].data).toEqual({ round: 1, points: m.player('u3').score });
    expect(payloads(close, OP.ROUND_RESULT)[0]).toMatchObject({ round: 1, fastest: 'u3' });
    const tick = untilQuestion(m, 4);
    const none = m.run([answer('u1', m.state, false), answer('u2', m.state, false), answer('u3', m.state, false)], tick + 1);
    expect(none.events.map((e) => e.type)).toEqual(['answer_wrong', 'answer_wrong', 'answer_wrong']);
    expect(payloads(none, OP.ROUND_RESULT)[0]).toMatchObject({ round: 2, fastest: null });
  });

  test('double answers, answers to another round, late answers and bad choices are rejected and change nothing', () => {
    const m = newMatch();
    m.run(join('u1', 'u2'), 1);
    m.run([answer('u1', m.state, false)], 2);
    const again = m.run([
      answer('u1', m.state, true),
      { kind: 'answer', userId: 'u2', round: 2, choice: 0 },
      { kind: 'answer', userId: 'u2', round: 1, choice: 4 },
      { kind: 'answer', userId: 'stranger', round: 1, choice: 0 },
    ], 3);
    expect(rejections(again)).toEqual(['round: round 1 is already answered', 'round: answer for round 2 but round 1 is open', 'choice: must be 0..3', 'you are not a player of this match']);
    expect(again.events).toEqual([]);
    expect(m.player('u1').score).toBe(0);
    expect(ops(m.run([], 51))).toEqual([OP.ROUND_RESULT]); // the deadline passes: the round closes
    expect(rejections(m.run([{ kind: 'answer', userId: 'u2', round: 1, choice: 0 }], 52))).toEqual(['round: no question is open']);
  });

  test('step leaves the given state untouched', () => {
    const m = newMatch();
    m.run(join('u1', 'u2'), 1);
    const before = JSON.stringify(m.state);
    step(m.state, [answer('u1', m.state, true)], 2, createRng(m.state.rng));
    expect(JSON.stringify(m.state)).toBe(before);
  });
});

describe('QuizVerse rules: the end', () => {
  test('a full duel ends with standings, match_won, match_completed for each and match_ended listing both', () => {
    const m = newMatch();
    let tick = 1;
    m.run(join('u1', 'u2'), tick);
    const events: string[] = [];
    let last: QuizStepResult | undefined;
    while (m.state.phase !== 'ended' && tick < 1000) {
      tick += 1;
      last = m.run(m.state.phase === 'question' ? [answer('u1', m.state, false), answer('u2', m.state, true)] : [], tick);
      events.push(...types(last));
    }
    expect(events.filter((e) => e.startsWith('answer_correct'))).toEqual(['answer_correct:u2', 'answer_correct:u2', 'answer_correct:u2']);
    expect(events.filter((e) => e.startsWith('round_won'))).toEqual(['round_won:u2', 'round_won:u2', 'round_won:u2']);
    expect(events.slice(-4)).toEqual(['match_won:u2', 'match_completed:u2', 'match_completed:u1', 'match_ended:']);
    const score = m.player('u2').score;
    expect(score).toBe(3 * 149 + 10 + 20);
    const byType = (t: string) => last!.events.filter((e) => e.type === t).map((e) => e.data);
    expect(byType('match_won')).toEqual([{ mode: 'duel', score }]);
    expect(byType('match_completed')).toEqual([{ mode: 'duel', placement: 1, score, correct_answers: 3, forfeited: false }, { mode: 'duel', placement: 2, score: 0, correct_answers: 0, forfeited: false }]);
    expect(byType('match_ended')).toEqual([{ mode: 'duel', standings: [{ userId: 'u2', placement: 1, score }, { userId: 'u1', placement: 2, score: 0 }] }]);
    const result = payloads<{ winner: string; standings: unknown[] }>(last!, OP.MATCH_RESULT)[0];
    expect(result).toEqual({ winner: 'u2', standings: [
      { userId: 'u2', username: 'user 2', placement: 1, score, correctAnswers: 3, bestStreak: 3, forfeited: false },
      { userId: 'u1', username: 'user 1', placement: 2, score: 0, correctAnswers: 0, bestStreak: 0, forfeited: false },
    ] });
    expect(QUIZ_RULES.isOver(m.state)).toBe(true);
  });

  test('nobody joining before the join timeout ends the match with match_abandoned alone', () => {
    const m = newMatch();
    expect(m.run([], 74).messages).toEqual([]);
    const out = m.run([], 75);
    expect(m.state.phase).toBe('ended');
    expect(out.events.map((e) => [e.type, e.userId, e.data])).toEqual([['match_abandoned', '', { mode: m.state.mode, players: m.state.players.map((p) => p.userId) }]]);
    expect(payloads(out, OP.MATCH_RESULT)[0]).toMatchObject({ winner: null });
  });

  test('ties: forfeited players last (later forfeit first), then score, correct answers, response ticks, matchmaker order', () => {
    const base: QuizPlayer = {
      userId: '', username: '', connected: true, joined: true, graceUntilTick: -1, forfeited: false, forfeitTick: -1,
      score: 300, correctAnswers: 2, streak: 0, bestStreak: 0, responseTicks: 10, answeredRound: 0,
    };
    const standings = rank([
      { ...base, userId: 'a' },
      { ...base, userId: 'b', correctAnswers: 3, responseTicks: 30 },
      { ...base, userId: 'c', responseTicks: 5 },
      { ...base, userId: 'd', responseTicks: 5 },
      { ...base, userId: 'e', score: 900, forfeited: true, forfeitTick: 40 },
      { ...base, userId: 'f', score: 100, forfeited: true, forfeitTick: 90 },
      { ...base, userId: 'g', score: 0 },
    ]);
    expect(standings.map((s) => `${s.userId}${s.placement}`)).toEqual(['b1', 'c2', 'd3', 'a4', 'g5', 'f6', 'e7']);
  });
});

describe('QuizVerse rules: disconnects, grace and forfeits', () => {
  test('a player who leaves may rejoin within the grace period and gets the open question again', () => {
    const m = newMatch();
    m.run(join('u1', 'u2'), 1);
    const left = m.run(leave('u2'), 2);
    expect(payloads(left, OP.PLAYER_STATUS)).toEqual([{ userId: 'u2', connected: false, forfeited: false, graceTicksLeft: 150 }]);
    expect(canJoin(m.state, 'u2')).toBeNull();
    // Nobody waits for an absent player: u1's answer closes the round.
    expect(ops(m.run([answer('u1', m.state, true)], 3))).toEqual([OP.ANSWER_RESULT, OP.ROUND_RESULT]);
    const tick = untilQuestion(m, 3); // round 2 opens at tick 8, deadline 58
    const back = m.run(join('u2'), tick + 2);
    expect(back.messages.filter((x) => x.to && x.to[0] === 'u2').map((x) => x.opCode)).toEqual([OP.MATCH_STATE, OP.QUESTION]);
    expect(payloads(back, OP.QUESTION)[0]).toMatchObject({ round: 2, ticksLeft: 58 - (tick + 2) });
    expect(payloads(back, OP.MATCH_STATE)[0]).toMatchObject({ mode: 'duel', phase: 'question', round: 2, rounds: 3 });
    const out = m.run([answer('u2', m.state, true)], tick + 3);
    expect(types(out)).toEqual(['answer_correct:u2']);
    expect(m.player('u2')).toMatchObject({ connected: true, graceUntilTick: -1, forfeited: false });
  });

  test('a player away past the grace period forfeits: refused, placed last despite a higher score, the match goes on', () => {
    const m = newMatch({ settings: { rounds: 5 } });
    m.run(join('u1', 'u2'), 1);
    m.run([answer('u1', m.state, true), answer('u2', m.state, false)], 2);
    m.run(leave('u1'), 3); // grace until tick 153
    for (let tick = 4; tick < 153; tick++) expect(m.run([], tick).events).toEqual([]);
    expect(m.player('u1').forfeited).toBe(false);
    const out = m.run([], 153);
    expect(payloads(out, OP.PLAYER_STATUS)).toEqual([{ userId: 'u1', connected: false, forfeited: true, graceTicksLeft: 0 }]);
    expect(m.player('u1')).toMatchObject({ forfeited: true, forfeitTick: 153 });
    expect(canJoin(m.state, 'u1')).toBe('you have forfeited this match');
    // Even if Nakama let the presence in, the rules keep the player out.
    const late = m.run([...join('u1'), answer('u1', m.state, true)], 154);
    expect(rejections(late)).toEqual(['you have forfeited this match']);
    expect(m.player('u1').connected).toBe(false);
    expect(m.state.phase).toBe('question');
    const points = m.run([answer('u2', m.state, true)], 155);
    expect(types(points)).toEqual(['answer_correct:u2', 'round_won:u2']);
    let tick = 155;
    let last = points;
    while (m.state.phase !== 'ended') last = m.run([], ++tick);
    const result = payloads<{ winner: string; standings: { userId: string; placement: number; score: number; forfeited: boolean }[] }>(last, OP.MATCH_RESULT)[0];
    expect(m.player('u1').score).toBeGreaterThan(m.player('u2').score);
    expect(result.winner).toBe('u2');
    expect(result.standings.map((s) => [s.userId, s.placement, s.forfeited])).toEqual([['u2', 1, false], ['u1', 2, true]]);
    expect(last.events.filter((e) => e.type === 'match_completed').map((e) => [e.userId, e.data.forfeited])).toEqual([['u2', false], ['u1', true]]);
  });

  test('when everyone leaves, the clock runs; nobody back in time ends the match cleanly', () => {
    const m = newMatch({ settings: { rounds: 5 } });
    m.run(join('u1', 'u2'), 1);
    m.run([answer('u2', m.state, true)], 2);
    m.run(leave('u1', 'u2'), 3);
    expect(m.state.phase).toBe('question'); // no round closes early with nobody there
    let tick = 3;
    let last: QuizStepResult;
    do last = m.run([], ++tick); while (m.state.phase !== 'ended');
    expect(tick).toBe(153);
    expect(types(last)).toEqual(['match_won:u2', 'match_completed:u2', 'match_completed:u1', 'match_ended:']);
    expect(canJoin(m.state, 'u1')).toBe('the match has ended');
  });

  test('after round 1 opened, only players who had joined may come (back); strangers never', () => {
    const m = newMatch({ players: 3, mode: 'party' });
    m.run(join('u1', 'u2'), 1);
    m.run(leave('u2'), 2);
    expect(canJoin(m.state, 'u2')).toBeNull(); // before the start: just come back
    m.run(join('u2'), 3);
    expect(canJoin(m.state, 'u3')).toBeNull();
    expect(canJoin(m.state, 'stranger')).toBe('you are not a player of this match');
    const start = m.run([], 75); // the join deadline: start with whoever is here
    expect(m.state.phase).toBe('question');
    expect(payloads(start, OP.PLAYER_STATUS)).toEqual([{ userId: 'u3', connected: false, forfeited: true, graceTicksLeft: 0 }]);
    expect(canJoin(m.state, 'u3')).toBe('the match has already started');
    m.run(join('u3'), 76);
    expect(m.player('u3')).toMatchObject({ connected: false, joined: false, forfeited: true });
    m.run(leave('u1'), 77);
    expect(canJoin(m.state, 'u1')).toBeNull();
  });
});

describe('QuizVerse rules: party mode', () => {
  test.each([3, 5, 8])('a party of %i plays 8 rounds; rounds close when every present player answered', (n) => {
    const players = [];
    for (let i = 1; i <= n; i++) players.push({ userId: `p${i}`, username: `p${i}` });
    let state = QUIZ_RULES.init({ game: QUIZVERSE, mode: 'party', players, seed: `party-${n}` }, 'pm', createRng(seedRng(`party-${n}`)));
    expect(state).toMatchObject({ rounds: 8, timeLimitTicks: 60, gapTicks: 15, graceTicks: 150, nextPhaseTick: 100 });
    expect(QUIZ_RULES.canJoin(state, 'p1')).toBeNull();
    const run = (inputs: QuizInput[], tick: number) => {
      const out = QUIZ_RULES.step(state, inputs, tick, createRng(state.rng));
      state = out.state;
      return out;
    };
    run(players.map((p) => ({ kind: 'join', userId: p.userId })), 1);
    let tick = 1;
    let rounds = 0;
    while (!QUIZ_RULES.isOver(state)) {
      tick += 1;
      if (state.phase !== 'question') {
        run([], tick);
        continue;
      }
      rounds += 1;
      // Player i answers right in round r when i <= r: p1 always, pn only late in the match.
      const inputs: QuizInput[] = players.map((p, i) => ({ kind: 'answer', userId: p.userId, round: state.round!.number, choice: i < state.round!.number ? right(state) : wrong(state) }));
      expect(run(inputs, tick).messages.map((m) => m.opCode).filter((op) => op === OP.ROUND_RESULT)).toEqual([OP.ROUND_RESULT]);
    }
    expect(rounds).toBe(8);
    const standings = rank(state.players);
    expect(standings.map((s) => s.placement)).toEqual(players.map((_, i) => i + 1));
    expect(standings[0].userId).toBe('p1');
    expect(JSON.parse(QUIZ_RULES.label(state))).toEqual({ game_id: QUIZVERSE.id, mode: 'party', phase: 'ended' });
  });
});

describe('QuizVerse rules: the adapter contract', () => {
  test('decode validates the payload shape and names the field', () => {
    const decode = QUIZ_RULES.decode;
    expect(decode('u1', OP.ANSWER, { round: 2, choice: 1 })).toEqual({ kind: 'answer', userId: 'u1', round: 2, choice: 1 });
    expect(decode('u1', 7, { round: 2, choice: 1 })).toBe('unknown op code 7');
    expect(decode('u1', OP.ANSWER, [2, 1])).toBe('payload must be a map {round, choice}');
    expect(decode('u1', OP.ANSWER, null)).toBe('payload must be a map {round, choice}');
    expect(decode('u1', OP.ANSWER, { round: 'one', choice: 0 })).toBe('round: must be an integer');
    expect(decode('u1', OP.ANSWER, { round: 1, choice: 0.5 })).toBe('choice: must be an integer');
    expect(decode('u1', OP.ANSWER, { round: 1 })).toBe('choice: must be an integer');
  });

  test('QUIZ_RULES: module quiz, 5 ticks per second, 5 messages per second, rejections on op 99, duel settings', () => {
    expect(QUIZ_RULES).toMatchObject({ module: 'quiz', tickRate: 5, maxMessagesPerSecond: 5, rejectOpCode: OP.REJECTED });
    const state = QUIZ_RULES.init({ game: QUIZVERSE, mode: 'duel', players: [{ userId: 'a', username: 'A' }, { userId: 'b', username: 'B' }], seed: 'x' }, 'mid', createRng(seedRng('x')));
    expect(state).toMatchObject({ matchId: 'mid', seed: 'x', rounds: 5, timeLimitTicks: 50, gapTicks: 10, graceTicks: 150, nextPhaseTick: 75, phase: 'waiting', eventSeq: 0 });
    expect(JSON.parse(QUIZ_RULES.label(state))).toEqual({ game_id: QUIZVERSE.id, mode: 'duel', phase: 'waiting' });
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    expect(() => QUIZ_RULES.init({ game: QUIZVERSE, mode: 'royale', players: [], seed: 'x' }, 'mid', createRng(seedRng('x')))).toThrow('quiz: mode "royale" has no settings');
  });
});
