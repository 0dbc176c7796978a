import type { MatchmakerMatched } from '@heroiclabs/nakama-js';
import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { OP, type MatchStartMessage } from '../../matches/br/protocol';
import { decode } from '../support/quiz';
import { connectPlayer, rpc, rpcError, type Player } from './support/nakama';

/**
 * Nakama parties: created and joined on the socket, registered for a game mode with the party RPCs,
 * checked again when the leader submits the party's ticket; party members share a team.
 */
describe('parties on a real Nakama', () => {
  let players: Player[] = [];
  afterAll(() => players.forEach((p) => p.close()));

  test('a registered duo party is matched onto one team; unregistered, oversized and foreign parties are refused', async () => {
    players = await Promise.all(['lead', 'mate', 'solo1', 'solo2', 'extra'].map((n) => connectPlayer(n)));
    const [leader, mate, solo1, solo2, extra] = players;
    const game = { game_id: LASTTOLIVE.id };
    const party = await leader.socket.createParty(true, 3);
    const joined = new Promise<void>((resolve) => { mate.socket.onparty = () => resolve(); });
    await mate.socket.joinParty(party.party_id);
    await joined;
    const props = { game_id: LASTTOLIVE.id, mode: 'duo' };

    // The socket refuses a party ticket until the party is registered for the mode.
    await expect(leader.socket.addMatchmakerParty(party.party_id, '*', 2, 4, props)).rejects.toMatchObject({ message: expect.stringContaining('matchmaking_create_party') });
    // Only players in the Nakama party may register it or join it; solo modes take no parties.
    expect(await rpcError(rpc(solo1, 'matchmaking_create_party', { ...game, mode: 'duo', party_id: party.party_id }))).toMatchObject({ message: expect.stringContaining('not in it') });
    expect(await rpcError(rpc(leader, 'matchmaking_create_party', { ...game, mode: 'solo', party_id: party.party_id }))).toMatchObject({ message: expect.stringContaining('played without parties') });
    const created = await rpc<{ leader: string; members: string[]; max_size: number }>(leader, 'matchmaking_create_party', { ...game, mode: 'duo', party_id: party.party_id });
    expect(created).toMatchObject({ leader: leader.userId, members: [leader.userId], max_size: 2, mode: 'duo' });
    expect(await rpc<{ members: string[] }>(mate, 'matchmaking_join_party', { ...game, party_id: party.party_id })).toMatchObject({ members: [leader.userId, mate.userId] });

    // A third member makes it too big for duo: refused at registration and at the ticket.
    const third = new Promise<void>((resolve) => { extra.socket.onparty = () => resolve(); });
    await extra.socket.joinParty(party.party_id);
    await third;
    expect(await rpcError(rpc(extra, 'matchmaking_join_party', { ...game, party_id: party.party_id }))).toMatchObject({ message: expect.stringContaining('the party is full') });
    await expect(leader.socket.addMatchmakerParty(party.party_id, '*', 2, 4, props)).rejects.toMatchObject({ message: expect.stringContaining('parties of up to 2') });
    await extra.socket.leaveParty(party.party_id);
    await expect(leader.socket.addMatchmakerParty(party.party_id, '*', 2, 4, { ...props, game_id: '00000000-0000-4000-8000-000000000000' }))
      .rejects.toMatchObject({ message: expect.stringContaining('UNKNOWN_GAME') });

    const four = [leader, mate, solo1, solo2];
    const matched = Promise.all(four.map((p) => new Promise<MatchmakerMatched>((resolve) => { p.socket.onmatchmakermatched = resolve; })));
    const found = await rpc<{ ticket: { string_properties: { [k: string]: string } } }>(leader, 'matchmaking_find_match', { ...game, mode: 'duo', party_id: party.party_id });
    await leader.socket.addMatchmakerParty(party.party_id, '*', 2, 4, found.ticket.string_properties);
    await solo1.socket.addMatchmaker('*', 2, 4, props);
    await solo2.socket.addMatchmaker('*', 2, 4, props);
    const matchIds = new Set((await matched).map((m) => m.match_id));
    expect(matchIds.size).toBe(1);
    const [matchId] = [...matchIds];
    // The whole party is matched: both members' searches show the match.
    expect(await rpc(mate, 'matchmaking_get_status', game)).toMatchObject({ state: 'matched', mode: 'duo', match_id: matchId });

    await Promise.all(four.map((p) => p.socket.joinMatch(matchId)));
    const start = await leader.until(() => {
      const m = leader.matchData.filter((x) => x.opCode === OP.MATCH_START)[0];
      return m && decode<MatchStartMessage>(m.data);
    }, 'the match start');
    const teamOf = (p: Player) => start.players.filter((r) => r.userId === p.userId)[0].team;
    expect(teamOf(leader)).toBe(teamOf(mate));
    expect(teamOf(solo1)).toBe(teamOf(solo2)); // the matchmaker's fill: the two solos form the other duo
    expect(teamOf(solo1)).not.toBe(teamOf(leader));

    expect(await rpc(mate, 'matchmaking_leave_party', { ...game, party_id: party.party_id })).toMatchObject({ left: true, party: { members: [leader.userId] } });
    expect(await rpc(leader, 'matchmaking_leave_party', { ...game, party_id: party.party_id })).toEqual({ left: true, party: null });
  });
});
