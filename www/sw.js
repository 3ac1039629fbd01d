// Service worker: once the page has loaded, it works with no network (a training room, a shop
// floor). Network first, so an online page always gets the newest build; the cache answers when
// the network does not.
// The shell precaches what a candidate's page runs on: the candidate module (pkg-candidate/) and
// every view's script. The lite, full and interop modules (pkg-lite/, pkg/, pkg-interop/) are not
// precached: only trainers need them, and the fetch handler below caches each the first time a
// trainer view loads it (online), after which trainer views work offline too.
const CACHE = 'kaohe-v7';
const SHELL = [
  './',
  './index.html',
  './styles.css',
  './manifest.webmanifest',
  './app.js',
  './boot-hints.js',
  './dom.js',
  './files.js',
  './i18n.js',
  './data.js',
  './views/home.js',
  './views/exam.js',
  './views/result.js',
  './views/release.js',
  './views/trainer.js',
  './views/desk.js',
  './worker.js',
  './work.js',
  './pager.js',
  './random.js',
  './views/backup.js',
  './views/import.js',
  './views/export.js',
  './kaohe/interop.js',
  './kaohe/lrs.js',
  './views/team.js',
  './views/team-setup.js',
  './views/team-trend.js',
  './views/team-notes.js',
  './views/quarterly.js',
  './views/item-picker.js',
  './views/plans.js',
  './team-data.js',
  './views/analysis.js',
  './views/analysis-i18n.js',
  './views/analysis-chart.js',
  './views/analysis-table.js',
  './views/analysis-demo.js',
  './views/rubric.js',
  './views/calibration.js',
  './views/calibration-score.js',
  './views/calibration-sessions.js',
  './views/rubric/common.js',
  './views/rubric/form.js',
  './views/rubric/live-score.js',
  './views/rubric/transcript.js',
  './views/rubric/composite.js',
  './kaohe/index.js',
  './kaohe/candidate.js',
  './kaohe/lite.js',
  './kaohe/entry.js',
  './kaohe/storage.js',
  './kaohe/backup.js',
  './kaohe/elements.js',
  './kaohe/elements/exam.js',
  './kaohe/elements/radar.js',
  './kaohe/elements/items.js',
  './kaohe/elements/strings.js',
  './kaohe/elements/styles.js',
  './kaohe/elements/dom.js',
  './embed.html',
  './embed.css',
  './embed-demo.js',
  './views/sealed.js',
  './views/cat.js',
  './kaohe/adaptive.js',
  './pkg-adaptive/kaohe_adaptive.js',
  './pkg-adaptive/kaohe_adaptive_bg.wasm',
  './kaohe/seal.js',
  './kaohe/passphrase.js',
  './kaohe/common-passwords.js',
  './pkg-candidate/kaohe_candidate.js',
  './pkg-candidate/kaohe_candidate_bg.wasm',
  './samples/bank.json',
  './samples/blueprint.json',
  './samples/blueprint-practice.json',
  './samples/blueprint-newhire.json',
  './samples/model.json',
  './samples/team.json',
  './samples/kpi.csv',
  './samples/kirkpatrick.json',
  './samples/rubric.json',
  './samples/ratings.json',
  './samples/notes.json',
  './samples/transcripts/late-delivery.txt',
  './samples/transcripts/angry-customer.txt',
  './samples/transcripts/product-enquiry.txt',
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// A page that loaded the full module before this worker controlled it (a trainer view opened on
// the very first visit) asks for those files to be cached, so trainer views work offline too.
self.addEventListener('message', (event) => {
  const urls = event.data?.cacheForOffline;
  if (!Array.isArray(urls)) return;
  const own = urls.filter((url) => typeof url === 'string' && new URL(url, self.location.href).origin === self.location.origin);
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(own)).catch(() => {}));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() => caches.match(request, { ignoreSearch: true })
        .then((hit) => hit ?? caches.match('./index.html'))),
  );
});
