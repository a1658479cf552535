/** The audit trail of a record over HTTP (`GET /api/admin/audit?entityId=`). */
import { expect } from 'vitest';
import { callApi } from './http-client.js';

interface TrailEvent {
  readonly action: string;
  readonly fromVersion: number;
  readonly toVersion: number;
}

/**
 * Expects one audit event for every version step a record went through (0 → 1 → … → `version`),
 * so no change was written without its event; returns the actions in order. `unaudited` is the
 * number of steps that have no event of the record by design: a guard (`guarded` in the record
 * store port) moves an application's version on when a file is added or taken back, and the
 * file's own event records that.
 */
export async function expectCompleteAuditTrail(base: string, adminToken: string, entityId: string, version: number, unaudited = 0): Promise<string[]> {
  const answer = await callApi(base, 'GET', `/api/admin/audit?entityId=${encodeURIComponent(entityId)}`, { token: adminToken });
  expect(answer.status).toBe(200);
  const events = [...(answer.body.events as TrailEvent[])].sort((a, b) => a.toVersion - b.toVersion);
  const trail = `audit trail of ${entityId} at version ${version}: ${events.map((event) => `${event.fromVersion}→${event.toVersion} ${event.action}`).join(', ')}`;
  expect(events.filter((event) => event.toVersion !== event.fromVersion + 1), trail).toEqual([]);
  const audited = new Set(events.map((event) => event.toVersion));
  expect(audited.size, trail).toBe(events.length);
  const missing = Array.from({ length: version }, (_, index) => index + 1).filter((step) => !audited.has(step));
  expect({ missing: missing.length, beyond: events.filter((event) => event.toVersion > version).length }, trail).toEqual({ missing: unaudited, beyond: 0 });
  return events.map((event) => event.action);
}
