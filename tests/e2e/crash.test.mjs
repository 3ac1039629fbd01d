// Crash test: the browser is killed (SIGKILL of its main process) at a random moment while a
// candidate answers, 20 times, and relaunched on the same profile each time. Every answer the
// page had acknowledged ("已保存": the item's data-saved mark) before the kill must come back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launchPersistent } from './harness.mjs';

const TRIALS = 20;
let server;
let profile;

before(async () => {
  server = await serve();
  profile = await mkdtemp(join(tmpdir(), 'kaohe-crash-'));
});
after(async () => {
  await server?.close();
  await rm(profile, { recursive: true, force: true });
});

/** A deterministic random stream, so a failure can be replayed (seed printed on failure). */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The pid of the chromium main process using `dir` as its profile (not its helpers). */
async function browserPid(dir) {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).split('\0');
      if (cmd.some((a) => a === `--user-data-dir=${dir}`) && !cmd.some((a) => a.startsWith('--type='))) return Number(entry);
    } catch { /* the process ended meanwhile */ }
  }
  return null;
}

async function stored(page, attemptId) {
  return page.evaluate((id) => new Promise((ok, ko) => {
    const r = indexedDB.open('kaohe');
    r.onerror = () => ko(r.error);
    r.onsuccess = () => {
      const get = r.result.transaction('attempts').objectStore('attempts').get(id);
      get.onsuccess = () => { r.result.close(); ok(get.result); };
    };
  }), attemptId);
}

test(`the browser is killed ${TRIALS} times mid-exam and no acknowledged answer is lost`, { timeout: 170000 }, async () => {
  const seed = Number(process.env.CRASH_SEED ?? Date.now() % 100000);
  const random = rng(seed);
  let attemptId = null;
  let checked = 0;
  for (let trial = 0; trial < TRIALS; trial += 1) {
    const context = await launchPersistent(profile);
    const page = context.pages()[0] ?? await context.newPage();
    await page.goto(attemptId ? `${server.url}#/exam/${attemptId}` : server.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });

    if (trial > 0) {
      // What the previous trial acknowledged must be stored (a newer answer may replace it).
      const attempt = await stored(page, attemptId);
      for (const [itemId, ack] of Object.entries(globalThis.lastAck ?? {})) {
        const got = attempt.responses[itemId];
        assert.ok(got, `seed ${seed}, trial ${trial}: answer to ${itemId} lost`);
        assert.ok(got.answeredAt >= ack.at, `seed ${seed}, trial ${trial}: ${itemId} went back in time`);
        if (got.answeredAt === ack.at) assert.deepEqual(got.value, ack.value, `seed ${seed}, trial ${trial}: ${itemId}`);
        checked += 1;
      }
      const shown = await page.$$eval('fieldset.item', (s) => s.length);
      assert.ok(shown > 0, 'the exam resumes');
    } else {
      await page.getByLabel('姓名').fill('郑晓');
      await page.getByLabel('工号').fill('E6001');
      await page.getByLabel('选择考试').selectOption({ index: 0 });
      await page.getByRole('button', { name: '开始考试' }).click();
      await page.waitForSelector('fieldset.item');
      attemptId = page.url().split('#/exam/')[1];
    }

    // Answer choice and text items at random, and kill at a random moment meanwhile.
    const inputs = await page.locator('fieldset.item input[type=radio], fieldset.item input[type=checkbox], fieldset.item textarea').all();
    let stop = false;
    const answering = (async () => {
      while (!stop) {
        const input = inputs[Math.floor(random() * inputs.length)];
        try {
          if ((await input.getAttribute('type')) === null) await input.fill(`第${trial}次：先道歉再解决，${Math.floor(random() * 1000)}`, { timeout: 2000 });
          else await input.click({ timeout: 2000 });
        } catch { return; }
      }
    })();
    await new Promise((r) => setTimeout(r, 150 + random() * 900));
    const ack = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('fieldset.item[data-saved]')]
      .map((f) => [f.dataset.itemId, { value: JSON.parse(f.dataset.saved), at: Number(f.dataset.savedAt) }])));
    const pid = await browserPid(profile);
    assert.ok(pid, 'found the browser process');
    process.kill(pid, 'SIGKILL');
    stop = true;
    await answering;
    await context.close().catch(() => {});
    globalThis.lastAck = { ...(globalThis.lastAck ?? {}), ...ack };
  }
  assert.ok(checked >= TRIALS, `${checked} acknowledged answers checked after ${TRIALS} kills`);
});
