// A real LRS for the page tests: Ralph (pip, in tests/.venv-lrs) on its file backend, started by
// tests/lrs/ralph_append.py so that it appends every batch (see that file for why), on
// 127.0.0.1 at a free port, allowing the page's origin. It can be stopped and started again on
// the same port and data, as an LRS that goes down and comes back.
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WWW } from './harness.mjs';

const VENV = resolve(WWW, '../tests/.venv-lrs/bin');
const LAUNCHER = resolve(WWW, '../tests/lrs/ralph_append.py');
export const AUTH = `Basic ${Buffer.from('kaohe:secret').toString('base64')}`;
export const HEADERS = { Authorization: AUTH, 'X-Experience-API-Version': '1.0.3' };

async function freePort() {
  const srv = createServer();
  await new Promise((ok) => srv.listen(0, '127.0.0.1', ok));
  const { port } = srv.address();
  await new Promise((ok) => srv.close(ok));
  return port;
}

const pause = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** Creates the LRS (user kaohe / secret) for pages served at `pageOrigin`, and starts it. */
export async function createRalph(pageOrigin) {
  if (!existsSync(join(VENV, 'ralph'))) throw new Error('Ralph is installed by .ci/install in tests/.venv-lrs');
  const dir = await mkdtemp(join(tmpdir(), 'kaohe-lrs-'));
  const env = {
    ...process.env,
    RALPH_APP_DIR: join(dir, 'app'),
    RALPH_RUNSERVER_BACKEND: 'fs',
    RALPH_RUNSERVER_CORS_ALLOW_ORIGINS: JSON.stringify([pageOrigin]),
  };
  execFileSync(join(VENV, 'ralph'), ['auth', '-u', 'kaohe', '-p', 'secret', '-s', 'all', '-M', 'mailto:trainer@example.com', '-w'], { env, cwd: dir, stdio: 'ignore' });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let child = null;
  const lrs = {
    url: `${base}/xAPI`,
    dataFile: join(dir, 'data', 'fs_lrs.jsonl'),
    async start() {
      child = spawn(join(VENV, 'python'), [LAUNCHER, '--data', join(dir, 'data'), '--port', String(port)],
        { env, cwd: dir, stdio: 'ignore', detached: true });
      for (let i = 0; i < 240; i += 1) {
        try {
          if ((await fetch(`${base}/__lbheartbeat__`)).ok) return;
        } catch { /* not up yet */ }
        await pause(250);
      }
      throw new Error('Ralph did not start');
    },
    async stop() {
      if (!child) return;
      const exited = new Promise((ok) => child.once('exit', ok));
      try { process.kill(-child.pid); } catch { child.kill(); }
      await exited;
      child = null;
      // Until the port refuses connections, the LRS is not down yet.
      for (let i = 0; i < 40; i += 1) {
        try { await fetch(`${base}/__lbheartbeat__`); } catch { return; }
        await pause(250);
      }
    },
    /** Every statement the LRS holds, following `more` links. */
    async all(query = '') {
      const out = [];
      let next = `/xAPI/statements?limit=100${query}`;
      while (next) {
        const response = await fetch(`${base}${next}`, { headers: HEADERS });
        if (!response.ok) throw new Error(`GET ${next}: HTTP ${response.status}`);
        const body = await response.json();
        out.push(...body.statements);
        next = body.statements.length && body.more ? body.more : null;
      }
      return out;
    },
    async close() {
      await lrs.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  await lrs.start();
  return lrs;
}
