import { createRng, seedRng } from '../../matches/shared/rng';
import { OP } from '../../matches/quiz/protocol';
import { QUESTIONS } from '../../matches/quiz/question-bank';
import { BASE_POINTS, canJoin, createQuizState, rank, step, type QuizInput, type StepResult } from '../../matches/quiz/rules';
import type { QuizState } from '../../matches/quiz/state';

const SETTINGS = { rounds: 3, tickRate: 5, timeLimitSeconds: 10, gapSeconds: 1, joinTimeoutSeconds: 15 };
const PLAYERS = [{ userId: 'u1', username: 'one' }, { userId: 'u2', username: 'two' }];

function newMatch(seed = 'seed-1'): { state: QuizState; run: (inputs: QuizInput[], tick: number) => StepResult } {
  let state = createQuizState({ gameId: 'g', mode: 'duel', matchId: 'm1', seed, players: PLAYERS }, SETTINGS, QUESTIONS, createRng(seedRng(seed)), 0);
  const holder = { state, run: (inputs: QuizInput[], tick: number) => {
    const rng = createRng(state.rng);
    const out = step(state, inputs, tick, rng, QUESTIONS);
    out.state.rng = rng.state();
    state = holder.state = out.state;
    return out;
  } };
  return holder;
}

const correctChoice = (s: QuizState) => s.round!.correctChoice;
const wrongChoice = (s: QuizState) => (s.round!.correctChoice + 1) % 4;
const rejections = (out: StepResult) => out.messages.filter((m) => m.opCode === OP.REJECTED).map((m) => (m.payload as { reason: string }).reason);

