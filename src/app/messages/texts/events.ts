/** Texts of the messages composed from events (what happened, not the current state). */
export const nl = {} as const;

export const en: Record<keyof typeof nl, string> = {};
