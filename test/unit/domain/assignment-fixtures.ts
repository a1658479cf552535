import type { AssignmentExpert } from '../../../shared/domain/assignment.js';

/** An expert of capacity 5 without expertise or conflicts unless `extra` says otherwise. */
export const expert = (id: string, organization: string, extra: Partial<AssignmentExpert> = {}): AssignmentExpert => ({
  id,
  organization,
  expertise: [],
  conflicts: [],
  capacity: 5,
  ...extra,
});
