import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { server, serverRpc } from './support/nakama';

const ROOT = path.join(__dirname, '..', '..');
const { buildClient } = require('../../tools/build-client');

/** The script docs/client-quickstart.md shows as duel.js. */
function quickstartScript(): string {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'client-quickstart.md'), 'utf8');
  const found = /<!-- duel\.js: [^\n]*-->\n```js\n([\s\S]*?)```/.exec(doc);
  if (!found) throw new Error('docs/client-quickstart.md has no duel.js block');
  return found[1];
}

/** Runs a command to its end; its output, or a thrown error with it. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${out}`))));
  });
}

describe('the client package, packed and installed in a new folder', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'client-quickstart-'));
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  test('plays the quickstart duel against the server, as docs/client-quickstart.md shows', async () => {
    const tarball: string = buildClient({ regenerate: false }); // test/unit/client-types.test.ts holds them current
    const size = fs.statSync(tarball).size;
    expect(size).toBeGreaterThan(10000);
    expect(size).toBeLessThan(500000);
    const listing = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.split('\n');
    expect(listing).toEqual(expect.arrayContaining(['package/dist/client/index.js', 'package/dist/client/index.d.ts', 'package/schemas/rpc/player_overview.response.schema.json', 'package/schemas/messages/quizverse/answer.schema.json']));
    expect(listing.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]); // compiled, no sources

    fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'duel', version: '1.0.0', private: true }));
    const versions = require('../../package.json').devDependencies;
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, `@heroiclabs/nakama-js@${versions['@heroiclabs/nakama-js']}`, `ws@${versions.ws}`], folder);
    fs.writeFileSync(path.join(folder, 'duel.js'), quickstartScript());

    const { host, port, serverKey } = server();
    const out = await run(process.execPath, ['duel.js'], folder, { ...process.env, NAKAMA_HOST: host, NAKAMA_PORT: port, NAKAMA_SERVER_KEY: serverKey });
    expect(out).toMatch(/^alice, round 5\/5: .+ -> .+$/m);
    expect(out).toMatch(/^bob, round 5\/5: .+ -> .+$/m);
    expect(out).toMatch(/^1\. \S+: \d+ points, [0-5] correct$/m);
    expect(out).toMatch(/^2\. \S+: \d+ points, [0-5] correct$/m);
    expect(out).toMatch(/^alice's duel rating: \d+ after 1 game\(s\)$/m);
    expect(out).not.toMatch(/refused/);

    // The server ran and recorded the match the script printed.
    const matchId = /^match (\S+)$/m.exec(out)![1];
    const record = await serverRpc<{ game_id: string; mode: string; players: unknown[]; ending: unknown }>('match_record_get', { match_id: matchId });
    expect(record).toMatchObject({ game_id: '126bf539-dae2-4bcf-964d-316c0fa1f92b', mode: 'duel' });
    expect(record.players).toHaveLength(2);
  }, 240000);
});
