/** Texts of the second edition of the procedure: procedure-register. */
export const nl = {} as const;

export const en: Record<keyof typeof nl, string> = {};
