#!/usr/bin/env node
'use strict';
/**
 * `npm start`: builds the bundle and runs Nakama 3.40 locally on the standard ports until Ctrl-C.
 *
 *   npm ci (only if node_modules is missing) -> rollup -c -> build/reuse .tools/bin/nakama ->
 *   find/start PostgreSQL -> nakama migrate up -> nakama (logs on stdout)
 *
 * Environment: NAKAMA_PORT (API + websocket, default 7350; gRPC is always NAKAMA_PORT - 1),
 * NAKAMA_CONSOLE_PORT (7351), NAKAMA_SERVER_KEY (defaultkey), NAKAMA_HTTP_KEY (defaulthttpkey),
 * NAKAMA_DATABASE (database name, default nakama), DATABASE_URL (see tools/postgres.js).
 * Plain Node built-ins only: it runs before `npm ci`.
 */
const nakama = require('./nakama');

async function main() {
  nakama.assertNode();
  const apiPort = nakama.portFromEnv('NAKAMA_PORT', nakama.DEFAULT_PORTS.api);
  const consolePort = nakama.portFromEnv('NAKAMA_CONSOLE_PORT', nakama.DEFAULT_PORTS.console);
  const metricsPort = nakama.portFromEnv('NAKAMA_METRICS_PORT', nakama.DEFAULT_PORTS.metrics);
  const grpcPort = nakama.portFromEnv('NAKAMA_GRPC_PORT', apiPort - 1);
  if (grpcPort !== apiPort - 1) {
    throw new Error(`NAKAMA_GRPC_PORT must be NAKAMA_PORT - 1 (${apiPort - 1}): Nakama derives it from the API port`);
  }
  const serverKey = process.env.NAKAMA_SERVER_KEY || nakama.DEFAULT_SERVER_KEY;
  const httpKey = process.env.NAKAMA_HTTP_KEY || nakama.DEFAULT_HTTP_KEY;
  // Fail on a taken port before spending time on builds.
  await nakama.assertPortFree(apiPort, 'NAKAMA_PORT');
  await nakama.assertPortFree(grpcPort, 'NAKAMA_PORT (gRPC uses NAKAMA_PORT - 1)');
  await nakama.assertPortFree(consolePort, 'NAKAMA_CONSOLE_PORT');
  await nakama.assertPortFree(metricsPort, 'NAKAMA_METRICS_PORT');

  const started = Date.now();
  nakama.ensureNodeModules();
  nakama.buildBundle();
  const binPath = nakama.ensureNakama();
  const pg = await nakama.ensurePostgres();

  let shuttingDown = false;
  const serverPromise = nakama.startNakama({
    name: 'nakama',
    binPath,
    database: pg.address(process.env.NAKAMA_DATABASE || 'nakama'),
    ports: { api: apiPort, grpc: grpcPort, console: consolePort, metrics: metricsPort },
    serverKey,
    httpKey,
  });
  /** Stops Nakama (once it has finished starting), then the private Postgres, then exits. */
  const shutdown = async (code) => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log('\n[start] stopping...');
    const running = await serverPromise.catch(() => null);
    if (running) await running.stop();
    pg.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));

  let server;
  try {
    server = await serverPromise;
  } catch (err) {
    if (shuttingDown) return; // interrupted during start-up: shutdown() exits
    pg.stop();
    throw err;
  }
  if (shuttingDown) return;
  server.process.once('exit', (code, signal) => {
    if (shuttingDown) return;
    console.error(`[start] Nakama exited by itself (code ${code}, signal ${signal})`);
    shutdown(code || 1);
  });

  console.log(
    [
      '',
      `Nakama ${nakama.NAKAMA_VERSION} is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s). Ctrl-C stops it.`,
      `  API        http://127.0.0.1:${apiPort}`,
      `  WebSocket  ws://127.0.0.1:${apiPort}/ws`,
      `  gRPC       127.0.0.1:${grpcPort}`,
      `  Console    http://127.0.0.1:${consolePort}  (admin / password, dev only)`,
      `  Metrics    http://127.0.0.1:${metricsPort}/metrics  (Prometheus)`,
      `  Server key ${serverKey}    HTTP key ${httpKey}`,
      `  Database   ${nakama.redact(server.database)} (${pg.source})`,
      '',
    ].join('\n'),
  );
}

main().catch((err) => {
  console.error(`\n[start] ERROR: ${err.message}`);
  process.exit(1);
});
