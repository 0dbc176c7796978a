import type { MatchmakerMatched } from '@heroiclabs/nakama-js';
import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { OP, type MatchStartMessage } from '../../matches/br/protocol';
import { decode } from '../support/quiz';
import { connectPlayer, type Player } from './support/nakama';

/** Nakama parties: a party's ticket is checked like any other, and party members share a team. */
describe('parties on a real Nakama', () => {
  let players: Player[] = [];
  afterAll(() => players.forEach((p) => p.close()));

  test('a duo party is matched onto one team; a party ticket for an unknown game is refused', async () => {
    players = await Promise.all(['lead', 'mate', 'solo1', 'solo2'].map((n) => connectPlayer(n)));
    const [leader, mate, solo1, solo2] = players;
    const party = await leader.socket.createParty(true, 2);
    const joined = new Promise<void>((resolve) => { mate.socket.onparty = () => resolve(); });
    await mate.socket.joinParty(party.party_id);
    await joined;

    await expect(leader.socket.addMatchmakerParty(party.party_id, '*', 2, 4, { game_id: '00000000-0000-4000-8000-000000000000', mode: 'duo' }))
      .rejects.toMatchObject({ message: expect.stringContaining('UNKNOWN_GAME') });

    const matched = Promise.all(players.map((p) => new Promise<MatchmakerMatched>((resolve) => { p.socket.onmatchmakermatched = resolve; })));
    const props = { game_id: LASTTOLIVE.id, mode: 'duo' };
    await leader.socket.addMatchmakerParty(party.party_id, '*', 2, 4, props);
    await solo1.socket.addMatchmaker('*', 2, 4, props);
    await solo2.socket.addMatchmaker('*', 2, 4, props);
    const matchIds = new Set((await matched).map((m) => m.match_id));
    expect(matchIds.size).toBe(1);
    const [matchId] = [...matchIds];

    await Promise.all(players.map((p) => p.socket.joinMatch(matchId)));
    const start = await leader.until(() => {
      const m = leader.matchData.filter((x) => x.opCode === OP.MATCH_START)[0];
      return m && decode<MatchStartMessage>(m.data);
    }, 'the match start');
    const teamOf = (p: Player) => start.players.filter((r) => r.userId === p.userId)[0].team;
    expect(teamOf(leader)).toBe(teamOf(mate));
    expect(teamOf(solo1)).toBe(teamOf(solo2)); // the matchmaker's fill: the two solos form the other duo
    expect(teamOf(solo1)).not.toBe(teamOf(leader));
  });
});
