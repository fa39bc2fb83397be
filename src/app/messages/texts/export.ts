/**
 * Texts of the register on demand (`export 2025`, `export 2025-01-01..2025-06-30`,
 * `export open`), of the register's Verbeterregister and Audittrail sheets and of the yearly
 * register sent privately (issue 13).
 */
export const nl = {
  'export.refused':
    'Het klachtenregister opvragen kan alleen de kwaliteitsadviseur, de directie of het secretariaat.',
  'export.period.missing':
    'Noem een periode, bijvoorbeeld: export 2025, export 2025-01-01..2025-06-30 of export open.',
  'export.period.format':
    '"{input}" is geen periode. Gebruik een jaar (export 2025), twee datums (export 2025-01-01..2025-06-30) of export open.',
  'export.period.invalid_date':
    'Die datum bestaat niet of ligt vóór 2000. Schrijf datums als jjjj-mm-dd, bijvoorbeeld 2025-06-30.',
  'export.period.reversed':
    'De periode eindigt vóór ze begint. Zet de vroegste datum eerst, bijvoorbeeld: export 2025-01-01..2025-06-30.',
  'export.period.future': 'Die periode begint na vandaag: er staat nog niets van in het register.',
  'export.period.too_long':
    'Een periode beslaat hoogstens {years} jaar. Vraag het register in kleinere delen op.',
  'export.unavailable':
    'Het register kan nu niet worden klaargezet. Probeer het later opnieuw of meld het bij de beheerder.',
  'export.label.year': '{year}',
  'export.label.range': '{from} t/m {to}',
  'export.label.open': 'open meldingen op {date}',
  'export.version.director': 'versie directie, met de inhoud van klachten over medewerkers',
  'export.version.quality': 'zonder de inhoud van klachten over medewerkers',
  'export.comment':
    'Klachtenregister {period} ({version}): {rows} meldingen. Vertrouwelijk, alleen voor u: deel het niet in een kanaal.',
  'export.sent':
    'Het klachtenregister {period} staat in uw privégesprek met Klachtenbot ({files}).',
  'export.failed':
    'Het klachtenregister kon niet in uw privégesprek worden gezet. Probeer het later opnieuw.',
  'export.personal_only':
    'Het klachtenregister krijgt u alleen in uw eigen chat met Klachtenbot. Typ het daar, bijvoorbeeld: export 2025.',
  'export.consent':
    'Klachtenregister {period} als {format} ({version}). Vertrouwelijk, alleen voor u: kies Toestaan om het in uw OneDrive te zetten.',
  'export.expired': 'Dit bestand is niet meer beschikbaar. Vraag het register opnieuw op.',
  'export.declined': 'Goed, {file} is niet verstuurd.',
  'export.upload_failed':
    '{file} kon niet in uw OneDrive worden gezet. Vraag het register opnieuw op.',
  'export.yearly.title': 'Klachtenregister {year}',
  'export.yearly.intro':
    'Het klachtenregister van {year} ({version}), als XLSX en CSV. Vertrouwelijk, alleen voor u: deel het niet in een kanaal. In het kwaliteitskanaal staan alleen de cijfers.',
  'export.analysis.year': 'Cijfers over heel {year}, zoals de trendanalyse (stand {date})',
  'export.analysis.open':
    'Cijfers over heel {year} tot nu toe, zoals de trendanalyse (stand {date})',
  // The Verbeterregister sheet.
  'export.measures.id': 'Maatregel',
  'export.measures.reference': 'Kenmerk klacht',
  'export.measures.origin': 'Herkomst',
  'export.measures.type': 'Soort',
  'export.measures.scope': 'Reikwijdte',
  'export.measures.description': 'Omschrijving',
  'export.measures.owner': 'Eigenaar (of interne volger)',
  'export.measures.party': 'Uitgevoerd door (externe partij)',
  'export.measures.dueOn': 'Gereed uiterlijk',
  'export.measures.status': 'Status',
  'export.measures.createdOn': 'Vastgelegd op',
  'export.measures.createdBy': 'Vastgelegd door',
  'export.measures.implementedOn': 'Ingevoerd op',
  'export.measures.implementedMet': 'Op tijd ingevoerd',
  'export.measures.evidence': 'Bewijs van invoering',
  'export.measures.reviewDueOn': 'Effectiviteit beoordelen uiterlijk',
  'export.measures.effective': 'Effectief',
  'export.measures.reviewedOn': 'Beoordeeld op',
  'export.measures.reviewedBy': 'Beoordeeld door',
  'export.measures.reviewNote': 'Toelichting beoordeling',
  'export.measures.followUpOf': 'Vervolg op maatregel',
  'export.measureStatus.planned': 'Gepland',
  'export.measureStatus.implemented': 'Ingevoerd',
  'export.measureStatus.review_due': 'Wacht op beoordeling',
  'export.measureStatus.effective': 'Effectief',
  'export.measureStatus.not_effective': 'Niet effectief',
  'export.measureStatus.cancelled': 'Vervallen',
  'export.measureOrigin.complaint': 'Klacht',
  'export.measureOrigin.trend_review': 'Trendanalyse',
  'export.measureOrigin.management_review': 'Directiebeoordeling',
  'export.measureScope.client': 'Klant',
  'export.measureScope.organisation': 'Organisatiebreed',
  // The Audittrail sheet.
  'export.audit.reference': 'Kenmerk',
  'export.audit.date': 'Datum',
  'export.audit.time': 'Tijd',
  'export.audit.actor': 'Wie',
  'export.audit.action': 'Wat',
  'export.audit.outcome': 'Uitkomst',
  'export.audit.from': 'Status vooraf',
  'export.audit.to': 'Status daarna',
  'export.audit.outcome.done': 'Uitgevoerd',
  'export.audit.outcome.refused': 'Geweigerd',
  'export.audit.reporter': 'Melder',
} as const;

