// The release setting (what a candidate sees of a result): every form it is stored in, the
// order of precedence, the defaults for existing data, and "after release".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { releaseLevel } from '../../www/views/release.js';

test('defaults: practice shows the review, formal exams score and sections', () => {
  assert.equal(releaseLevel({ practice: true }, {}, null), 'full');
  assert.equal(releaseLevel({ practice: false }, {}, null), 'sections');
  assert.equal(releaseLevel({}, {}, undefined), 'sections');
});

test('each spelling of the setting, and record before attempt before exam', () => {
  assert.equal(releaseLevel({}, {}, { release: 'score' }), 'score');
  assert.equal(releaseLevel({}, {}, { release: 'scoreOnly' }), 'score');
  assert.equal(releaseLevel({}, {}, { release: 'review' }), 'full');
  assert.equal(releaseLevel({ release: 'full' }, {}, { release: 'score' }), 'full');
  assert.equal(releaseLevel({ release: 'full' }, { release: 'sections' }, { release: 'score' }), 'sections');
  assert.equal(releaseLevel({ practice: true }, {}, { release: 'unknown-word' }), 'full');
});

test('"after release" shows the score only until the record is released', () => {
  const exam = { release: { show: 'full', afterRelease: true } };
  assert.equal(releaseLevel({}, {}, exam), 'score');
  assert.equal(releaseLevel({}, { released: true }, exam), 'full');
  assert.equal(releaseLevel({}, {}, { release: { level: 'sections', when: 'afterRelease' } }), 'score');
});
