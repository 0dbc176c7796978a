import { applyOnce } from '../../core/apply-once';
import { playerNow } from '../../core/clock';
import { readDocument } from '../../core/documents';
import { validateRewards, type Rewards } from '../../core/economy';
import { runtimeError } from '../../core/errors';
import type { GameRegistry } from '../../core/game-registry';
import type { Plugin, RpcCall } from '../../core/plugin';
import { claimPending, collectDue, deliver, inboxTarget, INBOX_ATTEMPTS, REWARD_INBOX, settleExpired, statusAt, type Distribution, type InboxSource } from './inbox';

const GAME_ID = { type: 'uuid', required: true } as const;
const REWARD_ID = { type: 'string', required: true, maxLength: 200 } as const;

/** A distribution as the inbox RPCs show it. */
const viewOf = (d: Distribution, now: number) => ({ ...d, status: statusAt(d, now) });

/**
 * The reward inbox: the one place every reward that waits for a claim waits. Quests and daily missions
 * deliver inside their own transactions (inbox.ts deliver); achievements claimed by hand, season
 * tiers and live-event rewards are `sources` whose due rewards move in whenever the inbox is read or
 * claimed from (inbox.ts collectDue). Claims pay through the economy exactly once; expired and
 * revoked rewards cannot be claimed. The time is the player's clock (core/clock.ts). docs/retention.md.
 */
