// Sending xAPI statements to a Learning Record Store the user configures, through a queue kept
// in IndexedDB so statements built offline (a training room without network) go out later.
//
// - The endpoint, username and password live only in the `meta` store (key `lrs:config`): they
//   never leave the browser except in the Authorization header sent to that endpoint.
// - Each statement is one `meta` record `lrsq:<statementId>` with `state` pending, sent or
//   failed. Enqueueing a statement already known keeps the old record, so a statement is sent
//   once; the ids are deterministic, so even a resend is harmless (the LRS answers 204 or 409).
// - `flush` POSTs due statements in batches; on 409 it falls back to PUT per statement. Network
//   errors and 5xx/429 answers leave the statement pending with an exponential backoff; other
//   4xx answers mark it failed (the retry button sends failed ones again).
// - The queue drives itself once `resumeQueue` has run (the page calls it at start): after every
//   flush, a timer is set for the earliest backoff end; the `online` event and the page becoming
//   visible again flush at once. Only one flush runs at a time, so a statement is never in two
//   requests at once; its id is derived from the record (xAPI's stable ids), so even a resend
//   after a lost response stores it once.

export const CONFIG_KEY = 'lrs:config';
const PREFIX = 'lrsq:';
const RANGE = () => IDBKeyRange.bound(PREFIX, `${PREFIX}\uffff`);
const BATCH = 50;
const BASE_DELAY_MS = 5000;
const MAX_DELAY_MS = 10 * 60 * 1000;

/** The saved LRS settings ({ endpoint, username, password, accountHomePage }) or null. */
export async function getConfig(store) {
  const record = await store.get('meta', CONFIG_KEY);
  return record ? { endpoint: record.endpoint, username: record.username, password: record.password, accountHomePage: record.accountHomePage ?? '' } : null;
}

export function saveConfig(store, { endpoint, username, password, accountHomePage = '' }) {
  return store.put('meta', { key: CONFIG_KEY, endpoint: endpoint.trim().replace(/\/+$/, ''), username, password, accountHomePage: accountHomePage.trim() });
}

/** Adds statements to the queue in one transaction; ones already queued or sent are kept. */
export function enqueue(store, statements, now = Date.now()) {
  return store.transaction('meta', 'readwrite', async (s) => {
    const known = new Set(await request(s.meta.getAllKeys(RANGE())));
    let added = 0;
    for (const statement of statements) {
      const key = PREFIX + statement.id;
      if (known.has(key)) continue;
      known.add(key);
      s.meta.put({ key, statementId: statement.id, statement, state: 'pending', tries: 0, nextAt: 0, queuedAt: now });
      added += 1;
    }
    return added;
  });
}

