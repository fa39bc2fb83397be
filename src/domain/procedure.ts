/**
 * The organisation's choices in the procedure (DESIGN.md §5, second edition), from the
 * organisation file. Pure data: the lifecycle guards, permissions and routing read it.
 */
export const OBJECTION_DECIDERS = ['quality_adviser', 'committee'] as const;
/** Who decides an objection against a director's own decision. */
export type ObjectionDecider = (typeof OBJECTION_DECIDERS)[number];

export const COMMITTEE_TYPES = ['committee', 'arbitration', 'court'] as const;
export type CommitteeType = (typeof COMMITTEE_TYPES)[number];

/** The external route after an objection (klachtencommissie, geschillencommissie, court). */
export interface CommitteeRoute {
  name: string;
  address: string | null;
  url: string | null;
  type: CommitteeType;
  binding: boolean;
  /** Months after the final answer within which the complainant may go to it (issue 11). */
  termMonths?: number | null;
}

export interface ProcedureRules {
  /**
   * Seed 000: the complaint must be declared admissible before it is assessed. Without it
   * (the other seeds), the admissibility buttons are still offered and deciding on the merits
   * records the complaint as admissible.
   */
  admissibilityStep: boolean;
  /** Seed 002: formal complaints are handled by the director. */
  formalToDirector: boolean;
  /** How often the resolution deadline may be extended (seed 001: once). */
  maxExtensions: number;
  objectionDecidedByDirector: ObjectionDecider;
  committee: CommitteeRoute | null;
}

export const DEFAULT_PROCEDURE: ProcedureRules = {
  admissibilityStep: false,
  formalToDirector: true,
  maxExtensions: 1,
  objectionDecidedByDirector: 'quality_adviser',
  committee: null,
};
