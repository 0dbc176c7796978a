import type { MatchmakerMatched } from '@heroiclabs/nakama-js';
import { OP, type RoundResultMessage } from '../../../matches/quiz/protocol';
import { choose, decode, encode, questions, QUIZVERSE_ID } from '../../support/quiz';
import type { Player } from './nakama';

/** Two players matchmake into a QuizVerse duel (on whichever server their clients talk to); the match id. */
export async function matchDuel(a: Player, b: Player): Promise<string> {
  const matched = Promise.all([a, b].map((p) => new Promise<MatchmakerMatched>((resolve) => { p.socket.onmatchmakermatched = resolve; })));
  for (const p of [a, b]) await p.socket.addMatchmaker('*', 2, 2, { game_id: QUIZVERSE_ID, mode: 'duel' });
  const [first, second] = await matched;
  if (first.match_id !== second.match_id) throw new Error(`matched into different matches: ${first.match_id}, ${second.match_id}`);
  return first.match_id!;
}

/**
 * Join the match and answer every question as it arrives (up to round `lastRound`), rightly or
 * wrongly. Returns how many were answered so far.
 */
export async function playAnswering(player: Player, matchId: string, correct: boolean, lastRound = Infinity): Promise<() => number> {
  let answered = 0;
  const onData = player.socket.onmatchdata;
  player.socket.onmatchdata = (m) => {
    onData(m);
    if (m.match_id !== matchId || m.op_code !== OP.QUESTION) return;
    const q = questions([{ opCode: m.op_code, data: m.data }])[0];
    if (q.round > lastRound) return;
    answered += 1;
    void player.socket.sendMatchState(matchId, OP.ANSWER, encode({ round: q.round, choice: choose(q, correct) }));
  };
  await player.socket.joinMatch(matchId);
  return () => answered;
}

/** The round results a player received so far. */
export const roundResults = (p: Player) => p.matchData.filter((m) => m.opCode === OP.ROUND_RESULT).map((m) => decode<RoundResultMessage>(m.data));
