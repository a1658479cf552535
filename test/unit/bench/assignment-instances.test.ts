import { describe, expect, it } from 'vitest';
import { reviewConflict } from '#shared/domain/assignment.js';
import { guangxiKeyIndustries } from '#shared/programs/templates/guangxi-procedure.js';
import { generateAssignmentInstance } from '#test/support/assignment-instances.js';

const options = { applications: 200, experts: 600, expertsPerApplication: 5, capacity: 10, seed: 7 };

describe('the seeded assignment instance generator', () => {
  it('gives the same instance for the same seed and another for another seed', () => {
    expect(generateAssignmentInstance(options)).toEqual(generateAssignmentInstance(options));
    expect(generateAssignmentInstance({ ...options, seed: 8 }).experts).not.toEqual(generateAssignmentInstance(options).experts);
  });

  it('generates the requested sizes with unique ids and the given capacity', () => {
    const instance = generateAssignmentInstance(options);
    expect(instance.applications).toHaveLength(200);
    expect(new Set(instance.applications.map((application) => application.id)).size).toBe(200);
    expect(new Set(instance.experts.map((expert) => expert.id)).size).toBe(600);
    expect(instance.experts.every((expert) => expert.capacity === 10)).toBe(true);
    expect(instance.expertsPerApplication).toBe(5);
  });

  it('draws experts from sub-units and parents of the same organisations (广西大学机械工程学院 under 广西大学)', () => {
    const instance = generateAssignmentInstance(options);
    const organizations = new Set(instance.experts.map((expert) => expert.organization));
    const subUnits = [...organizations].filter((name) => [...organizations].some((parent) => parent !== name && parent.length >= 4 && name.startsWith(parent)));
    expect(subUnits.length).toBeGreaterThan(20);
    expect(instance.experts.some((expert) => expert.region === '南宁')).toBe(true);
    expect(instance.experts.some((expert) => expert.region === '北京')).toBe(true);
  });

  it('tags applications from the program vocabulary and gives experts matching expertise', () => {
    const instance = generateAssignmentInstance(options);
    const industries = new Set(guangxiKeyIndustries.map((option) => option.label));
    expect(instance.applications.filter((application) => application.tags.some((tag) => industries.has(tag))).length).toBeGreaterThan(100);
    // as the assignment reads a form: each tag once
    expect(instance.applications.every((application) => new Set(application.tags).size === application.tags.length)).toBe(true);
    const expertise = new Set(instance.experts.flatMap((expert) => expert.expertise));
    expect(instance.applications.every((application) => application.tags.every((tag) => expertise.has(tag)))).toBe(true);
  });

  it('names partners, some avoid lists and declared conflicts, and blocks a few per cent of the pairs', () => {
    const instance = generateAssignmentInstance(options);
    expect(instance.applications.filter((application) => application.relatedOrganizations.length > 0).length).toBeGreaterThan(100);
    expect(instance.applications.filter((application) => application.avoid.length > 0).length).toBeGreaterThan(5);
    expect(instance.experts.filter((expert) => expert.conflicts.length > 0).length).toBeGreaterThan(50);
    let blocked = 0;
    for (const application of instance.applications) for (const expert of instance.experts) if (reviewConflict(expert, application) !== null) blocked += 1;
    const share = blocked / (200 * 600);
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.03);
  });
});