describe('quiz rules', () => {
  test('the same seed draws the same questions and choice order; another seed differs', () => {
    const a = newMatch('alpha');
    const b = newMatch('alpha');
    const c = newMatch('beta');
    expect(a.state.questionIds).toEqual(b.state.questionIds);
    a.run([{ kind: 'join', userId: 'u1' }, { kind: 'join', userId: 'u2' }], 1);
    b.run([{ kind: 'join', userId: 'u1' }, { kind: 'join', userId: 'u2' }], 1);
    expect(a.state.round).toEqual(b.state.round);
    expect(c.state.questionIds).not.toEqual(a.state.questionIds);
  });

  test('the first question opens once every player has joined', () => {
    const m = newMatch();
    expect(m.run([{ kind: 'join', userId: 'u1' }], 1).messages).toEqual([]);
    const out = m.run([{ kind: 'join', userId: 'u2' }], 2);
    expect(m.state.phase).toBe('question');
    expect(out.messages.map((x) => x.opCode)).toEqual([OP.QUESTION]);
  });

  test('a correct answer scores base points plus a speed bonus and emits answer_correct with the streak', () => {
    const m = newMatch();
    m.run([{ kind: 'join', userId: 'u1' }, { kind: 'join', userId: 'u2' }], 1);
    const out = m.run([{ kind: 'answer', userId: 'u1', round: 1, choice: correctChoice(m.state) }], 2);
    const p1 = m.state.players[0];
    expect(p1.score).toBe(BASE_POINTS + Math.floor((50 * (51 - 2)) / 50));
    expect(out.events).toEqual([expect.objectContaining({ id: 'm1:1', type: 'answer_correct', userId: 'u1', tick: 2, data: expect.objectContaining({ streak: 1, response_ticks: 1 }) })]);
  });

  test('double answers, answers to another round and late answers are rejected and change nothing', () => {
    const m = newMatch();
    m.run([{ kind: 'join', userId: 'u1' }, { kind: 'join', userId: 'u2' }], 1);
    m.run([{ kind: 'answer', userId: 'u1', round: 1, choice: wrongChoice(m.state) }], 2);
    const again = m.run([{ kind: 'answer', userId: 'u1', round: 1, choice: correctChoice(m.state) }, { kind: 'answer', userId: 'u2', round: 2, choice: 0 }], 3);
    expect(rejections(again)).toEqual(['round: round 1 is already answered', 'round: answer for round 2 but round 1 is open']);
    expect(m.state.players[0].score).toBe(0);
    const afterDeadline = m.run([], 1 + 50); // deadline passes: round closes
    expect(afterDeadline.messages.map((x) => x.opCode)).toEqual([OP.ROUND_RESULT]);
    const late = m.run([{ kind: 'answer', userId: 'u2', round: 1, choice: 0 }], 52);
    expect(rejections(late)).toEqual(['round: no question is open']);
  });

  test('a full match ends with standings, match_won for the leader and match_completed for everyone', () => {
    const m = newMatch();
    let tick = 1;
    m.run([{ kind: 'join', userId: 'u1' }, { kind: 'join', userId: 'u2' }], tick);
    const events: string[] = [];
    let last: StepResult | undefined;
    while (m.state.phase !== 'ended' && tick < 1000) {
      tick += 1;
      const inputs: QuizInput[] = m.state.phase === 'question'
        ? [{ kind: 'answer', userId: 'u1', round: m.state.round!.number, choice: wrongChoice(m.state) }, { kind: 'answer', userId: 'u2', round: m.state.round!.number, choice: correctChoice(m.state) }]
        : [];
      last = m.run(inputs, tick);
      events.push(...last.events.map((e) => `${e.type}:${e.userId}`));
    }
    expect(events.filter((e) => e.startsWith('answer_correct'))).toEqual(['answer_correct:u2', 'answer_correct:u2', 'answer_correct:u2']);
    expect(events.slice(-4)).toEqual(['match_won:u2', 'match_completed:u2', 'match_completed:u1', 'match_ended:']);
    const ended = last!.events.filter((e) => e.type === 'match_ended')[0];
    expect(ended.data).toEqual({ mode: 'duel', standings: [{ userId: 'u2', placement: 1, score: expect.any(Number) }, { userId: 'u1', placement: 2, score: 0 }] });
    const result = last!.messages.filter((x) => x.opCode === OP.MATCH_RESULT)[0].payload as { winner: string; standings: { userId: string; placement: number }[] };
    expect(result.winner).toBe('u2');
    expect(result.standings.map((s) => [s.userId, s.placement])).toEqual([['u2', 1], ['u1', 2]]);
  });

  test('when everyone leaves mid-match the match ends cleanly', () => {
    const m = newMatch();
    m.run([{ kind: 'join', userId: 'u1' }, { kind: 'join', userId: 'u2' }], 1);
    const out = m.run([{ kind: 'leave', userId: 'u1' }, { kind: 'leave', userId: 'u2' }], 2);
    expect(m.state.phase).toBe('ended');
    expect(out.messages.map((x) => x.opCode)).toEqual([OP.MATCH_RESULT]);
  });

  test('nobody joining before the join timeout ends the match without events', () => {
    const m = newMatch();
    const out = m.run([], 15 * 5);
    expect(m.state.phase).toBe('ended');
    expect(out.events).toEqual([]);
  });

  test('only listed players may join, and nobody after the end', () => {
    const m = newMatch();
    expect(canJoin(m.state, 'u1')).toBeNull();
    expect(canJoin(m.state, 'stranger')).toBe('you are not a player of this match');
    m.state.phase = 'ended';
    expect(canJoin(m.state, 'u1')).toBe('the match has ended');
  });

  test('ties are broken by correct answers, then response ticks, then matchmaker order', () => {
    const base = { username: '', connected: true, joined: true, streak: 0, answeredRound: 0 };
    const standings = rank([
      { ...base, userId: 'a', score: 300, correctAnswers: 2, responseTicks: 10 },
      { ...base, userId: 'b', score: 300, correctAnswers: 3, responseTicks: 30 },
      { ...base, userId: 'c', score: 300, correctAnswers: 2, responseTicks: 5 },
      { ...base, userId: 'd', score: 300, correctAnswers: 2, responseTicks: 5 },
    ]);
    expect(standings.map((s) => `${s.userId}${s.placement}`)).toEqual(['b1', 'c2', 'd3', 'a4']);
  });
});
