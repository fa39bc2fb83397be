/**
 * Texts of a measure's card and of the improvement register (verbeterregister) in chat
 * (issue 13): `/klacht verbeterregister`, `/klacht maatregel` and their Teams words. The
 * labels of the measure forms and the measure statuses live in ./measures.ts.
 */
export const nl = {
  'mchat.heading': 'Verbetermaatregel',
  'mchat.title.complaint': 'Verbetermaatregel bij {reference}',
  'mchat.title.origin': 'Verbetermaatregel uit de {origin}',
  'mchat.summary': 'Verbetermaatregel: {status}',
  'mchat.fact.status': 'Status',
  'mchat.fact.kind': 'Soort',
  'mchat.fact.owner': 'Eigenaar',
  'mchat.fact.party': 'Uitgevoerd door',
  'mchat.fact.follower': 'Intern gevolgd door',
  'mchat.fact.due': 'Uiterlijk gereed op',
  'mchat.fact.implemented': 'Uitgevoerd op',
  'mchat.fact.review_due': 'Effectiviteit beoordelen op',
  'mchat.fact.effectiveness': 'Effectief?',
  'mchat.fact.reviewed_by': 'Beoordeeld door',
  'mchat.fact.complaint': 'Klacht',
  'mchat.fact.origin': 'Herkomst',
  'mchat.fact.follow_up_of': 'Vervolg op',
  'mchat.kind': '{type}, {scope}',
  'mchat.section.description': 'Maatregel',
  'mchat.section.evidence': 'Bewijs van uitvoering',
  'mchat.section.review_note': 'Toelichting beoordeling',
  'mchat.effective.yes': 'Ja, effectief',
  'mchat.effective.no': 'Nee, niet effectief',
  'mchat.unknown_person': 'onbekend',
  'mchat.follow_up.intro':
    'Deze maatregel is niet effectief gebleken. Leg een vervolgmaatregel vast met een eigenaar en een datum.',
  'mchat.follow_up.asked':
    'Niet effectief: leg een vervolgmaatregel vast (knop "Vervolgmaatregel…").',
  'mchat.action.follow_up': 'Vervolgmaatregel…',
  'mchat.action.open': 'Open',
  'mchat.done.implement_measure':
    'Vastgelegd: de maatregel is uitgevoerd. De effectiviteit wordt beoordeeld vanaf {date}.',
  'mchat.done.review_effective': 'Vastgelegd: de maatregel is effectief en afgesloten.',
  'mchat.done.review_not_effective':
    'Vastgelegd: de maatregel is niet effectief. Leg nu een vervolgmaatregel vast.',
  'mchat.done.created': 'Vastgelegd: de maatregel staat in het verbeterregister, eigenaar {owner}.',
  'mchat.list.title': 'Verbeterregister',
  'mchat.list.title_own': 'Verbeterregister: uw maatregelen',
  'mchat.list.empty': 'Er staan geen maatregelen in het verbeterregister.',
  'mchat.list.refused':
    'Het verbeterregister kunnen alleen de kwaliteitsadviseur, de directie en eigenaren van een maatregel inzien.',
  'mchat.list.range': 'Maatregel {from} t/m {to}',
  'mchat.list.more': 'Meer',
  'mchat.list.first': 'Terug naar het begin',
  'mchat.list.item': '{status} · {description}',
  'mchat.list.due': 'gereed uiterlijk {due}',
  'mchat.list.review_due': 'beoordelen op {date}',
  'mchat.list.open_item': 'Open {n}',
  'mchat.new.refused':
    'Een maatregel zonder klacht vastleggen kunnen alleen de kwaliteitsadviseur en de directie.',
  'mchat.not_found': 'Deze maatregel bestaat niet of u mag hem niet inzien.',
  'mchat.hidden': '(inhoud alleen voor de directie: de klacht gaat over een medewerker)',
  'mchat.personal_only':
    'Het verbeterregister en de maatregelen toon ik alleen in uw privégesprek met Klachtenbot. Vraag het daar.',
} as const;

export const en: Record<keyof typeof nl, string> = {
  'mchat.heading': 'Improvement measure',
  'mchat.title.complaint': 'Improvement measure for {reference}',
  'mchat.title.origin': 'Improvement measure from the {origin}',
  'mchat.summary': 'Improvement measure: {status}',
  'mchat.fact.status': 'Status',
  'mchat.fact.kind': 'Kind',
  'mchat.fact.owner': 'Owner',
  'mchat.fact.party': 'Carried out by',
  'mchat.fact.follower': 'Followed internally by',
  'mchat.fact.due': 'Due by',
  'mchat.fact.implemented': 'Implemented on',
  'mchat.fact.review_due': 'Effectiveness review on',
  'mchat.fact.effectiveness': 'Effective?',
  'mchat.fact.reviewed_by': 'Reviewed by',
  'mchat.fact.complaint': 'Complaint',
  'mchat.fact.origin': 'Origin',
  'mchat.fact.follow_up_of': 'Follows up',
  'mchat.kind': '{type}, {scope}',
  'mchat.section.description': 'Measure',
  'mchat.section.evidence': 'Evidence of implementation',
  'mchat.section.review_note': 'Review note',
  'mchat.effective.yes': 'Yes, effective',
  'mchat.effective.no': 'No, not effective',
  'mchat.unknown_person': 'unknown',
  'mchat.follow_up.intro':
    'This measure proved not effective. Record a follow-up measure with an owner and a date.',
  'mchat.follow_up.asked': 'Not effective: record a follow-up measure (button "Follow-up…").',
  'mchat.action.follow_up': 'Follow-up…',
  'mchat.action.open': 'Open',
  'mchat.done.implement_measure':
    'Recorded: the measure is implemented. Its effectiveness is reviewed from {date}.',
  'mchat.done.review_effective': 'Recorded: the measure is effective and closed.',
  'mchat.done.review_not_effective':
    'Recorded: the measure is not effective. Record a follow-up measure now.',
  'mchat.done.created': 'Recorded: the measure is in the improvement register, owner {owner}.',
  'mchat.list.title': 'Improvement register',
  'mchat.list.title_own': 'Improvement register: your measures',
  'mchat.list.empty': 'The improvement register holds no measures.',
  'mchat.list.refused':
    'Only the quality adviser, the management and owners of a measure can see the improvement register.',
  'mchat.list.range': 'Measures {from} to {to}',
  'mchat.list.more': 'More',
  'mchat.list.first': 'Back to the start',
  'mchat.list.item': '{status} · {description}',
  'mchat.list.due': 'due by {due}',
  'mchat.list.review_due': 'review on {date}',
  'mchat.list.open_item': 'Open {n}',
  'mchat.new.refused':
    'Only the quality adviser and the management can record a measure without a complaint.',
  'mchat.not_found': 'This measure does not exist or you may not see it.',
  'mchat.hidden': '(content for the management only: the complaint concerns an employee)',
  'mchat.personal_only':
    'I show the improvement register and its measures only in your private chat with Klachtenbot. Please ask there.',
};

export type MeasureChatKey = keyof typeof nl;
