/**
 * Texts of the late acknowledgement (issue 11): the reminder on its due day, the register's
 * receipt and correspondence columns, and the digest's acknowledgement compliance per channel.
 */
export const nl = {
  'title.acknowledgement_due': 'Ontvangstbevestiging vandaag versturen: {reference}',
  'text.acknowledgement_due':
    'De klacht kwam binnen op {received}. De klager moet uiterlijk vandaag, {due}, een ontvangstbevestiging krijgen. Morgen gaat een gemiste termijn naar de directie en de kwaliteitsadviseur.',
  'text.acknowledgement_due.draft':
    'Het concept van de ontvangstbevestiging staat klaar in uw chat: bekijk het, pas het zo nodig aan en verstuur het.',
  'text.acknowledgement_due.letter_sent':
    'De brief is klaar. Hij telt als verstuurd zodra "Verstuurd per post" is vastgelegd.',
  'text.acknowledgement_due.no_draft':
    'Er staat geen concept klaar (geen e-mailadres of postadres bekend). Vul de gegevens van de klager aan of bevestig de ontvangst op een andere manier.',
  'register.receivedOn': 'Ontvangen op',
  'register.receivedTime': 'Ontvangen om',
  'register.acknowledgementDue': 'Ontvangstbevestiging uiterlijk',
  'register.lettersSent': 'Brieven verstuurd',
  'register.emailsSent': 'E-mails verstuurd',
  'register.lettersPostedOn': 'Laatste brief op de post',
  'register.attachments': 'Bijlagen',
  'digest.acknowledgement_by_channel': 'Ontvangstbevestiging op tijd, per kanaal',
  'digest.acknowledgement.channel': 'Ontvangstbevestiging op tijd – {channel}',
} as const;

export const en: Record<keyof typeof nl, string> = {
  'title.acknowledgement_due': 'Send the acknowledgement today: {reference}',
  'text.acknowledgement_due':
    'The complaint was received on {received}. The complainant must be acknowledged today, {due}, at the latest. Tomorrow a missed deadline goes to the management and the quality adviser.',
  'text.acknowledgement_due.draft':
    'The draft acknowledgement is waiting in your chat: review it, edit it if needed and send it.',
  'text.acknowledgement_due.letter_sent':
    'The letter is ready. It counts as sent once "Sent by post" is recorded.',
  'text.acknowledgement_due.no_draft':
    "No draft is waiting (no e-mail or postal address known). Complete the complainant's details or acknowledge receipt another way.",
  'register.receivedOn': 'Received on',
  'register.receivedTime': 'Received at',
  'register.acknowledgementDue': 'Acknowledgement due',
  'register.lettersSent': 'Letters sent',
  'register.emailsSent': 'E-mails sent',
  'register.lettersPostedOn': 'Last letter posted on',
  'register.attachments': 'Attachments',
  'digest.acknowledgement_by_channel': 'Acknowledged on time, per channel',
  'digest.acknowledgement.channel': 'Acknowledged on time – {channel}',
};
