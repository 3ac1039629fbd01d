// Fetch hints for the first view, decided by the URL before app.js has loaded (an async module
// without imports runs as soon as it arrives, while app.js's own imports are still on the way;
// the page's CSP allows no inline script). On a phone's network every request that waits for
// another costs a round trip, and bandwidth spent on a file the view does not need delays the
// ones it does:
//  - the trainer's desk draws from storage alone (app.js: its route is `lazy`), so its script is
//    fetched now (it imports only what app.js imports), and the candidate module is not: app.js
//    starts that once it runs, after the desk's files;
//  - every other view (a candidate's home page, an exam) needs the candidate module first, so its
//    download starts now, alongside app.js's imports: the wasm and the entry's scripts (app.js
//    imports kaohe/candidate.js dynamically, so that the desk does not wait for them).
const DESK = ['views/desk.js'];
const CANDIDATE = ['kaohe/candidate.js', 'kaohe/entry.js', 'pkg-candidate/kaohe_candidate.js', 'kaohe/seal.js'];

function hint(attributes) {
  const link = document.createElement('link');
  for (const [name, value] of Object.entries(attributes)) link.setAttribute(name, value);
  document.head.append(link);
}

const route = (location.hash || '#/home').split('/')[1] || 'home';
if (route === 'desk') {
  for (const href of DESK) hint({ rel: 'modulepreload', href });
} else {
  for (const href of CANDIDATE) hint({ rel: 'modulepreload', href });
  hint({ rel: 'preload', href: 'pkg-candidate/kaohe_candidate_bg.wasm', as: 'fetch', type: 'application/wasm', crossorigin: '' });
}
