/**
 * Texts of the second edition of the procedure: the messages its steps send, the facts the
 * card and the detail view show, and what the reporter of a complaint about an employee hears.
 */
export const nl = {
  // The last event on a live card.
  'event.line.classify': 'Soort en vorm vastgelegd door {actor}',
  'event.line.declare_admissible': 'Ontvankelijk verklaard door {actor}',
  'event.line.declare_inadmissible': 'Niet ontvankelijk verklaard door {actor}',
  'event.line.note_feedback': 'Tip genoteerd door {actor}',
  'event.line.agree_solution': 'Oplossing afgesproken door {actor}',
  'event.line.report_fix_done': 'Afgesproken oplossing uitgevoerd, gemeld door {actor}',
  'event.line.extend_deadline': 'Termijn verlengd door {actor}',
  'event.line.record_committee_verdict': 'Uitspraak van de commissie vastgelegd door {actor}',
  'event.line.record_private_note': 'Aantekening gemaakt door {actor}',
  // A tip (seed 001): thanked, passed on to the category's owner, closed once noted.
  'title.acknowledgement.tip': 'Dank u wel voor uw tip {reference}',
  'text.acknowledgement.tip':
    'Dank u wel voor uw tip. We geven hem door aan {handler}, eigenaar van de rubriek {category}. U hoort het wanneer hij is genoteerd.',
  'title.tip_noted': 'Uw tip {reference} is genoteerd',
  'text.tip_noted':
    'Uw tip is doorgegeven aan {handler} en genoteerd. Daarmee is hij afgesloten. Dank u wel!',
  // Admissibility (seed 000).
  'title.inadmissible': 'Uw melding {reference} is niet ontvankelijk verklaard',
  'text.inadmissible':
    '{handler} heeft uw melding niet ontvankelijk verklaard; daarmee is ze afgesloten. De motivering staat hieronder.',
  // An extension (seed 001).
  'title.deadline_extended': 'Meer tijd voor uw melding {reference}',
  'text.deadline_extended':
    '{handler} heeft de termijn voor de afhandeling verlengd tot {due} (was {previous}).',
  'text.deadline_extended.plain':
    '{handler} heeft de termijn voor de afhandeling verlengd tot {due}.',
  // An agreed solution (seeds 001, 003).
  'title.solution_agreed': 'Afgesproken oplossing voor uw melding {reference}',
  'text.solution_agreed':
    '{handler} heeft de oplossing hieronder vastgelegd. Ze wordt uiterlijk {term} uitgevoerd.',
  'text.solution_agreed.party': 'Uitgevoerd door {party}.',
  'text.solution_agreed.agreed.true': 'De klager is akkoord met deze oplossing.',
  'text.solution_agreed.agreed.false': 'De klager is (nog) niet akkoord met deze oplossing.',
  'text.outcome.deferred':
    'Zodra de afgesproken oplossing is uitgevoerd (uiterlijk {term}), vragen we u of u tevreden bent.',
  'text.outcome.deferred.plain':
    'Zodra de afgesproken oplossing is uitgevoerd, vragen we u of u tevreden bent.',
  'title.satisfaction_question': 'Is uw melding {reference} naar tevredenheid opgelost?',
  'text.satisfaction_question': 'De afgesproken oplossing is uitgevoerd.',
  'text.satisfaction_question.question': 'Bent u tevreden met de afhandeling?',
  // The objection deadline (organisation file: deadlines.objection).
  'text.objection.due': 'Beslis uiterlijk {due} over het bezwaar.',
  // The committee.
  'text.committee_referral': '{committee} beoordeelt nu uw bezwaar.',
  'text.committee_referral.url': 'Meer informatie: {url}',
  'title.committee_verdict': 'Uitspraak over uw melding {reference}',
  'text.committee_verdict': 'Uitspraak van {committee} op {date}: {verdict}.',
  'text.committee_verdict.binding.true': 'De uitspraak is bindend.',
  'text.committee_verdict.binding.false': 'De uitspraak is niet bindend.',
  'text.committee_verdict.closed': 'Daarmee is uw melding afgesloten.',
  // A closed message about a close reason of the second edition (an older message's fallback).
  'text.closed.inadmissible': 'Uw melding is niet ontvankelijk verklaard en afgesloten.',
  'text.closed.noted': 'Uw tip is genoteerd. Dank u wel!',
  'text.closed.committee_verdict': 'De commissie heeft uitspraak gedaan over uw bezwaar.',
  // Behaviour complaints (seed 002): the reporter hears only that it is handled and closed.
  'title.confidential.in_treatment': 'Uw melding {reference} is in behandeling',
  'text.confidential.in_treatment':
    '{handler} behandelt uw melding. Omdat ze over een medewerker gaat, blijft de inhoud vertrouwelijk; u hoort het wanneer ze is afgesloten.',
  'title.confidential.handled': 'Uw melding {reference} is afgehandeld',
  'text.confidential.handled':
    'Uw melding is afgehandeld. Omdat ze over een medewerker gaat, blijft de inhoud van de afhandeling vertrouwelijk.',
  'text.confidential.question': 'Kunt u zich daarin vinden?',
  'text.confidential.closed':
    'Uw melding is afgesloten. Omdat ze over een medewerker gaat, blijft de inhoud van de afhandeling vertrouwelijk. Dank u wel voor uw melding.',
  'status.confidential.open': 'In behandeling',
  'status.confidential.closed': 'Afgesloten',
  // Facts on the card and in the detail view.
  'field.admissibility': 'Ontvankelijkheid',
  'field.fixDone': 'Afgesproken oplossing uitgevoerd',
  'field.originalResolutionDue': 'Oorspronkelijke termijn afhandeling',
  'field.extendedResolutionDue': 'Verlengde termijn afhandeling',
  'field.objectionDue': 'Besluit op bezwaar uiterlijk',
  'field.referredToCommittee': 'Voorgelegd aan de commissie',
  'field.closeReason': 'Reden van afsluiting',
  'field.privateNote.entry': 'Afspraken met de medewerker, {date} (privé, wordt nooit verstuurd)',
  'deadline.not_applicable': 'n.v.t.',
} as const;

