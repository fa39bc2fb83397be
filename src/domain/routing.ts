import { DomainError } from './errors.js';
import { hasRole, type Person, type Role } from './people.js';
import { isInvolved } from './permissions.js';

export interface RoutingInput {
  categoryHandlerId: string | null;
  concernsEmployee: boolean;
  subjectPersonId: string | null;
  reporterId: string;
  /** A formal complaint (the complainant followed the complaints procedure, seed 002). */
  formal: boolean;
  /** Organisation file `procedure.formalToDirector`: formal complaints go to the director. */
  formalToDirector: boolean;
}

/**
 * Who handles a new complaint. A complaint about an employee goes to a director who is not
 * involved, else the quality adviser. So does a formal complaint when the organisation wants
 * the director to handle those (seed 002), with the category's handler as the last resort.
 * Otherwise the category's handler, unless that person is involved or inactive; then the
 * quality adviser, then a director.
 */
export function routeComplaint(input: RoutingInput, people: readonly Person[]): string {
  const available = (person: Person | undefined): person is Person =>
    person?.active === true && !isInvolved(person.id, input);
  const withRole = (role: Role) =>
    people.find((person) => available(person) && hasRole(person, role));
  const categoryHandler = people.find((person) => person.id === input.categoryHandlerId);
  const candidates = input.concernsEmployee
    ? [withRole('director'), withRole('quality_adviser')]
    : input.formal && input.formalToDirector
      ? [withRole('director'), withRole('quality_adviser'), categoryHandler]
      : [categoryHandler, withRole('quality_adviser'), withRole('director')];
  const handler = candidates.find(available);
  if (!handler) {
    throw new DomainError('routing.no_handler', 'No uninvolved person can handle this complaint');
  }
  return handler.id;
}
