'use strict';
/**
 * A match's traffic: client data waiting for the next matchLoop (input queue, 128 like match.input_queue_size),
 * dispatcher calls (broadcastMessage[Deferred], matchKick, matchLabelUpdate), deferred broadcasts
 * (match.deferred_queue_size 128) and what each presence received.
 * @module
 */
const { validateBroadcast, parseKick, parseLabelUpdate } = require('./match-dispatch');
const { goError, HarnessError } = require('./errors');

/** runtime.PresenceReason (nakama-common). */
const REASON = { unknown: 0, join: 1, update: 2, leave: 3, disconnect: 4 };
const INPUT_QUEUE_SIZE = 128;
const DEFERRED_QUEUE_SIZE = 128;

/**
 * @typedef {import('./match-dispatch').Presence} Presence
 * @typedef {{opCode: number, data: Uint8Array, sender: {userId: string, sessionId: string, username: string}|null,
 *   reliable: boolean, tick: number}} ReceivedMessage
 */

/** Presence list key: session and node, like PresenceID. @param {{sessionId: string, node: string}} p */
const key = (p) => `${p.sessionId}@${p.node}`;

class MatchIO {
  /** @param {import('./match-runner').Match} match */
  constructor(match) {
    this.match = match;
    /** Client messages for the next matchLoop. @type {any[]} */
    this.input = [];
    /** @type {any[]} */
    this.deferred = [];
    /** @type {Array<ReceivedMessage & {to: Presence}>} */
    this.deliveries = [];
    /** Client messages the match never saw (not a member, queue full, match ended). @type {any[]} */
    this.dropped = [];
  }

  /**
   * Client match data. Only members (or presences whose join is queued) reach the match; empty data is nil.
   * @param {Presence} presence
   * @param {number} opCode
   * @param {Uint8Array|ArrayBuffer|string|null|undefined} data
   * @param {boolean} reliable
   */
  send(presence, opCode, data, reliable) {
    const m = this.match;
    let bytes;
    if (data === undefined || data === null) bytes = Buffer.alloc(0);
    else if (typeof data === 'string') bytes = Buffer.from(data, 'utf8');
    else if (data instanceof ArrayBuffer) bytes = Buffer.from(data);
    else if (ArrayBuffer.isView(data)) bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    else throw new HarnessError('send: data must be a Uint8Array, an ArrayBuffer, a string or null');
    if (!Number.isInteger(opCode)) throw new HarnessError('send: opCode must be an integer');
    const msg = {
      sender: { userId: presence.userId, sessionId: presence.sessionId, username: presence.username, node: presence.node },
      opCode, data: bytes.length ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) : null,
      reliable, receiveTimeMs: m.host.clock.now(),
    };
    const pendingJoin = m.calls.some((c) => c.kind === 'join' && c.presences.some((p) => key(p) === key(presence)));
    if (m.ended) this.dropped.push({ ...msg, why: 'match ended' });
    else if (!m.presenceList.has(key(presence)) && !pendingJoin) this.dropped.push({ ...msg, why: 'not in match' });
    else if (this.input.length >= INPUT_QUEUE_SIZE) {
      this.dropped.push({ ...msg, why: 'input queue full' });
      m.host.log('warn', 'Match handler data processing too slow, dropping data message', { mid: m.uuid }, 'runtime');
    } else this.input.push(msg);
  }

  /**
   * Messages delivered to a user's sessions (or one session), in order.
   * @param {string} userOrSessionId
   * @returns {ReceivedMessage[]}
   */
  received(userOrSessionId) {
    return this.deliveries
      .filter((d) => d.to.userId === userOrSessionId || d.to.sessionId === userOrSessionId)
      .map(({ opCode, data, sender, reliable, tick }) => ({ opCode, data: new Uint8Array(data), sender: sender && { ...sender }, reliable, tick }));
  }

  /** Forgets delivered messages (all, or one user's/session's). @param {string} [userOrSessionId] */
  clearReceived(userOrSessionId) {
    this.deliveries = userOrSessionId === undefined ? []
      : this.deliveries.filter((d) => d.to.userId !== userOrSessionId && d.to.sessionId !== userOrSessionId);
  }

  processDeferred() {
    const batch = this.deferred.splice(0);
    for (const m of batch) this.deliver(m.targets, m);
  }

  /**
   * @param {Array<{sessionId: string, node: string}>} targets
   * @param {{opCode: number, data: Buffer, sender: any, reliable: boolean}} msg
   */
  deliver(targets, msg) {
    const m = this.match;
    for (const t of targets) {
      const to = m.presenceList.get(key(t)) || { userId: '', sessionId: t.sessionId, username: '', node: t.node };
      this.deliveries.push({ to, opCode: msg.opCode, data: new Uint8Array(msg.data), sender: msg.sender, reliable: msg.reliable, tick: m.tickCount });
    }
  }

  /**
   * A dispatcher method called by the match's VM (arguments are Go values).
   * @param {string} name
   * @param {unknown[]} dargs
   */
  dispatch(name, dargs) {
    const m = this.match;
    switch (name) {
      case 'broadcastMessage':
      case 'broadcastMessageDeferred': {
        const b = validateBroadcast(dargs, (id) => m.presenceList.has(key(id)));
        if (!b) return undefined;
        const targets = b.targets || [...m.presenceList.values()].map((p) => ({ sessionId: p.sessionId, node: p.node }));
        if (!targets.length) return undefined;
        if (name === 'broadcastMessage') this.deliver(targets, b);
        else {
          if (this.deferred.length >= DEFERRED_QUEUE_SIZE) {
            throw goError('error deferring message broadcast: too many deferred message broadcasts per tick');
          }
          this.deferred.push({ ...b, targets });
        }
        return undefined;
      }
      case 'matchKick': {
        // The tracker untracks them; their matchLeave (reason 3) runs at the next tick boundary.
        const kicked = parseKick(dargs).filter((p) => p.node === m.host.node && m.presenceList.has(key(p)));
        if (kicked.length) {
          const full = kicked.map((p) => ({ .../** @type {Presence} */ (m.presenceList.get(key(p))), reason: REASON.leave }));
          m.calls.push({ kind: 'leave', presences: full });
        }
        return undefined;
      }
      case 'matchLabelUpdate':
        m.label = parseLabelUpdate(dargs[0]);
        return m.label;
      default:
        throw new HarnessError(`unknown dispatcher call ${name}`);
    }
  }
}

module.exports = { MatchIO, REASON, key };
