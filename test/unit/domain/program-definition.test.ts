import { describe, expect, it } from 'vitest';
import { createProgram, programVersionId, recordProgramVersion, reviseProgram } from '#shared/domain/program-definition.js';
import { makeProgram } from './program-fixture.js';
import { at, staff } from './records-fixture.js';

const template = { ...makeProgram(), id: 'staff-program' };
const context = { actor: staff, now: at(1) };

describe('programs defined by staff', () => {
  it('refuses a new program under an id a built-in or stored program has', () => {
    const stored = createProgram(template, {}, context).entity;
    expect(() => createProgram(template, { builtIn: template }, context)).toThrow(expect.objectContaining({ code: 'ALREADY_EXISTS', status: 409 }));
    expect(() => createProgram(template, { stored }, context)).toThrow(expect.objectContaining({ code: 'ALREADY_EXISTS' }));
  });

  it('numbers versions on: a built-in template is version 1, staff\'s first revision of it version 2, then 3', () => {
    const second = reviseProgram(template.id, template, { builtIn: template }, context).entity;
    expect(second).toMatchObject({ latestVersion: 2, builtIn: true });
    const third = reviseProgram(template.id, { ...template, name: '第三版' }, { stored: second, builtIn: template }, { ...context, now: at(2) }).entity;
    expect(third).toMatchObject({ latestVersion: 3, builtIn: true, template: { name: '第三版' } });
    expect(recordProgramVersion(third, context).entity).toMatchObject({ id: programVersionId(template.id, 3), programId: template.id, number: 3, template: { name: '第三版' } });
  });

  it('refuses a revision whose template names another id, or of a program that does not exist', () => {
    expect(() => reviseProgram('other-id', template, { builtIn: template }, context)).toThrow(expect.objectContaining({ code: 'TEMPLATE_INVALID', details: [expect.objectContaining({ path: 'template.id' })] }));
    expect(() => reviseProgram(template.id, template, {}, context)).toThrow(expect.objectContaining({ code: 'PROGRAM_NOT_FOUND', status: 404 }));
  });
});
