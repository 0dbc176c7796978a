import fs from 'fs';
import { readDeclarations, renderReference, REFERENCE } from '../../tools/rpc-reference';

describe('docs/RPC_REFERENCE.md', () => {
  test('matches the RPCs the built bundle declares (run `npm run docs:rpc` after changing an RPC)', () => {
    const declared = readDeclarations();
    expect(declared.rpcs.map((r: { id: string }) => r.id)).toContain('player_overview');
    expect(fs.readFileSync(REFERENCE, 'utf8')).toBe(renderReference(declared));
  });

  test('lists payload rules and errors per RPC', () => {
    const text = renderReference({
      games: [{ id: 'g1', name: 'Game One' }],
      errors: { NOT_FOUND: { grpc: 5, message: 'not found' } },
      rpcs: [{ plugin: 'p', games: ['g1'], id: 'thing_get', access: 'player', effect: 'read', limit: { calls: 120, windowSeconds: 10 }, description: 'Gets a thing.', response: '{thing}', errors: { NOT_FOUND: 'no such thing' },
        payload: { game_id: { type: 'uuid', required: true }, limit: { type: 'integer', min: 1, max: 50 } } }],
    });
    expect(text).toContain('## `thing_get`\n\nGets a thing.\n\n- Plugin: `p`; games: Game One');
    expect(text).toContain('  - `limit`: integer, min 1, max 50');
    expect(text).toContain('`UNKNOWN_GAME` (3)');
    expect(text).toContain('- Rate limit (reads): 120 calls per 10 s per user; server-to-server calls are not limited');
    expect(text).toContain('`RESOURCE_EXHAUSTED` (8)');
    expect(text).toContain('  - `NOT_FOUND` (5): no such thing');
  });
});
