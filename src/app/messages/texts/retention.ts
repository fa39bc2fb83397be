/** Texts of retention (issue 13): what replaces a message the bot retracted. */
export const nl = {
  'retention.retracted':
    'Dit bericht over een klacht is verwijderd volgens het bewaarbeleid: de bewaartermijn is verstreken.',
} as const;

export const en: Record<keyof typeof nl, string> = {
  'retention.retracted':
    'This message about a complaint was removed under the retention policy: its retention period has passed.',
};
