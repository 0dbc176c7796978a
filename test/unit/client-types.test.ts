import * as fs from 'fs';
import * as path from 'path';
import { RPC_IDS } from '../../client';
import { generate } from '../../tools/client-types';
import { SCHEMA_DIR, validatorOf } from '../support/schemas';

const ROOT = path.join(__dirname, '..', '..');

const listed = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listed(path.join(dir, e.name)) : [path.join(dir, e.name)]));

describe('client/rpc-types.ts and client/schemas', () => {
  const files: { [file: string]: string } = generate();

  test('match what the code declares (run `npm run build:client` after changing an RPC or a match message)', () => {
    const committed = listed(SCHEMA_DIR).map((f) => path.relative(ROOT, f)).concat('client/rpc-types.ts').sort();
    expect(committed).toEqual(Object.keys(files).sort());
    for (const file of committed) expect({ file, text: fs.readFileSync(path.join(ROOT, file), 'utf8') }).toEqual({ file, text: files[file] });
  });

  test('cover every RPC the bundle serves, both ways, and every op code of both games', () => {
    const rpcFiles = Object.keys(files).filter((f) => f.startsWith('client/schemas/rpc/'));
    expect(rpcFiles).toHaveLength(RPC_IDS.length * 2);
    expect(RPC_IDS).toContain('player_overview');
    const ops = (game: string) => Object.keys(files).filter((f) => f.startsWith(`client/schemas/messages/${game}/`)).map((f) => JSON.parse(files[f])['x-op-code']).sort((a, b) => a - b);
    expect(ops('quizverse')).toEqual([1, 10, 11, 12, 13, 14, 15, 99]);
    expect(ops('lasttolive')).toEqual([1, 2, 10, 11, 12, 13, 14, 15, 99]);
  });

  test('are valid JSON Schema 2020-12 that accept what the server accepts and refuse what it refuses', () => {
    for (const file of listed(SCHEMA_DIR)) expect(() => validatorOf(path.relative(SCHEMA_DIR, file).replace('.schema.json', ''))).not.toThrow();
    const overview = validatorOf('rpc/player_overview.request');
    expect(overview({ game_id: '126bf539-dae2-4bcf-964d-316c0fa1f92b' })).toBe(true);
    expect(overview({})).toBe(false); // game_id: required
    expect(overview({ game_id: '126bf539-dae2-4bcf-964d-316c0fa1f92b', extra: 1 })).toBe(false); // unknown fields are refused
    expect(overview({ game_id: 'QuizVerse' })).toBe(false);
    const response = validatorOf('rpc/player_overview.response');
    expect(response({ game_id: 'g', wallet: { coins: 5 }, achievements: [], ratings: {} })).toBe(true);
    expect(response({ game_id: 'g', wallet: { coins: 'five' }, achievements: [], ratings: {} })).toBe(false);
    const answer = validatorOf('messages/quizverse/answer');
    expect(answer({ round: 1, choice: 2 })).toBe(true);
    expect(answer({ round: 'one', choice: 2 })).toBe(false);
    expect(answer({ round: 1.5, choice: 2 })).toBe(false); // the protocols' numbers are integers
    expect(validatorOf('messages/lasttolive/snapshot')([1, 2, 3])).toBe(true);
  });

  test('type every RPC by id (the compiler refuses a wrong payload under `npm run typecheck`)', () => {
    const text = files['client/rpc-types.ts'];
    expect(text).toContain('  player_overview: {\n    game_id: string;\n  };');
    expect(text).toMatch(/export type AchievementView = \{/);
  });
});
