/** Texts of attachments on a complaint (issue 11). */
export const nl = {
  'attachment.placeholder': '',
} as const;

export const en: Record<keyof typeof nl, string> = {
  'attachment.placeholder': '',
};
