import { DomainError } from './errors.js';
import { hasRole, type Person, type Role } from './people.js';
import { isInvolved } from './permissions.js';

export interface RoutingInput {
  categoryHandlerId: string | null;
  concernsEmployee: boolean;
  subjectPersonId: string | null;
  reporterId: string;
}

/**
 * Who handles a new complaint. A complaint about an employee goes to a director who is not
 * involved, else the quality adviser. Otherwise the category's handler, unless that person
 * is involved or inactive; then the quality adviser, then a director.
 */
export function routeComplaint(input: RoutingInput, people: readonly Person[]): string {
  const available = (person: Person | undefined): person is Person =>
    person?.active === true && !isInvolved(person.id, input);
  const withRole = (role: Role) =>
    people.find((person) => available(person) && hasRole(person, role));
  const candidates = input.concernsEmployee
    ? [withRole('director'), withRole('quality_adviser')]
    : [
        people.find((person) => person.id === input.categoryHandlerId),
        withRole('quality_adviser'),
        withRole('director'),
      ];
  const handler = candidates.find(available);
  if (!handler) {
    throw new DomainError('routing.no_handler', 'No uninvolved person can handle this complaint');
  }
  return handler.id;
}
