/**
 * Texts of letters and e-mails to the complainant (issue 11), drafted in the complainant's
 * language, and of the draft in chat (the message to the drafter and the edit form). The
 * letters are formal and friendly, as the seeds write them ("Geachte heer/mevrouw …").
 * Parameters in `{…}` are inserted as plain text.
 */
export const nl = {
  // Subjects: each carries the reference.
  'corr.subject.acknowledgement': 'Ontvangstbevestiging van uw klacht {reference}',
  'corr.subject.acknowledgement_tip': 'Bedankt voor uw melding {reference}',
  'corr.subject.info_request': 'Vraag over uw klacht {reference}',
  'corr.subject.extension': 'Meer tijd nodig voor uw klacht {reference}',
  'corr.subject.inadmissible': 'Uw klacht {reference} wordt niet in behandeling genomen',
  'corr.subject.outcome': 'Uitkomst van uw klacht {reference}',
  'corr.subject.final_outcome': 'Eindreactie op uw klacht {reference}',
  // Opening and closing.
  'corr.salutation.named': 'Geachte heer/mevrouw {name},',
  'corr.salutation.anonymous': 'Geachte heer/mevrouw,',
  'corr.closing': 'Met vriendelijke groet,',
  'corr.closing.sender': '{name}\n{organisation}',
  // Acknowledgement.
  'corr.ack.received':
    'Op {received} hebben wij uw klacht ontvangen. Hartelijk dank dat u de moeite hebt genomen ons dit te laten weten. Uw klacht is geregistreerd onder kenmerk {reference}. Wilt u dit kenmerk vermelden als u contact met ons opneemt?',
  'corr.ack.deadlines': 'Wat u van ons kunt verwachten:',
  'corr.ack.feedback':
    '- uiterlijk {date}: een inhoudelijke reactie, of een vraag als wij meer van u willen weten;',
  'corr.ack.decision': '- uiterlijk {date}: ons oordeel over uw klacht;',
  'corr.ack.resolution': '- uiterlijk {date}: de afhandeling van uw klacht.',
  'corr.ack.working_days':
    'Deze termijnen tellen in werkdagen; weekenden en feestdagen tellen niet mee.',
  'corr.ack.handler': 'Uw klacht wordt behandeld door {handler}.',
  'corr.ack.clarify':
    'Is er iets onduidelijk, of wilt u nog iets toevoegen? Laat het ons dan weten.',
  'corr.ack.tip':
    'Op {received} hebben wij uw melding ontvangen. Hartelijk dank daarvoor: wij gebruiken uw tip om onze dienstverlening te verbeteren. Uw melding is geregistreerd onder kenmerk {reference}.',
  // Information request.
  'corr.info.intro':
    'Wij zijn bezig met uw klacht {reference}. Om die goed te kunnen beoordelen hebben wij nog de volgende informatie van u nodig:',
  'corr.info.answer': 'Wilt u ons zo snel mogelijk antwoorden?',
  // Extension.
  'corr.extension.intro':
    'Wij hebben meer tijd nodig om uw klacht {reference} zorgvuldig af te handelen. De reden daarvan is:',
  'corr.extension.date': 'U hoort uiterlijk {date} van ons hoe wij uw klacht afhandelen.',
  'corr.extension.previous': 'Eerder noemden wij {date}; het spijt ons dat het langer duurt.',
  // Not admissible.
  'corr.inadmissible.intro':
    'Wij hebben uw klacht {reference} beoordeeld. Helaas kunnen wij haar niet in behandeling nemen. Onze motivering:',
  'corr.inadmissible.questions':
    'Hebt u vragen over dit besluit? Neem dan gerust contact met ons op.',
  // Outcome.
  'corr.outcome.unfounded':
    'Wij hebben uw klacht {reference} zorgvuldig onderzocht. Wij komen tot het oordeel dat uw klacht ongegrond is. Onze motivering:',
  'corr.outcome.resolved':
    'Wij hebben uw klacht {reference} onderzocht en afgehandeld. Dit is wat wij hebben gedaan:',
  'corr.outcome.motivation': 'Toelichting:',
  'corr.outcome.objection':
    'Bent u het niet eens met deze uitkomst? Laat het ons dan uiterlijk {date} weten ({days} werkdagen), met de reden. Iemand die niet eerder over uw klacht heeft beslist, beoordeelt uw bezwaar.',
  'corr.outcome.agree':
    'Bent u het wel eens met de uitkomst, dan horen wij dat graag; horen wij niets, dan sluiten wij uw klacht na die datum af.',
  // Final outcome.
  'corr.final.intro':
    'Naar aanleiding van uw bezwaar hebben wij uw klacht {reference} opnieuw bekeken. Onze eindreactie:',
  'corr.final.closed': 'Daarmee is de behandeling van uw klacht bij ons afgerond.',
  'corr.final.verdict':
    '{committee} heeft op {date} uitspraak gedaan over uw klacht {reference}: de klacht is {verdict}.',
  'corr.final.binding.true': 'De uitspraak is bindend.',
  'corr.final.binding.false': 'De uitspraak is niet bindend.',
  'corr.final.follow_up': 'Wat wij met de uitspraak doen:',
  'corr.verdict.founded': 'gegrond',
  'corr.verdict.partly_founded': 'deels gegrond',
  'corr.verdict.unfounded': 'ongegrond',
  // How to reply.
  'corr.reply.email':
    'U kunt reageren via de persoonlijke link in deze e-mail, of door deze e-mail te beantwoorden.',
  'corr.reply.letter': 'U kunt ons schrijven, mailen of bellen: {contact}.',
  'corr.reply.letter_plain': 'U kunt ons schrijven of bellen; vermeld daarbij het kenmerk.',
  // The external route.
  'corr.committee.after_objection':
    'Komen wij er samen niet uit, dan kunt u uw klacht voorleggen aan {name}.',
  'corr.committee.after_final':
    'Bent u het niet eens met deze eindreactie, dan kunt u uw klacht voorleggen aan {name}.',
  'corr.committee.term': 'Dat kan tot {months} maanden na onze eindreactie.',
  'corr.committee.address': 'Adres: {address}',
  'corr.committee.url': 'Website: {url}',
  // The draft in chat.
  'corr.kind.acknowledgement': 'ontvangstbevestiging',
  'corr.kind.info_request': 'vraag om informatie',
  'corr.kind.extension': 'verlenging van de termijn',
  'corr.kind.inadmissible': 'niet-ontvankelijkverklaring',
  'corr.kind.outcome': 'uitkomst',
  'corr.kind.final_outcome': 'eindreactie',
  'corr.channel.email': 'E-mail',
  'corr.channel.letter': 'Brief per post',
  'corr.status.draft': 'Concept',
  'corr.status.sent': 'Verstuurd',
  'corr.status.posted': 'Op de post',
  'corr.status.cancelled': 'Vervallen',
  'corr.locale.nl': 'Nederlands',
  'corr.locale.en': 'Engels',
  'corr.dm.title': 'Concept aan de klager: {kind} ({reference})',
  'corr.dm.summary': 'Concept voor de klager bij {reference}: bekijk en verstuur het',
  'corr.dm.intro.email':
    'Er staat een concept klaar voor {name}. Lees het na, pas het zo nodig aan en verstuur het. Het gaat per e-mail, met de brief als PDF.',
  'corr.dm.intro.letter':
    'Er staat een concept klaar voor {name}. Lees het na, pas het zo nodig aan en verstuur het. Het secretariaat krijgt de brief als PDF en verstuurt hem per post.',
  'corr.dm.already': 'Dit bericht is al verstuurd ({date}).',
  'corr.fact.kind': 'Soort bericht',
  'corr.fact.channel': 'Verzenden per',
  'corr.fact.to': 'Aan',
  'corr.fact.language': 'Taal',
  'corr.fact.status': 'Status',
  'corr.section.subject': 'Onderwerp',
  'corr.section.body': 'Tekst',
  'corr.action.review': 'Bekijken en versturen',
  'corr.unnamed': 'de klager',
  // The edit form.
  'form.send_correspondence.title': 'Bericht aan klager',
  'form.send_correspondence.intro':
    'Pas het onderwerp en de tekst zo nodig aan. Met Versturen gaat het bericht naar de klager.',
  'field.correspondenceSubject': 'Onderwerp',
  'field.correspondenceBody': 'Tekst',
  'corr.done.email': 'Verstuurd: het bericht gaat per e-mail naar de klager ({reference}).',
  'corr.done.letter':
    'Verstuurd: het secretariaat krijgt de brief als PDF om per post te versturen ({reference}).',
  'corr.done.already': 'Dit bericht was al verstuurd; er is niets opnieuw verstuurd ({reference}).',
  'corr.done.posted': 'Vastgelegd: de brief is op {date} per post verstuurd ({reference}).',
  'corr.refused.not_draft': 'Dit bericht is al verstuurd of vervallen. Er is niets veranderd.',
  // History (audit trail).
  'timeline.correspondence_sent': 'bericht aan klager verstuurd',
  'timeline.letter_posted': 'brief aan klager op de post gedaan',
} as const;

