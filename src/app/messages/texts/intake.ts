/** Texts of intake on someone's behalf and acknowledgement per channel (issue 11). */
export const nl = {
  'intake.group.receipt': 'Ontvangst',
  'intake.group.complainant': 'De klager',
  'intake.field.receivedOn': 'Ontvangen op',
  'intake.field.receivedTime': 'Ontvangen om',
  'intake.field.complainantEmail': 'E-mailadres klager',
  'intake.field.complainantPhone': 'Telefoonnummer klager',
  'intake.field.complainantAddress': 'Postadres klager',
  'intake.field.complainantContact': 'Overige contactgegevens',
  'intake.field.preferredContact': 'Hoe wil de klager antwoord krijgen?',
  'intake.field.complainantLocale': 'Taal van de klager',
  'intake.field.attachments': 'Bijlagen',
  'intake.hint.intakeChannel':
    'Telefonisch of persoonlijk geldt als ontvangstbevestiging; een brief, e-mail of webformulier bevestigt u schriftelijk, binnen de termijn van de organisatie.',
  'intake.hint.receivedOn':
    'Wanneer kwam de klacht binnen (de brief, het telefoontje, de e-mail)? Leeg: nu. De termijnen lopen vanaf ontvangst.',
  'intake.hint.receivedTime': 'Leeg: 09:00 uur.',
  'intake.hint.complainantAddress': 'Straat en huisnummer, postcode en plaats: voor brieven.',
  'intake.hint.complainantContact': 'Bijvoorbeeld wanneer de klager bereikbaar is.',
  'intake.hint.attachments':
    'De gescande brief, foto’s of een e-mail: pdf, jpg, png, docx, eml of msg, ten hoogste 5 bestanden.',
  'intake.hint.attachments_chat':
    'Bijlagen (de gescande brief, foto’s, een e-mail) stuurt u na het melden in de chat met Klachtenbot, met het kenmerk van de klacht erbij.',
  'intake.contact.email': 'E-mail',
  'intake.contact.letter': 'Brief',
  'intake.contact.phone': 'Telefoon',
  'intake.language.nl': 'Nederlands',
  'intake.language.en': 'Engels',
  'problem.receivedOn.in_future':
    'Deze datum ligt in de toekomst: een klacht kan niet later binnenkomen dan nu.',
  'problem.receivedOn.in_past':
    'Deze datum ligt meer dan een jaar terug. Controleer de datum van ontvangst.',
  'problem.receivedOn.invalid': 'Dit is geen geldige datum.',
  'problem.receivedOn.required': 'Vul bij een tijdstip ook de datum van ontvangst in.',
  'problem.receivedTime.in_future':
    'Dit tijdstip ligt nog in de toekomst: vul in wanneer de klacht binnenkwam.',
  'problem.receivedTime.invalid': 'Dit is geen geldig tijdstip; gebruik UU:MM, zoals 14:30.',
  'problem.complainantEmail.invalid': 'Dit is geen geldig e-mailadres (zoals naam@voorbeeld.nl).',
  'problem.complainantEmail.required': 'Vul het e-mailadres in: de klager wil antwoord per e-mail.',
  'problem.complainantPhone.invalid':
    'Dit is geen geldig telefoonnummer (cijfers, spaties, +, - en haakjes).',
  'problem.complainantPhone.required':
    'Vul het telefoonnummer in: de klager wil telefonisch antwoord.',
  'problem.complainantAddress.required': 'Vul het postadres in: de klager wil antwoord per brief.',
} as const;

export const en: Record<keyof typeof nl, string> = {
  'intake.group.receipt': 'Receipt',
  'intake.group.complainant': 'The complainant',
  'intake.field.receivedOn': 'Received on',
  'intake.field.receivedTime': 'Received at',
  'intake.field.complainantEmail': 'Complainant’s email address',
  'intake.field.complainantPhone': 'Complainant’s phone number',
  'intake.field.complainantAddress': 'Complainant’s postal address',
  'intake.field.complainantContact': 'Other contact details',
  'intake.field.preferredContact': 'How does the complainant want to hear back?',
  'intake.field.complainantLocale': 'Complainant’s language',
  'intake.field.attachments': 'Attachments',
  'intake.hint.intakeChannel':
    'By phone or in person counts as the acknowledgement; a letter, email or web form is acknowledged in writing, within the organisation’s term.',
  'intake.hint.receivedOn':
    'When did the complaint arrive (the letter, the call, the email)? Empty: now. The deadlines run from receipt.',
  'intake.hint.receivedTime': 'Empty: 09:00.',
  'intake.hint.complainantAddress': 'Street and number, postcode and town: for letters.',
  'intake.hint.complainantContact': 'For example when the complainant can be reached.',
  'intake.hint.attachments':
    'The scanned letter, photos or an email: pdf, jpg, png, docx, eml or msg, at most 5 files.',
  'intake.hint.attachments_chat':
    'Send attachments (the scanned letter, photos, an email) in the chat with Klachtenbot after reporting, with the complaint’s reference.',
  'intake.contact.email': 'Email',
  'intake.contact.letter': 'Letter',
  'intake.contact.phone': 'Phone',
  'intake.language.nl': 'Dutch',
  'intake.language.en': 'English',
  'problem.receivedOn.in_future':
    'This date is in the future: a complaint cannot arrive later than now.',
  'problem.receivedOn.in_past': 'This date is more than a year ago. Check the date of receipt.',
  'problem.receivedOn.invalid': 'This is not a valid date.',
  'problem.receivedOn.required': 'With a time, fill in the date of receipt too.',
  'problem.receivedTime.in_future':
    'This time is still in the future: fill in when the complaint arrived.',
  'problem.receivedTime.invalid': 'This is not a valid time; use HH:MM, like 14:30.',
  'problem.complainantEmail.invalid': 'This is not a valid email address (like name@example.org).',
  'problem.complainantEmail.required':
    'Fill in the email address: the complainant wants an answer by email.',
  'problem.complainantPhone.invalid':
    'This is not a valid phone number (digits, spaces, +, - and brackets).',
  'problem.complainantPhone.required':
    'Fill in the phone number: the complainant wants an answer by phone.',
  'problem.complainantAddress.required':
    'Fill in the postal address: the complainant wants an answer by letter.',
};
