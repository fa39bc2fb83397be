/** Texts of the complaint view, the timeline and the lists. */
export const nl = {} as const;

export const en: Record<keyof typeof nl, string> = {};