export const en: Record<keyof typeof nl, string> = {
  'export.refused':
    'Only the quality adviser, the management or the secretariat can export the complaints register.',
  'export.period.missing':
    'Name a period, for example: export 2025, export 2025-01-01..2025-06-30 or export open.',
  'export.period.format':
    '"{input}" is not a period. Use a year (export 2025), two dates (export 2025-01-01..2025-06-30) or export open.',
  'export.period.invalid_date':
    'That date does not exist or lies before 2000. Write dates as yyyy-mm-dd, for example 2025-06-30.',
  'export.period.reversed':
    'The period ends before it starts. Put the earlier date first, for example: export 2025-01-01..2025-06-30.',
  'export.period.future': 'That period starts after today: nothing of it is in the register yet.',
  'export.period.too_long':
    'A period spans at most {years} years. Ask for the register in smaller parts.',
  'export.unavailable':
    'The register cannot be prepared right now. Try again later or tell the administrator.',
  'export.label.year': '{year}',
  'export.label.range': '{from} to {to}',
  'export.label.open': 'open reports on {date}',
  'export.version.director': "management's version, with the content of complaints about employees",
  'export.version.quality': 'without the content of complaints about employees',
  'export.comment':
    'Complaints register {period} ({version}): {rows} reports. Confidential, for you only: do not share it in a channel.',
  'export.sent':
    'The complaints register {period} is in your private conversation with Klachtenbot ({files}).',
  'export.failed':
    'The complaints register could not be put in your private conversation. Try again later.',
  'export.personal_only':
    'You get the complaints register only in your own chat with Klachtenbot. Type it there, for example: export 2025.',
  'export.consent':
    'Complaints register {period} as {format} ({version}). Confidential, for you only: choose Allow to save it to your OneDrive.',
  'export.expired': 'This file is no longer available. Ask for the register again.',
  'export.declined': 'Fine, {file} was not sent.',
  'export.upload_failed': '{file} could not be saved to your OneDrive. Ask for the register again.',
  'export.yearly.title': 'Complaints register {year}',
  'export.yearly.intro':
    'The complaints register of {year} ({version}), as XLSX and CSV. Confidential, for you only: do not share it in a channel. The quality channel only shows the figures.',
  'export.analysis.year': 'Figures for all of {year}, as in the trend analysis (as of {date})',
  'export.analysis.open': 'Figures for {year} so far, as in the trend analysis (as of {date})',
  'export.measures.id': 'Measure',
  'export.measures.reference': 'Complaint reference',
  'export.measures.origin': 'Origin',
  'export.measures.type': 'Kind',
  'export.measures.scope': 'Scope',
  'export.measures.description': 'Description',
  'export.measures.owner': 'Owner (or internal follower)',
  'export.measures.party': 'Carried out by (outside party)',
  'export.measures.dueOn': 'Due by',
  'export.measures.status': 'Status',
  'export.measures.createdOn': 'Recorded on',
  'export.measures.createdBy': 'Recorded by',
  'export.measures.implementedOn': 'Implemented on',
  'export.measures.implementedMet': 'Implemented on time',
  'export.measures.evidence': 'Evidence of implementation',
  'export.measures.reviewDueOn': 'Judge effectiveness by',
  'export.measures.effective': 'Effective',
  'export.measures.reviewedOn': 'Judged on',
  'export.measures.reviewedBy': 'Judged by',
  'export.measures.reviewNote': 'Review note',
  'export.measures.followUpOf': 'Follow-up of measure',
  'export.measureStatus.planned': 'Planned',
  'export.measureStatus.implemented': 'Implemented',
  'export.measureStatus.review_due': 'Awaiting review',
  'export.measureStatus.effective': 'Effective',
  'export.measureStatus.not_effective': 'Not effective',
  'export.measureStatus.cancelled': 'Cancelled',
  'export.measureOrigin.complaint': 'Complaint',
  'export.measureOrigin.trend_review': 'Trend analysis',
  'export.measureOrigin.management_review': 'Management review',
  'export.measureScope.client': 'Client',
  'export.measureScope.organisation': 'Organisation-wide',
  'export.audit.reference': 'Reference',
  'export.audit.date': 'Date',
  'export.audit.time': 'Time',
  'export.audit.actor': 'Who',
  'export.audit.action': 'What',
  'export.audit.outcome': 'Outcome',
  'export.audit.from': 'Status before',
  'export.audit.to': 'Status after',
  'export.audit.outcome.done': 'Done',
  'export.audit.outcome.refused': 'Refused',
  'export.audit.reporter': 'Reporter',
};

export type ExportKey = keyof typeof nl;
