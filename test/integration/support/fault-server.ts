import path from 'path';
import type { Target } from './nakama';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const nakama = require('../../../tools/nakama');

/**
 * A private Nakama of a fault test, next to the one `npm test` shares among the tests: its own
 * database (kept across restarts), its own ports, PostgreSQL reached through a TCP proxy the test
 * can cut (support/tcp-proxy.ts), and a process the test may SIGKILL and start again.
 */
export interface FaultServer extends Target {
  proxy: TcpProxy;
  logFile: string;
  /** The Nakama process's pid (changes with every start). */
  pid(): number;
  /** (Re)start Nakama on the same database and ports; resolves when it answers. */
  start(): Promise<void>;
  /** SIGKILL: no shutdown, no match terminate, nothing flushed. */
  kill(): Promise<void>;
  /** Stop Nakama and the proxy and drop the database. */
  stop(): Promise<void>;
}

export async function startFaultServer(name: string): Promise<FaultServer> {
  const template = process.env.TEST_DATABASE;
  if (!template) throw new Error('TEST_DATABASE is not set: run fault tests with `npm test`');
  const database = nakama.withDatabaseName(template, `${name}_${process.pid}_${Date.now().toString(36)}`);
  const pg = new URL(`postgres://${database}`);
  const proxy = await startTcpProxy({ host: pg.hostname, port: Number(pg.port || 5432) });
  pg.host = `127.0.0.1:${proxy.port}`;
  const viaProxy = pg.toString().slice('postgres://'.length);
  const ports = await nakama.freeNakamaPorts();
  const logFile = path.join(nakama.RUN_DIR, `${name}-nakama.log`);
  let server: { process: { pid: number; kill(signal: string): void; exitCode: number | null; once(e: string, f: () => void): void }; stop(): Promise<void> } | null = null;
  let runs = 0;
  const target: Target = { host: '127.0.0.1', port: String(ports.api), serverKey: nakama.DEFAULT_SERVER_KEY, httpKey: nakama.DEFAULT_HTTP_KEY, consolePort: String(ports.console) };

  const start = async () => {
    runs += 1;
    server = await nakama.startNakama({
      name, binPath: nakama.ensureNakama(), database: viaProxy, ports, listenAddress: '127.0.0.1',
      // Two fault servers may run beside npm test's Nakama (40 connections) on one PostgreSQL.
      extraArgs: ['--database.max_open_conns', '10', '--database.max_idle_conns', '5'],
      logFile: runs === 1 ? logFile : logFile.replace(/\.log$/, `-${runs}.log`), dataDir: path.join(nakama.RUN_DIR, `${name}-data`),
    });
  };
  const kill = async () => {
    const child = server!.process;
    if (child.exitCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
    }
    await server!.stop();
    server = null;
  };
  await start();
  return {
    ...target, proxy, logFile,
    pid: () => server!.process.pid,
    start, kill,
    async stop() {
      if (server) await server.stop();
      await proxy.close();
      nakama.dropDatabase(database);
    },
  };
}