export const en: Record<keyof typeof nl, string> = {
  'event.line.classify': 'Kind and form recorded by {actor}',
  'event.line.declare_admissible': 'Declared admissible by {actor}',
  'event.line.declare_inadmissible': 'Declared not admissible by {actor}',
  'event.line.note_feedback': 'Tip noted by {actor}',
  'event.line.agree_solution': 'Solution agreed by {actor}',
  'event.line.report_fix_done': 'Agreed solution carried out, reported by {actor}',
  'event.line.extend_deadline': 'Deadline extended by {actor}',
  'event.line.record_committee_verdict': "Committee's verdict recorded by {actor}",
  'event.line.record_private_note': 'Note written by {actor}',
  'title.acknowledgement.tip': 'Thank you for your tip {reference}',
  'text.acknowledgement.tip':
    'Thank you for your tip. We pass it on to {handler}, owner of the category {category}. You will hear when it has been noted.',
  'title.tip_noted': 'Your tip {reference} has been noted',
  'text.tip_noted': 'Your tip was passed on to {handler} and noted. It is now closed. Thank you!',
  'title.inadmissible': 'Your report {reference} was declared not admissible',
  'text.inadmissible':
    '{handler} declared your report not admissible; it is now closed. The motivation is below.',
  'title.deadline_extended': 'More time for your report {reference}',
  'text.deadline_extended':
    '{handler} extended the deadline for the resolution to {due} (was {previous}).',
  'text.deadline_extended.plain': '{handler} extended the deadline for the resolution to {due}.',
  'title.solution_agreed': 'Agreed solution for your report {reference}',
  'text.solution_agreed':
    '{handler} recorded the solution below. It will be carried out by {term}.',
  'text.solution_agreed.party': 'Carried out by {party}.',
  'text.solution_agreed.agreed.true': 'The complainant agrees with this solution.',
  'text.solution_agreed.agreed.false': 'The complainant does not (yet) agree with this solution.',
  'text.outcome.deferred':
    'Once the agreed solution has been carried out (by {term}), we will ask whether you are satisfied.',
  'text.outcome.deferred.plain':
    'Once the agreed solution has been carried out, we will ask whether you are satisfied.',
  'title.satisfaction_question': 'Was your report {reference} resolved to your satisfaction?',
  'text.satisfaction_question': 'The agreed solution has been carried out.',
  'text.satisfaction_question.question': 'Are you satisfied with the resolution?',
  'text.objection.due': 'Please decide on the objection by {due}.',
  'text.committee_referral': '{committee} now reviews your objection.',
  'text.committee_referral.url': 'More information: {url}',
  'title.committee_verdict': 'Verdict on your report {reference}',
  'text.committee_verdict': 'Verdict of {committee} on {date}: {verdict}.',
  'text.committee_verdict.binding.true': 'The verdict is binding.',
  'text.committee_verdict.binding.false': 'The verdict is not binding.',
  'text.committee_verdict.closed': 'Your report is now closed.',
  'text.closed.inadmissible': 'Your report was declared not admissible and closed.',
  'text.closed.noted': 'Your tip has been noted. Thank you!',
  'text.closed.committee_verdict': 'The committee has given its verdict on your objection.',
  'title.confidential.in_treatment': 'Your report {reference} is being handled',
  'text.confidential.in_treatment':
    '{handler} is handling your report. As it concerns an employee, its content stays confidential; you will hear when it is closed.',
  'title.confidential.handled': 'Your report {reference} has been dealt with',
  'text.confidential.handled':
    'Your report has been dealt with. As it concerns an employee, the content of the resolution stays confidential.',
  'text.confidential.question': 'Can you accept that?',
  'text.confidential.closed':
    'Your report is closed. As it concerns an employee, the content of the resolution stays confidential. Thank you for your report.',
  'status.confidential.open': 'Being handled',
  'status.confidential.closed': 'Closed',
  'field.admissibility': 'Admissibility',
  'field.fixDone': 'Agreed solution carried out',
  'field.originalResolutionDue': 'Original resolution deadline',
  'field.extendedResolutionDue': 'Extended resolution deadline',
  'field.objectionDue': 'Decision on the objection by',
  'field.referredToCommittee': 'Referred to the committee',
  'field.closeReason': 'Reason for closing',
  'field.privateNote.entry': 'Agreements with the employee, {date} (private, never sent)',
  'deadline.not_applicable': 'n/a',
};
