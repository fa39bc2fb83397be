/** Texts of the complainant's page and the public web form (issue 11). */
export const nl = {
  // The page
  'page.skip': 'Naar de inhoud',
  'page.title': 'Uw klacht {reference}',
  'page.greeting': 'Beste {name},',
  'page.intro':
    'Op deze pagina ziet u hoe het met uw klacht staat. U kunt hier ook reageren. Deze persoonlijke link is geldig tot en met {until}; deel hem niet met anderen.',
  'page.status.heading': 'Stand van zaken',
  'page.status.registered':
    'Wij hebben uw klacht ontvangen en bekijken hem. U hoort van ons of wij uw klacht terecht (gegrond) vinden.',
  'page.status.registered.feedback':
    'Wij hebben uw opmerking ontvangen. Dank u wel; wij bekijken hem.',
  'page.status.awaiting_info':
    'Wij hebben een vraag aan u. Zodra wij uw antwoord hebben, gaan wij verder met uw klacht.',
  'page.status.in_treatment': 'Wij vinden uw klacht terecht (gegrond) en werken aan een oplossing.',
  'page.status.resolved': 'Wij hebben uw klacht afgehandeld. Hieronder leest u de uitkomst.',
  'page.status.resolved.deferred':
    'Wij hebben uw klacht afgehandeld. Wij vragen u om uw reactie zodra de afgesproken oplossing is uitgevoerd.',
  'page.status.rejected':
    'Wij vinden uw klacht niet terecht (ongegrond). Hieronder leest u waarom.',
  'page.status.objected':
    'U bent het niet eens met de uitkomst en hebt bezwaar gemaakt. Wij beoordelen uw bezwaar opnieuw.',
  'page.status.closed.accepted': 'U was akkoord met de uitkomst. Uw klacht is afgesloten.',
  'page.status.closed.no_reaction':
    'Wij hebben geen reactie van u ontvangen op de uitkomst. Uw klacht is daarom afgesloten.',
  'page.status.closed.final_outcome':
    'Wij hebben over uw bezwaar beslist. Uw klacht is afgesloten.',
  'page.status.closed.inadmissible':
    'Wij kunnen uw klacht niet in behandeling nemen. Hieronder leest u waarom.',
  'page.status.closed.noted': 'Wij hebben uw opmerking genoteerd. Dank u wel.',
  'page.status.closed.committee_verdict':
    'De klachtencommissie heeft over uw klacht geoordeeld. Uw klacht is afgesloten.',
  'page.status.closed.plain': 'Uw klacht is afgesloten.',
  'page.status.withdrawn': 'Uw klacht is ingetrokken.',
  'page.dates.heading': 'Belangrijke data',
  'page.date.received': 'Ontvangen op',
  'page.date.decision': 'U hoort uiterlijk op deze dag of wij uw klacht gegrond vinden',
  'page.date.resolution': 'Uiterlijk afgehandeld op',
  'page.date.agreedTerm': 'De afgesproken oplossing is uiterlijk uitgevoerd op',
  'page.date.reaction': 'Reageer uiterlijk op',
  'page.date.objection': 'U hoort uiterlijk op deze dag wat wij over uw bezwaar beslissen',
  'page.date.closed': 'Afgesloten op',
  'page.outcome.heading': 'De uitkomst',
  'page.decision.founded': 'Wij vinden uw klacht gegrond.',
  'page.decision.unfounded': 'Wij vinden uw klacht ongegrond.',
  'page.verdict': 'Het oordeel van de klachtencommissie ({date}): {verdict}. {binding}',
  'page.verdict.binding.true': 'Dit oordeel is bindend.',
  'page.verdict.binding.false': 'Dit oordeel is een advies.',
  'page.text.inadmissible': 'Waarom wij uw klacht niet in behandeling nemen',
  'page.text.motivation': 'Onze toelichting',
  'page.text.extension': 'Waarom wij meer tijd nodig hebben',
  'page.text.solution': 'De oplossing die wij met u hebben afgesproken',
  'page.text.resolution': 'Hoe wij uw klacht hebben opgelost',
  'page.text.objection': 'Uw bezwaar',
  'page.text.finalOutcome': 'Onze beslissing over uw bezwaar',
  'page.text.committee': 'Wat wij met het oordeel van de commissie doen',
  'page.reaction.heading': 'Bent u het eens met de uitkomst?',
  'page.reaction.intro':
    'Laat ons weten of u akkoord bent. Bent u het niet eens, dan kunt u bezwaar maken; wij bekijken uw klacht dan opnieuw.',
  'page.reaction.accept.heading': 'Akkoord',
  'page.reaction.accept.button': 'Akkoord',
  'page.reaction.accept.hint': 'Uw klacht wordt dan afgesloten.',
  'page.reaction.object.heading': 'Niet akkoord',
  'page.reaction.reason': 'Waarom bent u het niet eens met de uitkomst?',
  'page.reaction.reason.hint': 'Verplicht. Ten hoogste {max} tekens.',
  'page.reaction.object.button': 'Niet akkoord (bezwaar maken)',
  'page.question.heading': 'Onze vraag aan u',
  'page.question.asked': 'Gesteld op {date}:',
  'page.answer.label': 'Uw antwoord',
  'page.answer.hint': 'Verplicht. Ten hoogste {max} tekens.',
  'page.answer.file': 'Bijlage (niet verplicht)',
  'page.answer.file.hint': 'Een pdf, jpg, png, docx, eml of msg-bestand van ten hoogste {max} MB.',
  'page.answer.button': 'Antwoord versturen',
  'page.contact.heading': 'Contact',
  'page.contact.intro': 'Hebt u vragen? Neem contact op met {name}.',
  'page.contact.phone': 'Telefoon: {phone}',
  'page.contact.email': 'E-mail: {email}',
  'page.contact.address': 'Adres: {address}',
  'page.contact.url': 'Website: {url}',
  'page.done.reaction.accept': 'Dank u wel. Wij hebben genoteerd dat u akkoord bent.',
  'page.done.reaction.object':
    'Dank u wel. Wij hebben uw bezwaar ontvangen en laten u weten wat wij beslissen.',
  'page.done.answer': 'Dank u wel. Wij hebben uw antwoord ontvangen.',
  'page.errors.heading': 'Er is iets niet goed gegaan',
  'page.error.reason.required': 'Schrijf op waarom u het niet eens bent met de uitkomst.',
  'page.error.answer.required': 'Schrijf uw antwoord op.',
  'page.error.text.too_long': 'Deze tekst is te lang: ten hoogste {max} tekens.',
  'page.error.file': 'Dit bestand kunnen wij niet aannemen: {reason} Er is niets opgeslagen.',
  'page.error.file.too_large': 'het bestand is groter dan {max} MB.',
  'page.error.file.refused': 'het soort bestand of de grootte is niet toegestaan.',
  'page.error.stale':
    'Deze pagina was niet meer actueel. Er is niets veranderd; bekijk hieronder de stand van zaken en probeer het zo nodig opnieuw.',
  'page.error.not_now':
    'Dit kan nu niet (meer). Er is niets veranderd; hieronder ziet u de stand van zaken.',
  'page.error.unexpected': 'Er ging iets mis. Er is niets opgeslagen; probeer het later opnieuw.',
  // Refusals (no complaint shown)
  'page.invalid.title': 'Deze link werkt niet',
  'page.invalid.text':
    'Deze link is niet (meer) geldig. Misschien is hij verlopen, ingetrokken of niet volledig gekopieerd. Er is niets veranderd.',
  'page.invalid.expired':
    'Deze link is verlopen of ingetrokken. Er is niets veranderd. Vraag ons gerust om een nieuwe link.',
  'page.invalid.contact': 'Neem contact op met {name}; wij helpen u graag verder.',
  'page.forbidden.title': 'Uw formulier is niet verwerkt',
  'page.forbidden.text':
    'Wij konden niet controleren dat dit formulier van deze pagina kwam. Er is niets veranderd. Open de link uit uw e-mail opnieuw en probeer het nog eens.',
  'page.too_many.title': 'Even geduld',
  'page.too_many.text':
    'Er kwamen te veel verzoeken tegelijk binnen. Er is niets veranderd. Probeer het over een paar minuten opnieuw.',
  'page.too_large.title': 'Het bestand is te groot',
  'page.too_large.text':
    'Wat u verstuurde is groter dan wij kunnen aannemen (ten hoogste {max} MB). Er is niets opgeslagen.',
  // The public web form
  'webform.title': 'Een klacht indienen bij {organisation}',
  'webform.intro':
    'Vul het formulier in. Velden met (verplicht) moeten ingevuld zijn. Wij bevestigen de ontvangst en laten u weten wanneer u antwoord krijgt.',
  'webform.required': '(verplicht)',
  'webform.group.you': 'Uw gegevens',
  'webform.group.complaint': 'Uw klacht',
  'webform.field.name': 'Naam',
  'webform.field.email': 'E-mailadres',
  'webform.field.phone': 'Telefoonnummer',
  'webform.field.address': 'Postadres',
  'webform.field.address.hint': 'Straat en huisnummer, postcode en plaats.',
  'webform.field.preferredContact': 'Hoe wilt u antwoord krijgen?',
  'webform.field.category': 'Waar gaat uw klacht over?',
  'webform.field.category.choose': 'Kies een onderwerp',
  'webform.field.description': 'Wat is er gebeurd?',
  'webform.field.desiredOutcome': 'Wat wilt u dat wij doen?',
  'webform.field.file': 'Bijlage (niet verplicht)',
  'webform.field.website': 'Laat dit veld leeg',
  'webform.button': 'Klacht versturen',
  'webform.done.title': 'Uw klacht is ontvangen',
  'webform.done.text':
    'Dank u wel. Uw klacht heeft het kenmerk {reference}. Noem dit kenmerk als u contact met ons opneemt. U krijgt een ontvangstbevestiging.',
  'webform.done.pending':
    'Dank u wel. Uw klacht is ontvangen; u krijgt een ontvangstbevestiging met het kenmerk.',
  'webform.done.file_refused':
    'Uw bijlage konden wij niet opslaan ({reason}). Stuur hem per e-mail en noem daarbij het kenmerk.',
  'webform.error.file_type':
    'Dit soort bestand nemen wij niet aan: kies een pdf, jpg, png, docx, eml of msg-bestand.',
  'webform.error.required': 'Vul dit veld in.',
  'webform.error.too_long': 'Deze tekst is te lang.',
  'webform.error.invalid': 'Deze waarde is niet geldig.',
  'webform.error.unknown': 'Kies een waarde uit de lijst.',
  'webform.error.email': 'Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.',
  'webform.error.phone': 'Vul een geldig telefoonnummer in.',
  'webform.error.contact': 'Vul een e-mailadres, telefoonnummer of postadres in.',
  // The handler's message when the complainant acted on their page
  'page.notice.title': 'De klager reageerde op {reference}',
  'page.notice.accept':
    'De klager is via de klachtpagina akkoord gegaan met de uitkomst. De klacht is afgesloten.',
  'page.notice.object':
    'De klager heeft via de klachtpagina bezwaar gemaakt tegen de uitkomst. Wie over bezwaren beslist, heeft een bericht gekregen.',
  'page.notice.answer': 'De klager heeft via de klachtpagina uw vraag beantwoord.',
  'page.notice.other': 'De klager heeft via de klachtpagina gereageerd.',
  'page.notice.question': 'Uw vraag',
  'page.notice.answer.heading': 'Antwoord van de klager',
  'page.notice.reason': 'Bezwaar van de klager',
  'page.revoked':
    'De persoonlijke links van de klager bij {reference} zijn ingetrokken ({count}). Een nieuwe e-mail aan de klager bevat een nieuwe link.',
} as const;

