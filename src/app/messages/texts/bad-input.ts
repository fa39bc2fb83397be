/** Texts for inputs refused at the Slack edge (issue 14, items 9 and 12). */
export const nl = {
  'error.foreign_workspace':
    'Klachtenbot werkt alleen voor {organisation}. Dit verzoek komt uit een andere Slack-werkruimte of organisatie; er is niets gedaan.',
  'error.view_not_opened':
    'Het formulier kon niet worden geopend, probeer het opnieuw. Er is niets veranderd; klik nog eens op de knop of typ opnieuw /klacht.',
} as const;

export const en: Record<keyof typeof nl, string> = {
  'error.foreign_workspace':
    'Klachtenbot only works for {organisation}. This request comes from another Slack workspace or organisation; nothing was done.',
  'error.view_not_opened':
    'The form could not be opened, please try again. Nothing was changed; click the button again or type /klacht again.',
};
