/** Texts of letters and e-mails to the complainant, drafted and sent from chat (issue 11). */
export const nl = {
  'correspondence.placeholder': '',
} as const;

export const en: Record<keyof typeof nl, string> = {
  'correspondence.placeholder': '',
};
