import type { DomainEvent } from '../../core/events';
import { playBotMatch, replayBotMatch, type BotMatchRun } from '../../matches/quiz/bot-match';
import { STEADY_BOT } from '../../matches/quiz/bots';
import { OP, type MatchResultMessage, type PlayerStatusMessage } from '../../matches/quiz/protocol';
import { QUIZ_RULES } from '../../matches/quiz/rules';

const MATCHES_PER_SIZE = 50; // 7 sizes (duel, party 3..8): 350 seeded matches
const SIZES = [2, 3, 4, 5, 6, 7, 8];
const modeOf = (players: number) => (players === 2 ? 'duel' : 'party');
const PLAYER_EVENTS = ['answer_correct', 'answer_wrong', 'round_won', 'match_won', 'match_completed'];

/** What the runs exercised, summed over all of them (so the bots are known to misbehave enough). */
const seen = { matches: 0, scored: 0, forfeits: 0, rejoins: 0, refusedRejoins: 0, noShows: 0, rejections: {} as { [reason: string]: number } };

const of = (events: DomainEvent[], type: string, userId?: string) => events.filter((e) => e.type === type && (userId === undefined || e.userId === userId));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Check every invariant of one run; returns nothing, throws (via expect) on a violation. */
function checkInvariants(run: BotMatchRun): void {
  const { state, events, delivered, initial, players } = run;
  const ids = players.map((p) => p.userId);
  seen.matches += 1;

  // The match ends, within its bound: join timeout + every round at full length + its gap.
  expect(QUIZ_RULES.isOver(state)).toBe(true);
  const bound = initial.nextPhaseTick + initial.rounds * (initial.timeLimitTicks + initial.gapTicks);
  expect(run.endTick).toBeLessThanOrEqual(bound);
  expect(JSON.parse(JSON.stringify(state))).toEqual(state);

  // Event ids are the match id + 1..n, in order.
  expect(events.map((e) => e.id)).toEqual(events.map((_, i) => `${state.matchId}:${i + 1}`));

  // Scores add up to the points of the answers (events and the players' own ANSWER_RESULTs).
  for (const p of state.players) {
    const correct = of(events, 'answer_correct', p.userId);
    expect(p.score).toBe(sum(correct.map((e) => e.data.points as number)));
    expect(p.correctAnswers).toBe(correct.length);
    const results = delivered.filter((d) => d.opCode === OP.ANSWER_RESULT && d.to![0] === p.userId).map((d) => d.payload as { points: number });
    expect(sum(results.map((r) => r.points))).toBe(p.score);
    if (p.score > 0) seen.scored += 1;
  }

  // At most one round_won per round, for the earliest correct answer, with its points.
  for (const won of of(events, 'round_won')) {
    const correct = of(events, 'answer_correct').filter((e) => e.data.round === won.data.round);
    expect(of(events, 'round_won').filter((e) => e.data.round === won.data.round)).toHaveLength(1);
    expect(correct[0].userId).toBe(won.userId);
    expect(correct[0].data.points).toBe(won.data.points);
    expect(correct.every((e) => e.tick >= correct[0].tick)).toBe(true);
  }

  // One MATCH_RESULT, last; placements a permutation of 1..n over every player; forfeits last.
  const results = delivered.filter((d) => d.opCode === OP.MATCH_RESULT);
  expect(results).toHaveLength(1);
  expect(delivered[delivered.length - 1]).toBe(results[0]);
  const result = results[0].payload as MatchResultMessage;
  const anyoneScored = state.players.some((p) => p.score > 0);
  expect(of(events, 'match_won')).toHaveLength(anyoneScored ? 1 : 0);
  {
    expect(result.standings.map((s) => s.placement)).toEqual(ids.map((_, i) => i + 1));
    expect(result.standings.map((s) => s.userId).sort()).toEqual([...ids].sort());
    const firstForfeit = result.standings.findIndex((s) => s.forfeited);
    if (firstForfeit >= 0) expect(result.standings.slice(firstForfeit).every((s) => s.forfeited)).toBe(true);
    expect(result.winner).toBe(anyoneScored ? result.standings[0].userId : null);
    if (anyoneScored) expect(of(events, 'match_won')[0].userId).toBe(result.winner);
  }
  const ended = of(events, 'match_ended');
  if (state.players.some((p) => p.joined)) {
    expect(ended).toHaveLength(1);
    const standings = ended[0].data.standings as { userId: string; placement: number; score: number }[];
    expect(standings.map((s) => s.placement)).toEqual(ids.map((_, i) => i + 1));
    expect(standings.map((s) => s.userId).sort()).toEqual([...ids].sort());
    expect(of(events, 'match_completed').map((e) => e.userId).sort()).toEqual(state.players.filter((p) => p.joined).map((p) => p.userId).sort());
  } else {
    expect(events.map((e) => e.type)).toEqual(['match_abandoned']);
  }

  // No player acts after forfeiting: no answer, round win or answer result from the forfeit tick on.
  for (const p of state.players.filter((x) => x.forfeited)) {
    seen.forfeits += 1;
    if (!p.joined) seen.noShows += 1;
    const acts = events.filter((e) => e.userId === p.userId && e.tick >= p.forfeitTick && e.type !== 'match_completed' && e.type !== 'match_won');
    expect(acts).toEqual([]);
    expect(delivered.filter((d) => d.opCode === OP.ANSWER_RESULT && d.to![0] === p.userId && d.tick >= p.forfeitTick)).toEqual([]);
  }
  for (const e of events) if (e.userId !== '') expect(PLAYER_EVENTS).toContain(e.type);

  // Coverage bookkeeping.
  for (const r of run.refused) {
    expect(r.reason).toBe('you have forfeited this match');
    seen.refusedRejoins += 1;
  }
  const statuses = delivered.filter((d) => d.opCode === OP.PLAYER_STATUS).map((d) => d.payload as PlayerStatusMessage);
  const away: { [userId: string]: boolean } = {};
  for (const s of statuses) {
    if (s.connected && away[s.userId]) seen.rejoins += 1;
    away[s.userId] = !s.connected;
  }
  for (const d of delivered.filter((x) => x.opCode === OP.REJECTED)) {
    const reason = (d.payload as { reason: string }).reason.replace(/\d+/g, 'N');
    seen.rejections[reason] = (seen.rejections[reason] || 0) + 1;
  }
}

