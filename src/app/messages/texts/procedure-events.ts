/** Texts of the second edition of the procedure: procedure-events. */
export const nl = {} as const;

export const en: Record<keyof typeof nl, string> = {};
