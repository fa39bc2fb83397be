/** Texts of the complainant's page and the public web form (issue 11). */
export const nl = {
  'page.placeholder': '',
} as const;

export const en: Record<keyof typeof nl, string> = {
  'page.placeholder': '',
};
