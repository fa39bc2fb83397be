/** Texts for the database's limits (issue 14): busy, and saved before its number was drawn. */
export const nl = {
  'error.database.busy':
    'Het klachtenregister is even bezet. Er is niets veranderd; probeer het over een paar seconden opnieuw.',
  'done.reported_pending':
    'Uw melding is geregistreerd. U krijgt zo een bevestiging met het kenmerk en de termijnen.',
} as const;

export const en: Record<keyof typeof nl, string> = {
  'error.database.busy':
    'The complaints register is busy. Nothing was changed; please try again in a few seconds.',
  'done.reported_pending':
    'Your report has been registered. You will shortly get a confirmation with its reference and deadlines.',
};