/** { sent, pending, failed } over the queue. */
export async function counts(store) {
  const records = await store.getAll('meta', RANGE());
  const out = { sent: 0, pending: 0, failed: 0 };
  for (const r of records) out[r.state] = (out[r.state] ?? 0) + 1;
  return out;
}

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function headers(config) {
  return {
    Authorization: `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${config.username}:${config.password}`)))}`,
    'X-Experience-API-Version': '1.0.3',
    'Content-Type': 'application/json',
  };
}

const retryable = (status) => status === 0 || status === 429 || status >= 500;

async function send(config, batch, fetcher) {
  const url = `${config.endpoint}/statements`;
  const outcome = new Map();
  let response;
  try {
    response = await fetcher(url, { method: 'POST', headers: headers(config), body: JSON.stringify(batch.map((r) => r.statement)) });
  } catch (error) {
    for (const r of batch) outcome.set(r.key, { status: 0, error: error?.message ?? String(error) });
    return outcome;
  }
  if (response.ok) {
    for (const r of batch) outcome.set(r.key, { status: response.status });
    return outcome;
  }
  if (response.status !== 409) {
    const detail = await response.text().catch(() => '');
    for (const r of batch) outcome.set(r.key, { status: response.status, error: `HTTP ${response.status} ${detail.slice(0, 200)}` });
    return outcome;
  }
  // Some ids are already stored: PUT each one; 204 stores it, 409 means it was there.
  for (const r of batch) {
    try {
      const put = await fetcher(`${url}?statementId=${encodeURIComponent(r.statementId)}`, {
        method: 'PUT', headers: headers(config), body: JSON.stringify(r.statement),
      });
      outcome.set(r.key, put.ok || put.status === 409 ? { status: put.status } : { status: put.status, error: `HTTP ${put.status}` });
    } catch (error) {
      outcome.set(r.key, { status: 0, error: error?.message ?? String(error) });
    }
  }
  return outcome;
}

/**
 * The statements not sent yet, oldest first, as the page lists them: { statementId, state,
 * verb, object (its name), tries, lastError, nextAt }.
 */
export async function pending(store) {
  const records = await store.getAll('meta', RANGE());
  return records
    .filter((r) => r.state !== 'sent')
    .sort((a, b) => (a.queuedAt - b.queuedAt) || (a.key < b.key ? -1 : 1))
    .map((r) => {
      const definition = r.statement?.object?.definition ?? {};
      const name = Object.values(definition.name ?? {})[0] ?? r.statement?.object?.id ?? '';
      const verb = r.statement?.verb?.display?.['zh-CN'] ?? r.statement?.verb?.display?.['en-US'] ?? r.statement?.verb?.id ?? '';
      return { statementId: r.statementId, state: r.state, verb, object: name, tries: r.tries, lastError: r.lastError ?? null, nextAt: r.nextAt };
    });
}

let inFlight = null;

/**
 * Sends what is due: pending statements whose backoff has passed, and failed ones too when
 * `retryFailed`. Returns the counts afterwards. Does nothing without settings or offline.
 * Calls made while a flush runs wait for it and then run once more, so two never overlap.
 */
export async function flush(store, options = {}) {
  while (inFlight) await inFlight.catch(() => {});
  inFlight = flushOnce(store, options);
  try {
    return await inFlight;
  } finally {
    inFlight = null;
    scheduler?.schedule();
  }
}

async function flushOnce(store, { retryFailed = false, fetcher = globalThis.fetch.bind(globalThis), now = Date.now } = {}) {
  const config = await getConfig(store);
  if (!config?.endpoint || (typeof navigator !== 'undefined' && navigator.onLine === false)) return counts(store);
  const all = await store.getAll('meta', RANGE());
  const due = all.filter((r) => (r.state === 'pending' && r.nextAt <= now()) || (retryFailed && r.state !== 'sent'));
  for (let i = 0; i < due.length; i += BATCH) {
    const batch = due.slice(i, i + BATCH);
    const outcome = await send(config, batch, fetcher);
    const at = now();
    await store.transaction('meta', 'readwrite', async (s) => {
      for (const r of batch) {
        const o = outcome.get(r.key);
        const next = { ...r, lastStatus: o.status, lastTriedAt: at };
        if (!o.error) {
          Object.assign(next, { state: 'sent', sentAt: at, lastError: null });
        } else if (retryable(o.status)) {
          const tries = r.tries + 1;
          Object.assign(next, { state: 'pending', tries, nextAt: at + Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (tries - 1)), lastError: o.error });
        } else {
          Object.assign(next, { state: 'failed', tries: r.tries + 1, lastError: o.error });
        }
        s.meta.put(next);
      }
    });
  }
  return counts(store);
}

let scheduler = null;

/**
 * Keeps the queue moving while the page is open: flushes now, when the earliest backoff ends,
 * when the browser comes back online and when the page becomes visible again. `onChange(counts)`
 * hears every flush. Calling it again (another view) replaces the listener, not the scheduler.
 */
export function resumeQueue(store, onChange = () => {}) {
  if (!scheduler) {
    let timer = null;
    const run = async () => {
      clearTimeout(timer);
      timer = null;
      const c = await flush(store).catch(() => null);
      if (c) scheduler.onChange(c);
    };
    scheduler = {
      store,
      onChange,
      run,
      /** Sets the timer for the earliest backoff end among pending statements. */
      async schedule() {
        const records = await store.getAll('meta', RANGE()).catch(() => []);
        const waiting = records.filter((r) => r.state === 'pending');
        clearTimeout(timer);
        timer = null;
        if (!waiting.length) return;
        const wait = Math.max(1000, Math.min(...waiting.map((r) => r.nextAt)) - Date.now());
        timer = setTimeout(run, wait);
      },
    };
    if (typeof window !== 'undefined') {
      window.addEventListener('online', () => scheduler.run());
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') scheduler.run();
      });
    }
  }
  scheduler.onChange = onChange;
  return scheduler.run();
}
