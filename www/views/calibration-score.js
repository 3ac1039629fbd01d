// The calibration score (校准得分) of QA teams, pure so that Node can test it.

/**
 * Each rater's calibration score against the expert (reference) rater, as QA teams compute it:
 * over the performances both scored, the share of criteria where the rater gave exactly the
 * expert's mark (both N/A counts as a match). Returns [{ raterId, matched, compared, percent }].
 */
export function calibrationScores(cards, referenceRaterId) {
  const expert = new Map(cards.filter((c) => c.raterId === referenceRaterId).map((c) => [c.performanceId, c.ratings]));
  const byRater = new Map();
  for (const card of cards) {
    if (card.raterId === referenceRaterId || !expert.has(card.performanceId)) continue;
    const key = expert.get(card.performanceId);
    const tally = byRater.get(card.raterId) ?? { raterId: card.raterId, matched: 0, compared: 0 };
    for (const [criterionId, mark] of Object.entries(key)) {
      const given = card.ratings[criterionId];
      if (!given) continue;
      tally.compared += 1;
      if ((mark.na && given.na) || (!mark.na && !given.na && mark.value === given.value)) tally.matched += 1;
    }
    byRater.set(card.raterId, tally);
  }
  return [...byRater.values()]
    .map((r) => ({ ...r, percent: r.compared ? (100 * r.matched) / r.compared : null }))
    .sort((a, b) => (b.percent ?? -1) - (a.percent ?? -1) || a.raterId.localeCompare(b.raterId));
}
