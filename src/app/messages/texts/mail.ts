/** Texts of the e-mail and PDF letter to the complainant (issue 11). */
export const nl = {
  'mail.placeholder': '',
} as const;

export const en: Record<keyof typeof nl, string> = {
  'mail.placeholder': '',
};
