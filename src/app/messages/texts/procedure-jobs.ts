/** Texts of the second edition of the procedure: procedure-jobs. */
export const nl = {
  'milestone.objection': 'Besluit op het bezwaar',
  'title.agreed_term_due': 'Is de afgesproken oplossing bij {reference} uitgevoerd?',
  'text.agreed_term_due':
    'De termijn die met de klager is afgesproken liep af op {term}. Is de oplossing uitgevoerd? Meld het met de knop: pas daarna krijgt de klager de vraag of hij tevreden is.',
  'text.agreed_term_due.party':
    'De oplossing wordt uitgevoerd door {party}. U volgt dit intern en meldt wanneer het klaar is.',
  'text.agreed_term_due.again': 'Dit is herinnering {number}.',
  'title.objection_reminder': 'Herinnering: het bezwaar bij {reference} wacht op een besluit',
  'text.objection_reminder':
    'Op het bezwaar moet uiterlijk {due} worden beslist. Er is {days} werkdagen niets gebeurd. Dit is herinnering {number}.',
  'text.measure_due.party': 'Uitgevoerd door {party}. U bent de interne volger.',
} as const;

export const en: Record<keyof typeof nl, string> = {
  'milestone.objection': 'Decision on the objection',
  'title.agreed_term_due': 'Has the agreed solution for {reference} been carried out?',
  'text.agreed_term_due':
    'The term agreed with the complainant ended on {term}. Has the solution been carried out? Report it with the button: only then is the complainant asked whether they are satisfied.',
  'text.agreed_term_due.party':
    'The solution is carried out by {party}. You follow it up internally and report when it is done.',
  'text.agreed_term_due.again': 'This is reminder {number}.',
  'title.objection_reminder': 'Reminder: the objection to {reference} awaits a decision',
  'text.objection_reminder':
    'The objection must be decided by {due}. Nothing has happened for {days} working days. This is reminder {number}.',
  'text.measure_due.party': 'Carried out by {party}. You are the internal follower.',
};
