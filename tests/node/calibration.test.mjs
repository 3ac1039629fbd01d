// The calibration score (校准得分) without a browser: exact matches against the expert, N/A
// against N/A, only the performances both scored, and a rater with nothing to compare.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calibrationScores } from '../../www/views/calibration-score.js';

const card = (performanceId, raterId, ratings) => ({ performanceId, raterId, ratings });

test('share of criteria scored as the expert did, over the performances both scored', () => {
  const cards = [
    card('p1', 'expert', { a: { value: 1 }, b: { value: 3 }, c: { na: true } }),
    card('p2', 'expert', { a: { value: 0 }, b: { value: 2 } }),
    card('p1', 'lin', { a: { value: 1 }, b: { value: 2 }, c: { na: true } }), // 2 of 3
    card('p2', 'lin', { a: { value: 0 }, b: { value: 2 } }), // 2 of 2
    card('p1', 'wu', { a: { value: 0 }, b: { value: 3 }, c: { value: 1 } }), // 1 of 3
    card('p3', 'wu', { a: { value: 1 } }), // no expert card: not compared
    card('p3', 'he', { a: { value: 1 } }),
  ];
  const scores = calibrationScores(cards, 'expert');
  assert.deepEqual(scores.map((s) => [s.raterId, s.matched, s.compared]), [['lin', 4, 5], ['wu', 1, 3]]);
  assert.equal(scores[0].percent, 80);
  assert.ok(Math.abs(scores[1].percent - 100 / 3) < 1e-12);
});

test('no expert, no scores', () => {
  assert.deepEqual(calibrationScores([card('p1', 'lin', { a: { value: 1 } })], 'expert'), []);
});