export function createRewardInboxPlugin(games: GameRegistry, sources: InboxSource[]): Plugin {
  /** Claim what `pick` chooses after moving in what the sources have due. */
  function claim(call: RpcCall<any>, pick: (pending: Distribution[]) => Distribution[]): Distribution[] {
    const now = playerNow(call.nk, call.userId);
    collectDue(call, call.game.id, call.userId, now, sources);
    return claimPending(call, call.game.id, call.userId, now, pick);
  }

  /** Why a reward cannot be claimed (or revoked): it is not there, or no longer pending. */
  function refusal(call: RpcCall<any>, userId: string, id: string): never {
    const d = readDocument(call, inboxTarget(call.game.id, userId))!.rewards.filter((r) => r.id === id)[0];
    if (!d) throw runtimeError('NOT_FOUND', `no reward ${id} in the inbox`);
    throw runtimeError('FAILED_PRECONDITION', `reward ${id} is ${statusAt(d, playerNow(call.nk, userId)).toLowerCase()}`);
  }

  return {
    id: 'reward_inbox',
    games: games.games.map((g) => g.id),
    documents: [REWARD_INBOX],
    rpcs: [
      {
        id: 'rewards_list_pending',
        access: 'player',
        effect: 'read',
        description: "The caller's rewards waiting for a claim (oldest first, with source and expiry: quests, daily missions, achievements claimed by hand, season tiers, live events, admins), and the most recent settled ones (claimed, expired, revoked).",
        response: '{pending: [{id, source, source_id, rewards, status, created_at, expires_at}], recent: [{...same, settled_at, reason?}]}',
        payload: { game_id: GAME_ID },
        handle(call) {
          const now = playerNow(call.nk, call.userId);
          const all = collectDue(call, call.game.id, call.userId, now, sources).rewards.map((d) => viewOf(d, now));
          return { pending: all.filter((d) => d.status === 'PENDING'), recent: all.filter((d) => d.status !== 'PENDING').sort((a, b) => (b.settled_at || b.expires_at || 0) - (a.settled_at || a.expires_at || 0)) };
        },
      },
      {
        id: 'reward_claim',
        access: 'player',
        effect: 'write',
        description: 'Claim one pending reward: paid once, through the wallet ledger (reason `<source>:<source_id>`).',
        response: '{claimed: {id, source, source_id, rewards, status: "CLAIMED", settled_at, ...}}',
        payload: { game_id: GAME_ID, reward_id: REWARD_ID },
        errors: { NOT_FOUND: 'no such reward in the inbox', FAILED_PRECONDITION: 'the reward is claimed, expired or revoked' },
        handle(call) {
          const [d] = claim(call, (pending) => pending.filter((p) => p.id === call.payload.reward_id));
          if (!d) refusal(call, call.userId, call.payload.reward_id);
          return { claimed: d };
        },
      },
      {
        id: 'rewards_claim_all',
        access: 'player',
        effect: 'write',
        description: 'Claim every pending reward in one transaction (all paid or none).',
        response: '{claimed: [{id, source, source_id, rewards, ...}]}',
        payload: { game_id: GAME_ID },
        errors: { FAILED_PRECONDITION: 'nothing is pending' },
        handle(call) {
          const claimed = claim(call, (pending) => pending);
          if (claimed.length === 0) throw runtimeError('FAILED_PRECONDITION', 'no reward is pending');
          return { claimed };
        },
      },
      {
        id: 'reward_revoke',
        access: 'admin',
        effect: 'write',
        description: "Revoke a player's pending reward (e.g. granted by mistake), with a reason; it leaves the pending list and can no longer be claimed.",
        response: '{revoked: {id, ..., status: "REVOKED", reason, revoked_by}}',
        payload: { game_id: GAME_ID, user_id: { type: 'user', required: true }, reward_id: REWARD_ID, reason: { type: 'string', required: true, maxLength: 256 } },
        errors: { NOT_FOUND: 'no such reward in the inbox', FAILED_PRECONDITION: 'the reward is not pending' },
        handle(call) {
          const { nk, game, payload } = call;
          const now = playerNow(nk, payload.user_id);
          let revoked = null as Distribution | null; // "as": assigned in the closure, so not narrowed to null
          applyOnce(call, [inboxTarget(game.id, payload.user_id)], `reward_revoke:${nk.uuidv4()}`, ([doc]) => {
            settleExpired(doc, now);
            const d = doc.rewards.filter((r) => r.id === payload.reward_id && r.status === 'PENDING')[0];
            if (!d) return null;
            Object.assign(d, { status: 'REVOKED', settled_at: now, reason: payload.reason, revoked_by: call.userId || 'http_key' });
            revoked = d;
            return { values: [doc], grants: [] };
          }, INBOX_ATTEMPTS);
          if (!revoked) refusal(call, payload.user_id, payload.reward_id);
          return { revoked };
        },
      },
      {
        id: 'reward_send',
        access: 'admin',
        effect: 'write',
        description: "Put a reward in a player's inbox (support compensation, prizes given by hand): source admin, source_id the operation_id, so a retried call delivers once.",
        response: '{delivered: {id, source: "admin", source_id, rewards, status: "PENDING", created_at, expires_at} | null (delivered before)}',
        payload: {
          game_id: GAME_ID, user_id: { type: 'user', required: true }, operation_id: { type: 'string', required: true, maxLength: 64, pattern: /^[A-Za-z0-9_.:-]+$/ },
          rewards: { type: 'object', required: true, freeForm: true }, expires_in_seconds: { type: 'integer', min: 60, max: 366 * 86400 },
        },
        errors: { INVALID_FIELD: 'rewards are empty, name no currency or item of the game, or amounts are not positive integers' },
        handle(call) {
          const { nk, game, payload } = call;
          const rewards = payload.rewards as Rewards;
          const problems = validateRewards('rewards', rewards, game);
          if (Object.keys(rewards.currencies || {}).length + Object.keys(rewards.items || {}).length === 0) problems.push('rewards: name at least one currency or item');
          if (problems.length > 0) throw runtimeError('INVALID_FIELD', problems.slice(0, 3).join('; '));
          const now = playerNow(nk, payload.user_id);
          let delivered = null as Distribution | null; // "as": assigned in a closure, so not narrowed to null
          const expires_at = payload.expires_in_seconds ? now + payload.expires_in_seconds * 1000 : undefined;
          applyOnce(call, [inboxTarget(game.id, payload.user_id)], `reward_send:${payload.operation_id}`, ([doc]) => {
            delivered = deliver(doc, { source: 'admin', source_id: payload.operation_id, rewards: payload.rewards, expires_at }, now);
            return delivered ? { values: [doc], grants: [] } : null;
          }, INBOX_ATTEMPTS);
          return { delivered };
        },
      },
    ],
  };
}
