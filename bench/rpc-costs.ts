/**
 * What each menu RPC's own JavaScript costs in goja, the engine Nakama 3.40 runs (figures, not a
 * test; issue 19): a player with state as bench/menus.ts gives it (a season and a live event with a
 * community goal run, an achievement unlocked, a reward waiting) calls each menu in the harness, which logs every
 * nk call with its result; bench/goja then replays each call many times with nk answering from that
 * log, so only the module's JavaScript is timed (no database, no HTTP, no Go side of the nk calls).
 * Beside each: the nk calls it makes, and the same for the no-op RPC (the module's fixed cost).
 *
 * Run: npm run bench -- bench/rpc-costs.ts [--profile]   (--profile: a goja CPU profile per RPC,
 * .run/goja-rpc-<id>.pprof; `go tool pprof -top` it)
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { QUIZVERSE_ID } from '../test/support/quiz';
import { STEPPED } from '../test/support/harness-duel';
import { seasonFor } from '../test/support/seasons';
import { tool } from './private-server';

const { Harness } = tool('harness');
const RUN_DIR: string = tool('nakama').RUN_DIR;
const HOUR = 3600 * 1000;
const MENUS = ['noop', 'player_overview', 'achievements_get_all', 'season_get_player_progress', 'event_get_active_events', 'matchmaking_get_status', 'rewards_list_pending', 'daily_missions_get'];

async function main() {
  tool('nakama').buildBundle();
  const h = await Harness.load('bundle/index.js', { seed: 'rpc-costs', env: STEPPED });
  const rpc = (id: string, payload: object) => JSON.parse(h.rpc(id, { game_id: QUIZVERSE_ID, ...payload }));
  const alice: string = h.createUser({ username: 'alice' });
  rpc('season_create', { season: seasonFor(h.now()) });
  rpc('event_create', { event: { id: 'cup', name: 'Cup', starts_at: h.now(), ends_at: h.now() + HOUR,
    missions: [{ id: 'win', name: 'Win a duel', counter: { event: 'match_won' }, target: 1, points: 100 }],
    community_goal: { counter: { event: 'answer_correct' }, target: 100000, rewards: { currencies: { coins: 10 } } } } });
  rpc('achievements_update_progress', { user_id: alice, achievement_id: 'first_correct_answer', increment: 1 });
  rpc('reward_send', { user_id: alice, operation_id: 'bench', rewards: { currencies: { coins: 5 } } });
  console.log('goja replay of one call of each menu (the module\'s JavaScript only; nk answers from the harness\'s log):');
  for (const id of MENUS) {
    const payload = JSON.stringify(id === 'noop' ? {} : { game_id: QUIZVERSE_ID });
    h.rpc(id, payload, { userId: alice }); // warm: caches filled, nothing new due
    h.logNkCalls();
    h.rpc(id, payload, { userId: alice });
    const calls = h.takeNkLog();
    const file = path.join(RUN_DIR, `goja-rpc-${id}.json`);
    fs.writeFileSync(file, JSON.stringify({ function: h.registrations.rpcs[id], user_id: alice, payload, now: h.now(), calls }));
    const counts: { [name: string]: number } = {};
    for (const c of calls) counts[c.name] = (counts[c.name] || 0) + 1;
    const out = execFileSync('go', ['run', '.', 'rpc', file], { cwd: path.resolve('bench', 'goja'), encoding: 'utf8', env: { ...process.env, PROFILE: process.argv.includes('--profile') ? '1' : '' } });
    console.log(`  ${id.padEnd(28)} ${out.trim()}  nk: ${Object.entries(counts).map(([n, k]) => `${n} ${k}`).join(', ')}`);
  }
  h.dispose();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
