/**
 * The audit trail of every domain verb: each change carries its audit event(s), with the right
 * action, entity, actor and versions. The table of cases must name every verb the domain exports
 * (found by type: every exported function returning a `Change`), so a new verb without a row
 * fails here.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { actorLabel } from '#shared/domain/audit-event.js';
import { changeVerbs } from '#test/support/change-verbs.js';
import { verbCases, verbModules } from './verb-cases.js';

describe('the audit trail of every domain verb', () => {
  it('has a row for every exported verb of shared/domain, and no row for anything else', () => {
    const found = changeVerbs(fileURLToPath(new URL('../../../shared/domain', import.meta.url)));
    const listed = Object.keys(verbCases).sort();
    expect(
      { withoutRow: found.filter((verb) => !listed.includes(verb)), notAVerb: listed.filter((verb) => !found.includes(verb)) },
      'every verb returning a Change needs a row in verb-cases.ts (what it audits, for whom, with which versions)',
    ).toEqual({ withoutRow: [], notAVerb: [] });
    for (const verb of listed) {
      const [file, name] = verb.split('#') as [string, string];
      expect(typeof verbModules[file]?.[name], verb).toBe('function');
    }
  });

  const cases = Object.entries(verbCases).flatMap(([verb, list]) => list.map((auditCase) => [`${verb}: ${auditCase.name}`, auditCase] as const));

  it.each(cases)('%s carries its audit event(s)', (_name, auditCase) => {
    const { before, act, actor, now: when, entityType, actions, detail } = auditCase;
    const untouched = structuredClone(before);
    const change = act();
    expect(before, 'the verb leaves its input as it was').toEqual(untouched);
    expect(change.expectedVersion).toBe(before?.version ?? 0);
    expect(change.entity.id).toEqual(before ? before.id : expect.any(String));
    // One version step per event, from the version the change is conditional on to the one it writes.
    expect(change.entity.version).toBe(change.expectedVersion + actions.length);
    expect(change.entity.updatedAt).toBe(when.toISOString());
    expect(change.events.map((event) => event.action)).toEqual(actions);
    change.events.forEach((event, index) => {
      expect(event).toMatchObject({
        at: when.toISOString(),
        actor: actorLabel(actor),
        entityType,
        entityId: change.entity.id,
        fromVersion: change.expectedVersion + index,
        toVersion: change.expectedVersion + index + 1,
      });
    });
    expect(change.events.at(-1)?.detail).toEqual(detail);
  });
});
