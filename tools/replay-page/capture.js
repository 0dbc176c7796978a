'use strict';
/**
 * What the visual replay draws, taken while tools/replay.js re-runs a record in the harness: the
 * match state after every tick, the client messages of that tick (from the log) and every message
 * the server sent. LastToLive: a frame per tick (positions, hit points, the zone), shots, the kill
 * feed. QuizVerse: a board per round (question, each player's answer, time and points, scores).
 */
const { unpack } = require('msgpackr');
const { opCodes } = require('../client-types/op-codes');
const { replay } = require('../replay');

const QUIZ = opCodes('quizverse');
const BR = opCodes('lasttolive');

/**
 * Every message the server sent since the last call: [{ userId, opCode, payload }]. The page files
 * them under the tick whose step sent them, the tick its frame has.
 */
function takeReceived(match, userIds) {
  const out = [];
  for (const userId of userIds) {
    for (const m of match.received(userId)) out.push({ userId, opCode: m.opCode, payload: unpack(m.data) });
    match.clearReceived(userId);
  }
  return out;
}

/** Messages sent to everyone arrive once per player: keep one of each. */
function once(messages) {
  const seen = new Set();
  return messages.filter((m) => {
    const key = `${m.opCode}:${JSON.stringify(m.payload)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** LastToLive: a frame per tick, the shots, the kill feed, the zone phases, the result. */
function brCollector() {
  const view = { kind: 'br', players: [], mapSize: 0, tickRate: 0, weapons: [], frames: [], shots: [], feed: [], zones: [], result: null };
  return {
    view,
    step(tick, game, sent, received, slotOf) {
      if (!game) return;
      if (!view.players.length) view.players = game.players.map((p, slot) => ({ slot, username: p.username, userId: p.userId, team: game.teams[p.team].team }));
      const positions = [];
      for (const p of game.players) positions.push(p.x, p.y, p.hp);
      view.frames.push({ tick, phase: game.phase, p: positions, zone: [game.zone.x, game.zone.y, game.zone.r], alive: game.players.filter((p) => p.hp > 0).length, teamsAlive: game.teamsAlive });
      const aims = {};
      for (const m of sent) if (m.opCode === BR.SHOOT && m.payload) aims[m.userId] = m.payload;
      for (const m of received) {
        if (m.opCode !== BR.SHOT_RESULT) continue;
        const aim = aims[m.userId] || { dx: 0, dy: 0 };
        view.shots.push({ tick, slot: slotOf[m.userId], dx: aim.dx, dy: aim.dy, weapon: m.payload.weapon, hit: m.payload.hit, damage: m.payload.damage });
      }
      for (const m of once(received)) {
        if (m.opCode === BR.MATCH_START && !view.mapSize) Object.assign(view, { mapSize: m.payload.mapSize, tickRate: m.payload.tickRate, weapons: m.payload.weapons });
        else if (m.opCode === BR.KILL_FEED) view.feed.push({ tick, ...m.payload });
        else if (m.opCode === BR.ZONE) view.zones.push({ tick, ...m.payload });
        else if (m.opCode === BR.MATCH_RESULT) view.result = m.payload;
      }
    },
  };
}

/** QuizVerse: a board per round (question, each player's answer, its time and points, the scores), the result. */
function quizCollector(record) {
  const view = { kind: 'quiz', players: record.players.map((p) => ({ userId: p.userId, username: p.username })), tickRate: 0, rounds: [], result: null };
  const roundOf = (n) => view.rounds.filter((r) => r.round === n)[0];
  return {
    view,
    step(tick, game, sent, received) {
      // What went to everyone first: a question is asked before it is answered.
      for (const m of once(received)) {
        if (m.opCode === QUIZ.QUESTION && !roundOf(m.payload.round)) {
          const { round, category, difficulty, text, choices, tickRate } = m.payload;
          view.tickRate = tickRate;
          view.rounds.push({ round, category, difficulty, text, choices, askedAt: tick, answers: {}, correctChoice: -1, fastest: null, scores: [] });
        } else if (m.opCode === QUIZ.ROUND_RESULT && roundOf(m.payload.round)) {
          Object.assign(roundOf(m.payload.round), { correctChoice: m.payload.correctChoice, fastest: m.payload.fastest, scores: m.payload.scores });
        } else if (m.opCode === QUIZ.MATCH_RESULT) {
          view.result = m.payload;
        }
      }
      for (const m of sent) {
        const round = m.opCode === QUIZ.ANSWER && m.payload && roundOf(m.payload.round);
        if (round && !round.answers[m.userId]) round.answers[m.userId] = { choice: m.payload.choice, seconds: (tick - round.askedAt) / view.tickRate };
      }
      for (const m of received) {
        const round = m.opCode === QUIZ.ANSWER_RESULT && roundOf(m.payload.round);
        if (round && round.answers[m.userId]) Object.assign(round.answers[m.userId], { correct: m.payload.correct, points: m.payload.points, score: m.payload.score });
      }
    },
  };
}

/**
 * Re-runs the record and returns what the page shows, { view, verdict }, and the replayed record.
 * The verdict compares the replayed final state hash with the recorded one (an aborted match recorded none).
 */
async function captureReplay(record, { onProgress } = {}) {
  if (record.module !== 'br' && record.module !== 'quiz') throw new Error(`no visual replay for match module ${record.module}`);
  const collector = record.module === 'br' ? brCollector() : quizCollector(record);
  const userIds = record.players.map((p) => p.userId);
  const slotOf = {};
  userIds.forEach((u, i) => { slotOf[u] = i; });
  const replayed = await replay(record, {
    onProgress,
    onTick(match, sent) {
      // The rules' state lives in the match's VM: the adapter answers the signal "state" with it.
      const game = record.module === 'br' && !match.ended ? JSON.parse(match.signal('state')) : null;
      // Ticks as Nakama numbers them (the record's too): the loop just run, not the next one.
      collector.step(match.currentTick - 1, game, sent, takeReceived(match, userIds), slotOf);
    },
  });
  const recorded = record.final_state_hash || null;
  return {
    view: { match_id: record.match_id, module: record.module, mode: record.mode, seed: record.seed, ending: record.ending, end_tick: record.end_tick, ...collector.view },
    verdict: { recorded, replayed: replayed.final_state_hash || null, same: !!recorded && recorded === replayed.final_state_hash },
    replayed,
  };
}

module.exports = { captureReplay };
