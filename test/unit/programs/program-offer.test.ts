import { describe, expect, it } from 'vitest';
import { isOffered } from '#shared/programs/program-offer.js';
import { listPrograms } from '#shared/programs/registry.js';

const national = { id: 'miit-demo-base' };
const shanghai = { id: 'sh-collab-base', province: 'sh' };
const guangxi = { id: 'gx-city-consortium', province: 'gx' };

describe('the programs a deployment offers', () => {
  it('offers its own province\'s programs, not another province\'s', () => {
    expect(isOffered(shanghai, { province: 'sh' })).toBe(true);
    expect(isOffered(guangxi, { province: 'sh' })).toBe(false);
  });

  it('offers every national program unless it names the ones it offers', () => {
    expect(isOffered(national, { province: 'sh' })).toBe(true);
    expect(isOffered(national, { province: 'sh', nationalPrograms: ['miit-demo-base'] })).toBe(true);
    expect(isOffered(national, { province: 'sh', nationalPrograms: ['other-national'] })).toBe(false);
    // naming national programs never brings in another province's
    expect(isOffered(guangxi, { province: 'sh', nationalPrograms: ['gx-city-consortium'] })).toBe(false);
  });

  it('offers everything in the local runtime', () => {
    expect(listPrograms().every((program) => isOffered(program, { province: 'local', nationalPrograms: ['none'] }))).toBe(true);
  });

  it('a ministry deployment (moe) offers the national programs only', () => {
    expect(listPrograms().filter((program) => isOffered(program, { province: 'moe' })).map((program) => program.id)).toEqual(['miit-demo-base']);
  });
});
