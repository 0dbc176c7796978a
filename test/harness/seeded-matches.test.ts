import { pack, unpack } from 'msgpackr';
import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { BR_RULES } from '../../matches/br/rules';
import { createClientBot } from '../support/br-client-bot';
import { maxMatchTicks } from '../../matches/br/zone';
import { createQuizBot, randomBotProfile } from '../../matches/quiz/bots';
import { createRng, seedRng } from '../../matches/shared/rng';
import { replay, storedRecord } from '../../tools/replay';
import type { Harness } from '../../tools/harness';
import { loadHarness } from '../support/harness-duel';
import { QUIZVERSE_ID } from '../support/quiz';


/** Invariants every finished match must hold, checked on its record. */
function checkInvariants(record: any, players: string[]) {
  const ended = record.events.filter((e: any) => e.type === 'match_ended');
  const joined = new Set(record.log.flatMap((e: any) => e.join || []));
  if (joined.size === 0) return expect(ended).toEqual([]);
  expect(ended).toHaveLength(1);
  const standings = ended[0].data.standings as { userId: string; placement: number }[];
  expect(standings.map((s) => s.userId).sort()).toEqual(players.slice().sort());
  const places = standings.map((s) => s.placement);
  expect(Math.min(...places)).toBe(1);
  const winners = record.events.filter((e: any) => e.type === 'match_won').map((e: any) => e.userId);
  for (const w of winners) expect(standings.filter((s) => s.userId === w)[0].placement).toBe(1);
  expect(record.events.map((e: any) => e.id)).toEqual(record.events.map((_: unknown, i: number) => `${record.match_id}:${i + 1}`));
}

/**
 * Hundreds of seeded matches through the built bundle in the harness (adapter, rules, plugins,
 * records): each must end cleanly and hold the invariants; a sample is replayed to the same hash.
 */
describe('seeded matches through the bundle', () => {
  test('100 QuizVerse matches (duel and party 3-8) with misbehaving bots', async () => {
    const h = await loadHarness('quiz-many');
    const rng = createRng(seedRng('quiz-many'));
    for (let i = 0; i < 100; i++) {
      const mode = i % 2 === 0 ? 'duel' : 'party';
      const size = mode === 'duel' ? 2 : 3 + rng.int(6);
      const users = Array.from({ length: size }, () => h.createUser());
      const matchId = h.matchmake(users.map((u) => ({ presence: u, properties: { game_id: QUIZVERSE_ID, mode }, minCount: 2, maxCount: 8 })))!;
      const match = h.match(matchId);
      const bots = users.map((u) => createQuizBot(u, `m${i}`, randomBotProfile(rng)));
      const seen: { [userId: string]: number } = {};
      for (let ticks = 0; !match.ended && ticks < 3000; ticks++) {
        for (const bot of bots) {
          for (const action of bot.act(match.currentTick)) {
            if (action.kind === 'join') {
              const r = match.join(bot.userId);
              if (!r.accept) bot.refused(r.rejectMessage);
            } else if (action.kind === 'leave') match.leave(bot.userId);
            else match.send(bot.userId, action.opCode, new Uint8Array(pack(action.payload)));
          }
        }
        match.flush();
        match.tick();
        for (const bot of bots) {
          const got = match.received(bot.userId);
          for (const m of got.slice(seen[bot.userId] || 0)) bot.receive(m.opCode, unpack(m.data), m.tick);
          seen[bot.userId] = got.length;
        }
      }
      expect(match.ended).toBe(true);
      expect(match.error).toBeNull();
      const record = storedRecord(h, matchId)!;
      checkInvariants(record, users);
      if (i % 25 === 0) expect((await replay(record)).final_state_hash).toBe(record.final_state_hash);
    }
    h.dispose();
  });

  test('6 LastToLive matches (solo, duo, squad; 2-10 players) with bots, each to its end', async () => {
    const h = await loadHarness('br-many');
    const rng = createRng(seedRng('br-many'));
    const limit = maxMatchTicks(BR_RULES.settings);
    for (let i = 0; i < 6; i++) {
      const mode = ['solo', 'duo', 'squad'][i % 3];
      const users = Array.from({ length: 2 + rng.int(9) }, () => h.createUser());
      const matchId = h.matchmake(users.map((u) => ({ presence: u, properties: { game_id: LASTTOLIVE.id, mode }, minCount: 2, maxCount: 100 })))!;
      const match = h.match(matchId);
      for (const u of users) match.join(u);
      match.flush();
      // Client bots: they know only what the server sends them (the match keeps its state to itself).
      const bots = users.map((u) => createClientBot(u));
      const seen: { [userId: string]: number } = {};
      while (!match.ended && match.currentTick < limit) {
        users.forEach((u, k) => {
          const got = match.received(u).slice(seen[u] || 0);
          seen[u] = (seen[u] || 0) + got.length;
          for (const m of got) {
            for (const out of bots[k].receive(m.opCode, unpack(m.data)) || []) match.send(u, out.opCode, new Uint8Array(pack(out.payload)));
          }
        });
        match.tick();
      }
      expect(match.ended).toBe(true);
      expect(match.error).toBeNull();
      const record = storedRecord(h, matchId)!;
      checkInvariants(record, users);
      expect(record.events.filter((e: any) => e.type === 'match_won').length).toBeGreaterThanOrEqual(1);
      if (i % 3 === 0) expect((await replay(record)).final_state_hash).toBe(record.final_state_hash);
    }
    h.dispose();
  }, 180000);
});
