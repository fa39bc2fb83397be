/** A complainant's personal link as stored: the signed token names this row (issue 11). */
export interface ComplainantLink {
  id: string;
  complaintId: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** The complainant's links: part of the Repository, so in its transactions. */
export interface ComplainantLinkRepository {
  insertComplainantLink(link: Omit<ComplainantLink, 'id' | 'revokedAt'>): Promise<ComplainantLink>;
  findComplainantLink(id: string): Promise<ComplainantLink | null>;
  /** Revokes every link of a complaint still valid; returns how many. */
  revokeComplainantLinks(complaintId: string, at: Date): Promise<number>;
}
