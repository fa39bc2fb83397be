/**
 * Texts of what the quality channel gets (issue 13): the digest's chart, and the intros of the
 * monthly overview and the yearly digest, which say how complaints about an employee are
 * counted.
 */
export const nl = {
  'chart.title': 'Klachten {year}',
  'chart.note':
    'Aantallen zoals ze zijn. Klachten over een medewerker staan niet in de grafiek (jaartotaal: {employee}).',
  'chart.quarters': 'Klachten per kwartaal en rubriek',
  'chart.quarter': 'K{quarter}',
  'chart.no_complaints': 'Geen klachten in {year}',
  'chart.compliance': 'Termijnen gehaald',
  'chart.compliance.value': '{percent}% ({met} van {due})',
  'chart.not_applicable': 'n.v.t.',
  'chart.measures': 'Maatregelen',
  'chart.measures.taken': 'Genomen',
  'chart.measures.implemented': 'Uitgevoerd',
  'chart.measures.judged': 'Beoordeeld',
  'chart.measures.effective': 'Effectief',
  'chart.measures.effective.value': '{count} ({percent}% van de beoordeelde)',
  'channel.monthly.intro':
    'Alleen aantallen, zoals ze zijn; de inhoud staat bij de behandelaars. Klachten over een medewerker tellen hier niet mee: die staan alleen als jaartotaal in de trendanalyse.',
  'channel.digest.intro':
    'De jaaranalyse voor de directiebeoordeling: aantallen zoals ze zijn en de grafiek. Klachten over een medewerker tellen in geen enkel cijfer mee, alleen in hun jaartotaal (onder de 3 als "<3"). Het overzicht klachten krijgen de kwaliteitsadviseur en de directie apart.',
  'channel.digest.concerning_employee': 'Over een medewerker (jaartotaal)',
} as const;

export type ChartKey = keyof typeof nl;

export const en: Record<ChartKey, string> = {
  'chart.title': 'Complaints {year}',
  'chart.note':
    'Counts as they are. Complaints about an employee are not in the chart (year total: {employee}).',
  'chart.quarters': 'Complaints per quarter and category',
  'chart.quarter': 'Q{quarter}',
  'chart.no_complaints': 'No complaints in {year}',
  'chart.compliance': 'Deadlines met',
  'chart.compliance.value': '{percent}% ({met} of {due})',
  'chart.not_applicable': 'n/a',
  'chart.measures': 'Measures',
  'chart.measures.taken': 'Taken',
  'chart.measures.implemented': 'Implemented',
  'chart.measures.judged': 'Judged',
  'chart.measures.effective': 'Effective',
  'chart.measures.effective.value': '{count} ({percent}% of those judged)',
  'channel.monthly.intro':
    'Counts only, as they are; the content stays with the handlers. Complaints about an employee are not counted here: they appear only as a year total in the trend analysis.',
  'channel.digest.intro':
    'The yearly analysis for the management review: counts as they are, and the chart. Complaints about an employee are in no figure but their year total (below 3 as "<3"). The quality adviser and the management receive the register of complaints separately.',
  'channel.digest.concerning_employee': 'About an employee (year total)',
};