export const en: Record<keyof typeof nl, string> = {
  'corr.subject.acknowledgement': 'Acknowledgement of your complaint {reference}',
  'corr.subject.acknowledgement_tip': 'Thank you for your report {reference}',
  'corr.subject.info_request': 'A question about your complaint {reference}',
  'corr.subject.extension': 'More time needed for your complaint {reference}',
  'corr.subject.inadmissible': 'Your complaint {reference} cannot be taken into consideration',
  'corr.subject.outcome': 'Outcome of your complaint {reference}',
  'corr.subject.final_outcome': 'Final response to your complaint {reference}',
  'corr.salutation.named': 'Dear {name},',
  'corr.salutation.anonymous': 'Dear Sir or Madam,',
  'corr.closing': 'Kind regards,',
  'corr.closing.sender': '{name}\n{organisation}',
  'corr.ack.received':
    'On {received} we received your complaint. Thank you for taking the trouble to let us know. Your complaint has been registered under reference {reference}. Please quote this reference whenever you contact us.',
  'corr.ack.deadlines': 'What you can expect from us:',
  'corr.ack.feedback':
    '- by {date} at the latest: a response on the substance, or a question if we need to know more;',
  'corr.ack.decision': '- by {date} at the latest: our judgement of your complaint;',
  'corr.ack.resolution': '- by {date} at the latest: the resolution of your complaint.',
  'corr.ack.working_days':
    'These periods are counted in working days; weekends and public holidays do not count.',
  'corr.ack.handler': 'Your complaint is being handled by {handler}.',
  'corr.ack.clarify':
    'Is anything unclear, or would you like to add something? Please let us know.',
  'corr.ack.tip':
    'On {received} we received your report. Thank you: we use your suggestion to improve our services. Your report has been registered under reference {reference}.',
  'corr.info.intro':
    'We are working on your complaint {reference}. To assess it properly, we need the following information from you:',
  'corr.info.answer': 'Could you please reply as soon as possible?',
  'corr.extension.intro':
    'We need more time to resolve your complaint {reference} carefully. The reason is:',
  'corr.extension.date':
    'You will hear from us by {date} at the latest how we resolve your complaint.',
  'corr.extension.previous': 'We mentioned {date} before; we are sorry it is taking longer.',
  'corr.inadmissible.intro':
    'We have assessed your complaint {reference}. Unfortunately we cannot take it into consideration. Our reasons:',
  'corr.inadmissible.questions':
    'If you have any questions about this decision, please contact us.',
  'corr.outcome.unfounded':
    'We have carefully looked into your complaint {reference}. We have concluded that your complaint is unfounded. Our reasons:',
  'corr.outcome.resolved':
    'We have looked into your complaint {reference} and resolved it. This is what we have done:',
  'corr.outcome.motivation': 'Explanation:',
  'corr.outcome.objection':
    'If you disagree with this outcome, please let us know by {date} ({days} working days), with your reasons. Someone who did not decide on your complaint before will assess your objection.',
  'corr.outcome.agree':
    'If you agree with the outcome, we would be glad to hear so; if we hear nothing, we will close your complaint after that date.',
  'corr.final.intro':
    'Following your objection, we have looked at your complaint {reference} again. Our final response:',
  'corr.final.closed': 'This concludes our handling of your complaint.',
  'corr.final.verdict':
    '{committee} gave its verdict on your complaint {reference} on {date}: the complaint is {verdict}.',
  'corr.final.binding.true': 'The verdict is binding.',
  'corr.final.binding.false': 'The verdict is not binding.',
  'corr.final.follow_up': 'What we do with the verdict:',
  'corr.verdict.founded': 'founded',
  'corr.verdict.partly_founded': 'partly founded',
  'corr.verdict.unfounded': 'unfounded',
  'corr.reply.email':
    'You can respond through the personal link in this e-mail, or by replying to this e-mail.',
  'corr.reply.letter': 'You can write, e-mail or call us: {contact}.',
  'corr.reply.letter_plain': 'You can write to us or call us; please quote the reference.',
  'corr.committee.after_objection':
    'If we cannot resolve it together, you can submit your complaint to {name}.',
  'corr.committee.after_final':
    'If you disagree with this final response, you can submit your complaint to {name}.',
  'corr.committee.term': 'You can do so up to {months} months after our final response.',
  'corr.committee.address': 'Address: {address}',
  'corr.committee.url': 'Website: {url}',
  'corr.kind.acknowledgement': 'acknowledgement',
  'corr.kind.info_request': 'request for information',
  'corr.kind.extension': 'extension notice',
  'corr.kind.inadmissible': 'not admissible',
  'corr.kind.outcome': 'outcome',
  'corr.kind.final_outcome': 'final response',
  'corr.channel.email': 'E-mail',
  'corr.channel.letter': 'Letter by post',
  'corr.status.draft': 'Draft',
  'corr.status.sent': 'Sent',
  'corr.status.posted': 'Posted',
  'corr.status.cancelled': 'Cancelled',
  'corr.locale.nl': 'Dutch',
  'corr.locale.en': 'English',
  'corr.dm.title': 'Draft to the complainant: {kind} ({reference})',
  'corr.dm.summary': 'Draft for the complainant of {reference}: review and send it',
  'corr.dm.intro.email':
    'A draft for {name} is ready. Read it, edit it where needed and send it. It goes by e-mail, with the letter as a PDF.',
  'corr.dm.intro.letter':
    'A draft for {name} is ready. Read it, edit it where needed and send it. The secretariat gets the letter as a PDF and posts it.',
  'corr.dm.already': 'This message has already been sent ({date}).',
  'corr.fact.kind': 'Kind of message',
  'corr.fact.channel': 'Send by',
  'corr.fact.to': 'To',
  'corr.fact.language': 'Language',
  'corr.fact.status': 'Status',
  'corr.section.subject': 'Subject',
  'corr.section.body': 'Text',
  'corr.action.review': 'Review and send',
  'corr.unnamed': 'the complainant',
  'form.send_correspondence.title': 'Message to complainant',
  'form.send_correspondence.intro':
    'Edit the subject and the text where needed. Submit sends the message to the complainant.',
  'field.correspondenceSubject': 'Subject',
  'field.correspondenceBody': 'Text',
  'corr.done.email': 'Sent: the message goes to the complainant by e-mail ({reference}).',
  'corr.done.letter': 'Sent: the secretariat gets the letter as a PDF to post it ({reference}).',
  'corr.done.already': 'This message had already been sent; nothing was sent again ({reference}).',
  'corr.done.posted': 'Recorded: the letter was posted on {date} ({reference}).',
  'corr.refused.not_draft':
    'This message has already been sent or was cancelled. Nothing was changed.',
  'timeline.correspondence_sent': 'message to the complainant sent',
  'timeline.letter_posted': 'letter to the complainant posted',
};