export const en: Record<keyof typeof nl, string> = {
  'page.skip': 'Skip to content',
  'page.title': 'Your complaint {reference}',
  'page.greeting': 'Dear {name},',
  'page.intro':
    'This page shows where your complaint stands. You can also respond here. This personal link is valid up to and including {until}; do not share it.',
  'page.status.heading': 'Where things stand',
  'page.status.registered':
    'We have received your complaint and are looking into it. We will let you know whether we find it justified (founded).',
  'page.status.registered.feedback':
    'We have received your remark. Thank you; we are looking into it.',
  'page.status.awaiting_info':
    'We have a question for you. As soon as we have your answer, we will continue with your complaint.',
  'page.status.in_treatment':
    'We find your complaint justified (founded) and are working on a solution.',
  'page.status.resolved': 'We have dealt with your complaint. The outcome is below.',
  'page.status.resolved.deferred':
    'We have dealt with your complaint. We will ask for your reaction once the agreed solution has been carried out.',
  'page.status.rejected': 'We do not find your complaint justified (unfounded). See below why.',
  'page.status.objected':
    'You disagree with the outcome and have objected. We are reviewing your objection.',
  'page.status.closed.accepted': 'You agreed with the outcome. Your complaint is closed.',
  'page.status.closed.no_reaction':
    'We received no reaction from you to the outcome, so your complaint is closed.',
  'page.status.closed.final_outcome':
    'We have decided on your objection. Your complaint is closed.',
  'page.status.closed.inadmissible': 'We cannot take up your complaint. See below why.',
  'page.status.closed.noted': 'We have noted your remark. Thank you.',
  'page.status.closed.committee_verdict':
    'The complaints committee has given its verdict on your complaint. Your complaint is closed.',
  'page.status.closed.plain': 'Your complaint is closed.',
  'page.status.withdrawn': 'Your complaint has been withdrawn.',
  'page.dates.heading': 'Important dates',
  'page.date.received': 'Received on',
  'page.date.decision': 'You will hear by this day whether we find your complaint founded',
  'page.date.resolution': 'Dealt with by',
  'page.date.agreedTerm': 'The agreed solution will be carried out by',
  'page.date.reaction': 'Please respond by',
  'page.date.objection': 'You will hear by this day what we decide on your objection',
  'page.date.closed': 'Closed on',
  'page.outcome.heading': 'The outcome',
  'page.decision.founded': 'We find your complaint founded.',
  'page.decision.unfounded': 'We find your complaint unfounded.',
  'page.verdict': 'The complaints committee’s verdict ({date}): {verdict}. {binding}',
  'page.verdict.binding.true': 'This verdict is binding.',
  'page.verdict.binding.false': 'This verdict is advice.',
  'page.text.inadmissible': 'Why we cannot take up your complaint',
  'page.text.motivation': 'Our explanation',
  'page.text.extension': 'Why we need more time',
  'page.text.solution': 'The solution we agreed with you',
  'page.text.resolution': 'How we resolved your complaint',
  'page.text.objection': 'Your objection',
  'page.text.finalOutcome': 'Our decision on your objection',
  'page.text.committee': 'What we do with the committee’s verdict',
  'page.reaction.heading': 'Do you agree with the outcome?',
  'page.reaction.intro':
    'Let us know whether you agree. If you do not, you can object; we will then review your complaint again.',
  'page.reaction.accept.heading': 'Agree',
  'page.reaction.accept.button': 'I agree',
  'page.reaction.accept.hint': 'Your complaint will then be closed.',
  'page.reaction.object.heading': 'Disagree',
  'page.reaction.reason': 'Why do you disagree with the outcome?',
  'page.reaction.reason.hint': 'Required. At most {max} characters.',
  'page.reaction.object.button': 'I disagree (object)',
  'page.question.heading': 'Our question to you',
  'page.question.asked': 'Asked on {date}:',
  'page.answer.label': 'Your answer',
  'page.answer.hint': 'Required. At most {max} characters.',
  'page.answer.file': 'Attachment (optional)',
  'page.answer.file.hint': 'A pdf, jpg, png, docx, eml or msg file of at most {max} MB.',
  'page.answer.button': 'Send answer',
  'page.contact.heading': 'Contact',
  'page.contact.intro': 'Any questions? Please contact {name}.',
  'page.contact.phone': 'Phone: {phone}',
  'page.contact.email': 'Email: {email}',
  'page.contact.address': 'Address: {address}',
  'page.contact.url': 'Website: {url}',
  'page.done.reaction.accept': 'Thank you. We have noted that you agree.',
  'page.done.reaction.object':
    'Thank you. We have received your objection and will let you know what we decide.',
  'page.done.answer': 'Thank you. We have received your answer.',
  'page.errors.heading': 'Something is not right',
  'page.error.reason.required': 'Please write why you disagree with the outcome.',
  'page.error.answer.required': 'Please write your answer.',
  'page.error.text.too_long': 'This text is too long: at most {max} characters.',
  'page.error.file': 'We cannot accept this file: {reason} Nothing was saved.',
  'page.error.file.too_large': 'the file is larger than {max} MB.',
  'page.error.file.refused': 'this kind of file or its size is not allowed.',
  'page.error.stale':
    'This page was out of date. Nothing was changed; see where things stand below and try again if needed.',
  'page.error.not_now': 'This is not possible (any more). Nothing was changed; see below.',
  'page.error.unexpected': 'Something went wrong. Nothing was saved; please try again later.',
  'page.invalid.title': 'This link does not work',
  'page.invalid.text':
    'This link is not valid (any more). It may have expired, been revoked or not been copied completely. Nothing was changed.',
  'page.invalid.expired':
    'This link has expired or was revoked. Nothing was changed. Feel free to ask us for a new link.',
  'page.invalid.contact': 'Please contact {name}; we are happy to help.',
  'page.forbidden.title': 'Your form was not processed',
  'page.forbidden.text':
    'We could not verify that this form came from this page. Nothing was changed. Open the link in your email again and try once more.',
  'page.too_many.title': 'Please wait a moment',
  'page.too_many.text':
    'Too many requests arrived at once. Nothing was changed. Please try again in a few minutes.',
  'page.too_large.title': 'The file is too large',
  'page.too_large.text':
    'What you sent is larger than we can accept (at most {max} MB). Nothing was saved.',
  'webform.title': 'Submit a complaint to {organisation}',
  'webform.intro':
    'Please fill in the form. Fields marked (required) must be filled in. We will acknowledge receipt and tell you when to expect an answer.',
  'webform.required': '(required)',
  'webform.group.you': 'Your details',
  'webform.group.complaint': 'Your complaint',
  'webform.field.name': 'Name',
  'webform.field.email': 'Email address',
  'webform.field.phone': 'Phone number',
  'webform.field.address': 'Postal address',
  'webform.field.address.hint': 'Street and number, postcode and town.',
  'webform.field.preferredContact': 'How would you like to hear from us?',
  'webform.field.category': 'What is your complaint about?',
  'webform.field.category.choose': 'Choose a subject',
  'webform.field.description': 'What happened?',
  'webform.field.desiredOutcome': 'What would you like us to do?',
  'webform.field.file': 'Attachment (optional)',
  'webform.field.website': 'Leave this field empty',
  'webform.button': 'Send complaint',
  'webform.done.title': 'Your complaint has been received',
  'webform.done.text':
    'Thank you. Your complaint has the reference {reference}. Please mention it when you contact us. You will receive an acknowledgement.',
  'webform.done.pending':
    'Thank you. Your complaint has been received; you will receive an acknowledgement with its reference.',
  'webform.done.file_refused':
    'We could not store your attachment ({reason}). Please send it by email and mention the reference.',
  'webform.error.file_type':
    'We do not accept this kind of file: please choose a pdf, jpg, png, docx, eml or msg file.',
  'webform.error.required': 'Please fill in this field.',
  'webform.error.too_long': 'This text is too long.',
  'webform.error.invalid': 'This value is not valid.',
  'webform.error.unknown': 'Please choose a value from the list.',
  'webform.error.email': 'Please enter a valid email address, such as name@example.com.',
  'webform.error.phone': 'Please enter a valid phone number.',
  'webform.error.contact': 'Please enter an email address, phone number or postal address.',
  'page.notice.title': 'The complainant responded on {reference}',
  'page.notice.accept':
    'The complainant agreed with the outcome on the complaint page. The complaint is closed.',
  'page.notice.object':
    'The complainant objected to the outcome on the complaint page. Those who decide on objections have been told.',
  'page.notice.answer': 'The complainant answered your question on the complaint page.',
  'page.notice.other': 'The complainant responded on the complaint page.',
  'page.notice.question': 'Your question',
  'page.notice.answer.heading': 'The complainant’s answer',
  'page.notice.reason': 'The complainant’s objection',
  'page.revoked':
    'The complainant’s personal links for {reference} are revoked ({count}). A new e-mail to the complainant carries a new link.',
};
