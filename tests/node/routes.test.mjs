// The page's routes and the modules their views run on (www/app.js): a trainer view imports the
// trainer's bindings from kaohe/lite.js (the lite module, loaded for every trainer route) and the
// statistics from kaohe/index.js (the full module), which the page instantiates only on routes
// marked `full: true`. A view whose static imports reach kaohe/index.js on a route without it
// would call an uninitialised module; a candidate route (no `trainer`) may reach neither.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const www = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'www');

/**
 * Every file a script's static imports reach (relative specifiers only), itself included; the
 * wasm-bindgen glue (the pkg directories, written by the build) is not followed.
 */
function reach(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  if (/\/pkg[a-z-]*\//.test(file)) return seen;
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'|^import\s+'(\.[^']+)'/gms)) {
    reach(resolve(dirname(file), m[1] ?? m[2]), seen);
  }
  return seen;
}

const app = readFileSync(join(www, 'app.js'), 'utf8');
const routes = [...app.matchAll(/\{ path: '(\w+)'[^\n]*?load: \(\) => import\('(\.[^']+)'\) \}/g)].map((m) => ({
  path: m[1],
  line: m[0],
  file: resolve(www, m[2]),
}));

test('the routes are read from app.js', () => {
  assert.ok(routes.length >= 20, `${routes.length} routes`);
  for (const path of ['desk', 'analysis', 'home']) assert.ok(routes.some((r) => r.path === path), path);
});

test('a view reaching kaohe/index.js is on a route that loads the full module', () => {
  const full = join(www, 'kaohe/index.js');
  const lite = join(www, 'kaohe/lite.js');
  for (const route of routes) {
    const files = reach(route.file);
    if (files.has(full)) assert.match(route.line, /full: true/, `route ${route.path} imports kaohe/index.js without full: true`);
    if (files.has(lite) || files.has(full)) assert.match(route.line, /trainer: true/, `route ${route.path} imports a trainer module without trainer: true`);
  }
});

test('the first trainer views run on the lite module alone', () => {
  for (const path of ['desk', 'trainer', 'exams', 'people', 'rubric', 'calibration']) {
    const route = routes.find((r) => r.path === path);
    assert.ok(route, path);
    assert.doesNotMatch(route.line, /full: true/, path);
    assert.ok(!reach(route.file).has(join(www, 'kaohe/index.js')), `${path} reaches kaohe/index.js`);
  }
});
