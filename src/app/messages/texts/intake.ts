/** Texts of intake on someone's behalf and acknowledgement per channel (issue 11). */
export const nl = {
  'intake.placeholder': '',
} as const;

export const en: Record<keyof typeof nl, string> = {
  'intake.placeholder': '',
};
