/**
 * Texts of the complainant's reaction recorded by staff (issue 11): a reaction to the outcome
 * that came by phone, letter, e-mail or in person, written down with its channel and day.
 */
export const nl = {
  'action.record_acceptance': 'Akkoord klager vastleggen…',
  'action.record_objection': 'Bezwaar klager vastleggen…',
  'form.record_acceptance.title': 'Akkoord van de klager',
  'form.record_objection.title': 'Bezwaar van de klager',
  'field.reactionChannel': 'Hoe kwam de reactie binnen?',
  'field.reactedOn': 'Datum van de reactie',
  'form.reaction.reactedOn_hint':
    'De dag van het gesprek of waarop de brief of e-mail binnenkwam; niet vóór de uitkomst.',
  'field.reactionReason': 'Waarom is de klager het niet eens met de uitkomst?',
  'problem.reactedOn.in_future':
    'Deze datum ligt in de toekomst: vul in wanneer de klager reageerde.',
  'problem.reactedOn.in_past':
    'Deze datum ligt vóór de uitkomst: een reactie kan pas daarna binnenkomen.',
  'event.line.record_acceptance': 'Akkoord van de klager vastgelegd door {actor}',
  'event.line.record_objection': 'Bezwaar van de klager vastgelegd door {actor}',
  'timeline.record_acceptance': 'akkoord van de klager vastgelegd',
  'timeline.record_objection': 'bezwaar van de klager vastgelegd',
  'title.reaction_recorded': 'Reactie op de uitkomst van {reference}',
  'text.reaction_recorded.accepted':
    '{actor} heeft vastgelegd dat de klager akkoord is met de uitkomst ({channel}, {date}). De melding is afgesloten.',
  'text.reaction_recorded.objected':
    '{actor} heeft vastgelegd dat de klager bezwaar maakt tegen de uitkomst ({channel}, {date}). Het bezwaar is geregistreerd.',
  'text.reaction_recorded.due': 'Uiterlijk {due} wordt erover beslist.',
} as const;

export const en: Record<keyof typeof nl, string> = {
  'action.record_acceptance': 'Record complainant’s agreement…',
  'action.record_objection': 'Record complainant’s objection…',
  'form.record_acceptance.title': 'The complainant agrees',
  'form.record_objection.title': 'The complainant objects',
  'field.reactionChannel': 'How did the reaction come in?',
  'field.reactedOn': 'Date of the reaction',
  'form.reaction.reactedOn_hint':
    'The day of the call, or the day the letter or e-mail arrived; not before the outcome.',
  'field.reactionReason': 'Why does the complainant disagree with the outcome?',
  'problem.reactedOn.in_future':
    'This date is in the future: fill in when the complainant reacted.',
  'problem.reactedOn.in_past':
    'This date is before the outcome: a reaction can only come in after it.',
  'event.line.record_acceptance': 'Complainant’s agreement recorded by {actor}',
  'event.line.record_objection': 'Complainant’s objection recorded by {actor}',
  'timeline.record_acceptance': 'recorded the complainant’s agreement',
  'timeline.record_objection': 'recorded the complainant’s objection',
  'title.reaction_recorded': 'Reaction to the outcome of {reference}',
  'text.reaction_recorded.accepted':
    '{actor} recorded that the complainant agrees with the outcome ({channel}, {date}). The report is closed.',
  'text.reaction_recorded.objected':
    '{actor} recorded that the complainant objects to the outcome ({channel}, {date}). The objection is registered.',
  'text.reaction_recorded.due': 'A decision follows by {due}.',
};
