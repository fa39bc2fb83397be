/** Texts of measures as records of their own (issue 13): labels, forms, errors, messages. */
export const nl = {
  'measureStatus.open': 'Gepland',
  'measureStatus.implemented': 'Uitgevoerd',
  'measureStatus.effective': 'Effectief',
  'measureStatus.not_effective': 'Niet effectief',
  'measureStatus.cancelled': 'Vervallen',
  'origin.complaint': 'Klacht',
  'origin.trend_review': 'Trendanalyse',
  'origin.management_review': 'Directiebeoordeling',
  'action.implement_measure': 'Uitgevoerd melden…',
  'action.review_measure': 'Effectiviteit beoordelen…',
  'form.implement_measure.title': 'Maatregel uitgevoerd',
  'form.review_measure.title': 'Effectiviteit beoordelen',
  'form.new_measure.title': 'Nieuwe verbetermaatregel',
  'form.follow_up_measure.title': 'Vervolgmaatregel',
  'field.evidence': 'Wat laat zien dat de maatregel is uitgevoerd?',
  'field.reviewNote': 'Toelichting',
  'field.effective': 'Is de maatregel effectief geweest?',
  'field.origin': 'Herkomst',
  'error.measure.not_found': 'Deze maatregel bestaat niet of u mag hem niet inzien.',
  'error.measure.invalid_transition':
    'Dat kan niet (meer) bij deze maatregel: hij is intussen verder. Ververs de kaart voor de actuele stand.',
  'error.measure.not_permitted': 'U mag deze actie niet uitvoeren bij deze maatregel.',
  'title.measure_created': 'Verbetermaatregel voor u: {origin}',
  'text.measure_created':
    'U bent eigenaar van deze maatregel. Meld hem uitgevoerd als hij klaar is.',
  'text.measure_created.due': 'U bent eigenaar van deze maatregel. Gereed uiterlijk {due}.',
  'title.measure_review_due': 'Beoordeel de effectiviteit van een verbetermaatregel ({origin})',
  'text.measure_review_due':
    'De maatregel is uitgevoerd op {implemented}. Vanaf vandaag ({due}) kan worden beoordeeld of hij effectief is geweest. Leg het oordeel vast met een toelichting.',
  'title.measure_not_effective': 'Verbetermaatregel niet effectief ({origin})',
  'text.measure_not_effective.owner':
    'De maatregel is beoordeeld als niet effectief. Er volgt een vervolgmaatregel.',
  'text.measure_not_effective.reviewer':
    'De maatregel is beoordeeld als niet effectief. Leg een vervolgmaatregel vast.',
  'title.measure_follow_up_due': 'Nog geen vervolg op een niet-effectieve maatregel ({origin})',
  'text.measure_follow_up_due':
    'De maatregel is op {reviewed} beoordeeld als niet effectief en heeft nog geen vervolgmaatregel. Leg er een vast.',
} as const;

export const en: Record<keyof typeof nl, string> = {
  'measureStatus.open': 'Planned',
  'measureStatus.implemented': 'Implemented',
  'measureStatus.effective': 'Effective',
  'measureStatus.not_effective': 'Not effective',
  'measureStatus.cancelled': 'Cancelled',
  'origin.complaint': 'Complaint',
  'origin.trend_review': 'Trend review',
  'origin.management_review': 'Management review',
  'action.implement_measure': 'Report implemented…',
  'action.review_measure': 'Judge effectiveness…',
  'form.implement_measure.title': 'Measure implemented',
  'form.review_measure.title': 'Judge effectiveness',
  'form.new_measure.title': 'New improvement measure',
  'form.follow_up_measure.title': 'Follow-up measure',
  'field.evidence': 'What shows that the measure was carried out?',
  'field.reviewNote': 'Explanation',
  'field.effective': 'Has the measure been effective?',
  'field.origin': 'Origin',
  'error.measure.not_found': 'This measure does not exist or you may not see it.',
  'error.measure.invalid_transition':
    'That is not (or no longer) possible for this measure: it has moved on. Refresh the card for its current state.',
  'error.measure.not_permitted': 'You may not take this action on this measure.',
  'title.measure_created': 'Improvement measure for you: {origin}',
  'text.measure_created': 'You own this measure. Report it implemented when it is done.',
  'text.measure_created.due': 'You own this measure. Due by {due}.',
  'title.measure_review_due': 'Judge the effectiveness of an improvement measure ({origin})',
  'text.measure_review_due':
    'The measure was implemented on {implemented}. From today ({due}) it can be judged whether it has been effective. Record the verdict with an explanation.',
  'title.measure_not_effective': 'Improvement measure not effective ({origin})',
  'text.measure_not_effective.owner':
    'The measure has been judged not effective. A follow-up measure will be agreed.',
  'text.measure_not_effective.reviewer':
    'The measure has been judged not effective. Please record a follow-up measure.',
  'title.measure_follow_up_due': 'No follow-up yet for a measure that was not effective ({origin})',
  'text.measure_follow_up_due':
    'The measure was judged not effective on {reviewed} and has no follow-up measure yet. Please record one.',
};

export type MeasureTextKey = keyof typeof nl;
