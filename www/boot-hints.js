// Fetch hints for the first view, decided by the URL before app.js has loaded (an async module
// without imports runs as soon as it arrives, while app.js's own imports are still on the way;
// the page's CSP allows no inline script). On a phone's network every request that waits for
// another costs a round trip, and bandwidth spent on a file the view does not need delays the
// ones it does:
//  - the trainer's desk draws from storage alone (app.js: its route is `lazy`), so its script is
//    fetched now (it imports only what app.js imports), and the candidate module is not: app.js
//    starts that once it runs, after the desk's files;
//  - every other view (a candidate's home page, an exam) needs the candidate module first, so its
//    download starts now, alongside app.js's imports.
const DESK = ['views/desk.js'];

function hint(attributes) {
  const link = document.createElement('link');
  for (const [name, value] of Object.entries(attributes)) link.setAttribute(name, value);
  document.head.append(link);
}

const route = (location.hash || '#/home').split('/')[1] || 'home';
if (route === 'desk') {
  for (const href of DESK) hint({ rel: 'modulepreload', href });
} else {
  hint({ rel: 'preload', href: 'pkg-candidate/kaohe_candidate_bg.wasm', as: 'fetch', type: 'application/wasm', crossorigin: '' });
}
