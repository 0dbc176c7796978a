import type { Client, Session, Socket } from '@heroiclabs/nakama-js';
import { createRpcs, quizverse, lasttolive } from '../../client';

/**
 * Compile-time checks of the typed client: each @ts-expect-error must be an error, or
 * `npm run typecheck` (run by test/unit/typecheck.test.ts) fails with "Unused '@ts-expect-error'".
 */
export async function typedUses(client: Client, session: Session, socket: Socket) {
  const rpc = createRpcs(client, session);
  const overview = await rpc.player_overview({ game_id: quizverse.GAME_ID });
  const coins: number = overview.wallet.coins;
  // @ts-expect-error game_id is required
  await rpc.player_overview({});
  // @ts-expect-error no such field
  await rpc.player_overview({ game_id: quizverse.GAME_ID, gameId: 'x' });
  // @ts-expect-error no such rpc
  await rpc.player_overveiw({ game_id: quizverse.GAME_ID });
  const match = quizverse.match(socket, 'm');
  await match.send(quizverse.OP.ANSWER, { round: 1, choice: 0 });
  // @ts-expect-error round must be a number
  await match.send(quizverse.OP.ANSWER, { round: '1', choice: 0 });
  match.onMessage(quizverse.OP.QUESTION, (q) => q.choices.join());
  // @ts-expect-error a QuestionMessage has no winner
  match.onMessage(quizverse.OP.QUESTION, (q) => q.winner);
  lasttolive.match(socket, 'm').onMessage(lasttolive.OP.SNAPSHOT, (s) => lasttolive.readSnapshot(s).alive);
  return coins;
}

test('the typed client is checked by the compiler (see typedUses)', () => {
  expect(typeof typedUses).toBe('function');
});
