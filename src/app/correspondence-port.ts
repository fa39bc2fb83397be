import type { Correspondence, CorrespondenceStatus } from '../domain/correspondence.js';

export type NewCorrespondence = Omit<
  Correspondence,
  'id' | 'sentBy' | 'sentAt' | 'postedOn' | 'postedBy' | 'anonymisedAt'
>;

/** Letters and e-mails to complainants (issue 11): part of the Repository, so in its transactions. */
export interface CorrespondenceRepository {
  insertCorrespondence(draft: NewCorrespondence): Promise<Correspondence>;
  findCorrespondence(id: string): Promise<Correspondence | null>;
  /** A complaint's correspondence, oldest first. */
  listCorrespondence(complaintId: string): Promise<Correspondence[]>;
  /** Compare-and-set on `status`: false when someone else changed it first. */
  updateCorrespondence(
    next: Correspondence,
    expectedStatus: CorrespondenceStatus,
  ): Promise<boolean>;
}
