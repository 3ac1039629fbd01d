// The release setting (what a candidate sees of a result): the exam set-up's form and the
// older spellings, the order of precedence, the defaults for existing data, and "after release".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { releaseLevel } from '../../www/views/release.js';

test('defaults for data without a setting: practice shows the review, formal exams score and sections', () => {
  assert.equal(releaseLevel({ practice: true }, {}, null), 'full');
  assert.equal(releaseLevel({ practice: false }, {}, null), 'sections');
  assert.equal(releaseLevel({}, {}, undefined), 'sections');
});

test('the set-up form and plain strings; record before attempt before set-up before meta', () => {
  assert.equal(releaseLevel({}, {}, { release: { content: 'score', timing: 'immediately' } }), 'score');
  assert.equal(releaseLevel({}, {}, { release: { content: 'sections' } }), 'sections');
  assert.equal(releaseLevel({}, {}, { release: { content: 'review' } }), 'full');
  assert.equal(releaseLevel({}, {}, null, { release: 'score' }), 'score');
  assert.equal(releaseLevel({ release: 'full' }, {}, { release: { content: 'score' } }), 'full');
  assert.equal(releaseLevel({ release: 'full' }, { release: 'sections' }, null, { release: 'score' }), 'sections');
  assert.equal(releaseLevel({ practice: true }, {}, { release: 'unknown-word' }), 'full');
});

test('"after release": nothing until the trainer releases, then the content', () => {
  const setup = { release: { content: 'review', timing: 'afterRelease' } };
  assert.equal(releaseLevel({}, {}, setup), 'none');
  assert.equal(releaseLevel({}, {}, { ...setup, releasedAt: 1764750000000 }), 'full');
  assert.equal(releaseLevel({}, { released: true }, setup), 'full');
  assert.equal(releaseLevel({}, {}, { release: { show: 'sections', afterRelease: true } }), 'none');
});
