import type { ComplainantLink } from './complainant-link-port.js';
import type { AppDeps } from './deps.js';
import type { Repository } from './ports.js';

/**
 * A new personal link for the complainant of `complaintId`, valid for
 * `deps.complainant.linkValidDays`; the mail adapter signs its id into the URL.
 */
export async function issueComplainantLink(
  _repo: Repository,
  _deps: AppDeps,
  _complaintId: string,
): Promise<ComplainantLink> {
  throw new Error('not implemented yet');
}
