// Service worker: once the page has loaded, it works with no network (a training room, a shop
// floor). Network first, so an online page always gets the newest build; the cache answers when
// the network does not.
const CACHE = 'kaohe-v1';
const SHELL = [
  './',
  './index.html',
  './styles.css',
  './print.css',
  './manifest.webmanifest',
  './app.js',
  './dom.js',
  './i18n.js',
  './data.js',
  './views/home.js',
  './views/exam.js',
  './views/result.js',
  './views/trainer.js',
  './views/rubric.js',
  './views/calibration.js',
  './views/rubric/common.js',
  './views/rubric/form.js',
  './views/rubric/live-score.js',
  './views/rubric/transcript.js',
  './views/rubric/composite.js',
  './kaohe/index.js',
  './kaohe/storage.js',
  './pkg/kaohe.js',
  './pkg/kaohe_bg.wasm',
  './samples/bank.json',
  './samples/blueprint.json',
  './samples/blueprint-practice.json',
  './samples/rubric.json',
  './samples/ratings.json',
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
