import { MAX_DIRECTION, OP, readSnapshot, type Loadout, type MatchStartMessage, type ShotResultMessage, type SnapshotMessage, type SnapshotView } from '../../matches/br/protocol';

/** A message a client sends. */
export interface ClientMessage { opCode: number; payload: unknown }

/**
 * A LastToLive client bot that knows only what the server sends it: the match start, snapshots, and
 * its shot results (which carry its rounds left and ready tick). It walks to the safe zone's centre
 * until it sees an enemy, then stops and fires its rifle at the nearest one whenever the weapon is
 * ready, holding its position (a MOVE to where it stands) while the rifle cools down. So a living
 * bot always has an input to send, as a real client sends one every tick. Benchmarks also use two
 * bots that never fire (nobody falls): 'wander' walks from one point of the safe zone to the next
 * (its own points, spread by slot), 'crowd' to the zone's centre.
 */
export type ClientBotKind = 'fight' | 'wander' | 'crowd';

export function createClientBot(userId: string, kind: ClientBotKind = 'fight') {
  let start: MatchStartMessage | null = null;
  let loadout: Loadout = { ammo: [], readyTick: 0 };
  let mySlot = -1;
  let waypoint = 0;

  /** What to send after a snapshot: a shot and/or a MOVE; nothing once eliminated. */
  function onSnapshot(message: SnapshotMessage): ClientMessage[] {
    const snapshot = readSnapshot(message);
    if (!start || snapshot.you.hp <= 0) return [];
    const me = snapshot.you;
    const myTeam = start.players[mySlot].team;
    const enemies = snapshot.players.filter(([slot, , , hp]) => hp > 0 && start!.players[slot].team !== myTeam);
    const rifle = start.weapons.filter((w) => w.name === 'rifle')[0];
    if (kind === 'wander') {
      const [x, y] = zonePoint(snapshot.zone, mySlot, waypoint);
      if (x === me.x && y === me.y) waypoint += 1;
      return [moveToward(me, x, y)];
    }
    if (enemies.length > 0 && kind === 'fight') {
      const [, x, y] = enemies[0];
      const dx = x - me.x;
      const dy = y - me.y;
      const far = Math.max(Math.abs(dx), Math.abs(dy));
      if (far > 0 && dx * dx + dy * dy <= rifle.range * rifle.range) {
        if (snapshot.tick < loadout.readyTick || loadout.ammo[rifle.id] <= 0) return [moveToward(me, me.x, me.y)];
        const scale = MAX_DIRECTION / far;
        return [{ opCode: OP.SHOOT, payload: { dx: Math.round(dx * scale), dy: Math.round(dy * scale), weapon: rifle.id } }, moveToward(me, me.x, me.y)];
      }
      return [moveToward(me, x, y)];
    }
    return [moveToward(me, snapshot.zone[0], snapshot.zone[1])];
  }

  return {
    /** Take a message from the server (its payload decoded); after a snapshot, returns what to send, else null. */
    receive(opCode: number, payload: unknown): ClientMessage[] | null {
      if (opCode === OP.MATCH_START) {
        start = payload as MatchStartMessage;
        loadout = start.you;
        mySlot = start.players.filter((p) => p.userId === userId)[0].slot;
      } else if (opCode === OP.SHOT_RESULT) {
        const shot = payload as ShotResultMessage;
        loadout.ammo[shot.weapon] = shot.ammo;
        loadout.readyTick = shot.readyTick;
      } else if (opCode === OP.SNAPSHOT) {
        return onSnapshot(payload as SnapshotMessage);
      }
      return null;
    },
  };
}

function moveToward(me: SnapshotView['you'], x: number, y: number): ClientMessage {
  const dx = x - me.x;
  const dy = y - me.y;
  const distance = Math.sqrt(dx * dx + dy * dy);
  const step = Math.min(me.move, distance);
  const f = distance === 0 ? 0 : step / distance;
  return { opCode: OP.MOVE, payload: { x: me.x + Math.trunc(dx * f), y: me.y + Math.trunc(dy * f) } };
}

/** The k-th waypoint of a slot: spread over the safe circle [x, y, r] (golden-angle spiral), 80% in. */
function zonePoint([x, y, r]: number[], slot: number, k: number): [number, number] {
  const i = slot * 7 + k * 13;
  const angle = i * 2.399963;
  const reach = 0.8 * r * Math.sqrt(((i * 37) % 100) / 100);
  return [Math.round(x + reach * Math.cos(angle)), Math.round(y + reach * Math.sin(angle))];
}
