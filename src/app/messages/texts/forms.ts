/** Texts of the command forms (src/app/forms): labels, hints, problems. */
export const nl = {} as const;

export const en: Record<keyof typeof nl, string> = {};