describe('QuizVerse property test: seeded matches with bots', () => {
  test.each(SIZES)(`${MATCHES_PER_SIZE} matches of %i players keep every invariant`, (players) => {
    for (let i = 0; i < MATCHES_PER_SIZE; i++) {
      const seed = `prop-${players}-${i}`;
      const run = playBotMatch({ seed, mode: modeOf(players), players });
      checkInvariants(run);
      if (i % 10 === 0) {
        // Same seed, same match; and a replay of the recorded inputs reaches the same state.
        const again = playBotMatch({ seed, mode: modeOf(players), players });
        expect(again.state).toEqual(run.state);
        expect(again.events).toEqual(run.events);
        expect(replayBotMatch(run.initial, run.record, run.endTick)).toEqual(run.state);
      }
    }
  });

  test('the bots exercised forfeits, rejoins (in time and too late), no-shows and every kind of rejection', () => {
    expect(seen.matches).toBeGreaterThanOrEqual(300);
    expect(seen.forfeits).toBeGreaterThan(0);
    expect(seen.noShows).toBeGreaterThan(0);
    expect(seen.rejoins).toBeGreaterThan(0);
    expect(seen.refusedRejoins).toBeGreaterThan(0);
    expect(seen.scored).toBeGreaterThan(0);
    expect(Object.keys(seen.rejections).sort()).toEqual(expect.arrayContaining([
      'choice: must be N..N', 'choice: must be an integer', 'payload must be a map {round, choice}', 'round: answer for round N but round N is open',
      'round: must be an integer', 'round: no question is open', 'round: round N is already answered', 'unknown op code N',
    ]));
  });

  test('steady bots: everyone right and fast; the seed alone decides the questions', () => {
    const a = playBotMatch({ seed: 'steady', mode: 'duel', players: 2, profiles: STEADY_BOT });
    const b = playBotMatch({ seed: 'steady', mode: 'duel', players: 2, profiles: STEADY_BOT });
    expect(a.state).toEqual(b.state);
    expect(a.state.players.map((p) => p.correctAnswers)).toEqual([5, 5]);
    expect(of(a.events, 'match_won')).toHaveLength(1);
    expect(playBotMatch({ seed: 'other', mode: 'duel', players: 2, profiles: STEADY_BOT }).state.plan).not.toEqual(a.state.plan);
  });
});
