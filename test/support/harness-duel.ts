import { Harness } from '../../tools/harness';
import { OP } from '../../matches/quiz/protocol';
import { choose, encode, questions, QUIZVERSE_ID } from './quiz';

/** The message of the error `f` throws (fails the test when it throws none). */
export function failure(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a failure');
}

/** Call an RPC of a game as a player (userId) or server-to-server (none), and parse its JSON response. */
export function gameRpc(h: Harness, gameId = QUIZVERSE_ID) {
  return (id: string, payload: object, userId?: string) => JSON.parse(h.rpc(id, { game_id: gameId, ...payload }, userId ? { userId } : {}));
}

/**
 * The runtime env of harness tests that step matches one at a time: no delivery worker (it would
 * never tick), so each match delivers its plugins' events itself (test/harness/delivery-worker.test.ts
 * steps a worker too).
 */
export const STEPPED = { LIVE_GAMES_DELIVERY_WORKER: 'off' };

/** Load the built bundle the way Nakama does. */
export function loadHarness(seed = 'test'): Promise<Harness> {
  return Harness.load('bundle/index.js', { seed, env: STEPPED });
}

/** Matchmake two new players (alice and bob unless named) into a QuizVerse duel and join them (nothing played yet). */
export function startDuel(h: Harness, usernames: [string, string] = ['alice', 'bob']) {
  const [alice, bob] = usernames.map((username) => h.createUser({ username }));
  const ticket = (userId: string) => ({ presence: userId, properties: { game_id: QUIZVERSE_ID, mode: 'duel' }, query: '*', minCount: 2, maxCount: 2 });
  const matchId = h.matchmake([ticket(alice), ticket(bob)])!;
  const match = h.match(matchId);
  match.join(alice);
  match.join(bob);
  match.flush();
  return { alice, bob, matchId, match };
}

/** Play a started duel to its end (or 2000 ticks): `winner` answers every question correctly, `loser` wrongly; `afterTick` looks on after each tick. */
export function answerUntilOver(match: ReturnType<Harness['match']>, winner: string, loser: string, afterTick: () => void = () => undefined, loserDelayTicks = 0): void {
  const answered: { [userId: string]: number } = { [winner]: 0, [loser]: 0 };
  let loserSaw = -1; // the tick the loser first saw the question it has not answered yet
  for (let ticks = 0; !match.ended && ticks < 2000; ticks++) {
    for (const [userId, correct] of [[winner, true], [loser, false]] as const) {
      const asked = questions(match.received(userId));
      if (userId === loser && asked.length > answered[userId]) {
        if (loserSaw < 0) loserSaw = ticks;
        if (ticks - loserSaw < loserDelayTicks) continue;
        loserSaw = -1;
      }
      for (const q of asked.slice(answered[userId])) match.send(userId, OP.ANSWER, encode({ round: q.round, choice: choose(q, correct) }));
      answered[userId] = asked.length;
    }
    match.tick();
    afterTick();
  }
}

/**
 * Play the walking-skeleton duel in the harness with the same bots as the real-server test:
 * alice answers every question correctly, bob wrongly, and bob first sends two malformed answers.
 */
export function playDuel(h: Harness) {
  const { alice, bob, matchId, match } = startDuel(h);
  match.send(bob, OP.ANSWER, new Uint8Array([0x92, 0x01]));
  match.send(bob, OP.ANSWER, encode({ round: 'one', choice: 0 }));
  answerUntilOver(match, alice, bob);
  return { alice, bob, matchId, match };
}
