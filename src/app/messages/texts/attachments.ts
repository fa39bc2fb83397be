/** Texts of attachments on a complaint (issue 11). */
export const nl = {
  // Refusals without the file's name (any surface or page can show them).
  'error.attachment.type_not_allowed':
    'Dit bestandstype wordt niet aangenomen. Toegestaan zijn PDF, JPG, PNG, DOCX, EML en MSG.',
  'error.attachment.content_mismatch':
    'De inhoud van dit bestand past niet bij het bestandstype (bijvoorbeeld een hernoemd bestand).',
  'error.attachment.empty': 'Dit bestand is leeg.',
  'error.attachment.too_large': 'Dit bestand is groter dan 10 MB, het maximum per bestand.',
  'error.attachment.complaint_full':
    'Bij een klacht past samen hooguit 25 MB aan bijlagen; dit bestand past er niet meer bij.',
  // The same refusals naming the file, in chat.
  'attachment.refused.type_not_allowed':
    '"{file}" is geen toegestaan bestandstype. Toegestaan zijn PDF, JPG, PNG, DOCX, EML en MSG.',
  'attachment.refused.content_mismatch':
    'De inhoud van "{file}" past niet bij het bestandstype .{extension}; het bestand is geweigerd.',
  'attachment.refused.empty': '"{file}" is leeg.',
  'attachment.refused.too_large': '"{file}" is {size}; per bestand is het maximum {limit}.',
  'attachment.refused.complaint_full':
    'Met "{file}" erbij zou deze klacht meer dan {limit} aan bijlagen hebben (nu {stored}).',
  'attachment.refused.none_saved':
    'Er is daarom geen enkel bestand van deze zending opgeslagen. Stuur de bestanden die wel mogen opnieuw.',
  'attachment.refused.after_report':
    'Uw melding {reference} is geregistreerd, maar de bijlagen zijn niet opgeslagen. {reason} Stuur de bestanden opnieuw aan mij in een privébericht met het kenmerk {reference} erbij.',
  'attachment.fetch_failed':
    'Het bestand "{file}" kon niet worden opgehaald; er is niets opgeslagen. Probeer het later opnieuw.',
  'attachment.saved.one': 'Bijlage "{file}" is opgeslagen bij {reference}.',
  'attachment.saved.many': '{count} bijlagen zijn opgeslagen bij {reference}.',
  'attachment.saved.duplicate':
    'Dit bestand stond al bij {reference}; er is niets dubbel opgeslagen.',
  'attachment.no_reference':
    'Bij welke klacht hoort dit bestand? Stuur het opnieuw met het kenmerk in het bericht, bijvoorbeeld KL-2026-0001.',
  'attachment.not_found':
    'Klacht {reference} bestaat niet of u mag hem niet inzien; het bestand is niet opgeslagen.',
  // On the complaint.
  'attachment.heading': 'Bijlagen ({count})',
  'attachment.line': '{file} ({size}) — {who}, {date}',
  'attachment.by_complainant': 'de klager',
  'attachment.download': 'Download {file}',
  'attachment.links_valid': 'De downloadlinks zijn {minutes} minuten geldig en alleen voor u.',
  'timeline.attachment_added': 'bijlage toegevoegd',
  // The download route.
  'attachment.download.invalid.title': 'Download niet beschikbaar',
  'attachment.download.invalid':
    'Deze downloadlink is ongeldig of verlopen, of u mag dit bestand niet (meer) inzien. Open de klacht opnieuw in de chat voor een nieuwe link.',
} as const;

export const en: Record<keyof typeof nl, string> = {
  'error.attachment.type_not_allowed':
    'This type of file is not accepted. Allowed are PDF, JPG, PNG, DOCX, EML and MSG.',
  'error.attachment.content_mismatch':
    "This file's content does not match its type (a renamed file, for example).",
  'error.attachment.empty': 'This file is empty.',
  'error.attachment.too_large': 'This file is larger than 10 MB, the limit per file.',
  'error.attachment.complaint_full':
    'A complaint holds at most 25 MB of attachments in all; this file no longer fits.',
  'attachment.refused.type_not_allowed':
    '"{file}" is not an allowed type of file. Allowed are PDF, JPG, PNG, DOCX, EML and MSG.',
  'attachment.refused.content_mismatch':
    'The content of "{file}" does not match its type .{extension}; the file was refused.',
  'attachment.refused.empty': '"{file}" is empty.',
  'attachment.refused.too_large': '"{file}" is {size}; the limit per file is {limit}.',
  'attachment.refused.complaint_full':
    'With "{file}" this complaint would hold more than {limit} of attachments (now {stored}).',
  'attachment.refused.none_saved':
    'So none of the files sent together were stored. Please send the allowed ones again.',
  'attachment.refused.after_report':
    'Your report {reference} is registered, but its attachments were not stored. {reason} Please send the files to me again in a direct message that mentions {reference}.',
  'attachment.fetch_failed':
    'The file "{file}" could not be fetched; nothing was stored. Please try again later.',
  'attachment.saved.one': 'Attachment "{file}" is stored with {reference}.',
  'attachment.saved.many': '{count} attachments are stored with {reference}.',
  'attachment.saved.duplicate':
    'This file was already stored with {reference}; nothing was stored twice.',
  'attachment.no_reference':
    'Which complaint is this file for? Please send it again with the reference in the message, e.g. KL-2026-0001.',
  'attachment.not_found':
    'Complaint {reference} does not exist or you may not see it; the file was not stored.',
  'attachment.heading': 'Attachments ({count})',
  'attachment.line': '{file} ({size}) — {who}, {date}',
  'attachment.by_complainant': 'the complainant',
  'attachment.download': 'Download {file}',
  'attachment.links_valid': 'The download links are valid for {minutes} minutes and only for you.',
  'timeline.attachment_added': 'attachment added',
  'attachment.download.invalid.title': 'Download not available',
  'attachment.download.invalid':
    'This download link is invalid or expired, or you may no longer see this file. Open the complaint in the chat again for a new link.',
};
