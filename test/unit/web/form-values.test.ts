/** How the screening queue words an application's form, file sizes and typed reasons. */
import { describe, expect, it } from 'vitest';
import { fileSize, formatFieldValue, formLines, reasonLines } from '#functions/web/browser/console/form-values.js';
import { findProgram } from '#shared/programs/registry.js';
import type { FormField } from '#shared/programs/schema.js';
import { cityConsortiumForm } from '#test/support/pipeline-steps.js';

const fields: FormField[] = [
  { key: 'name', label: '单位名称', type: 'text', required: true, maxLength: 200 },
  { key: 'kind', label: '基地类型', type: 'select', required: true, options: [{ value: 'employment', label: '就业型' }, { value: 'training', label: '培训型' }] },
  { key: 'jobs', label: '就业岗位数', type: 'number', required: true, integer: true, unit: '个', when: { field: 'kind', equals: 'employment' } },
  { key: 'areas', label: '服务领域', type: 'multiselect', required: false, options: [{ value: 'ai', label: '人工智能' }, { value: 'auto', label: '汽车' }] },
  { key: 'public', label: '是否公办', type: 'boolean', required: true },
  { key: 'note', label: '备注', type: 'textarea', required: false, maxLength: 500 },
];

describe('formLines', () => {
  it('gives each applicable field its label and value in words, in the template order', () => {
    expect(formLines(fields, { name: '柳州职业技术学院', kind: 'employment', jobs: 120, areas: ['auto', 'ai'], public: true })).toEqual([
      { key: 'name', label: '单位名称', value: '柳州职业技术学院', missing: false },
      { key: 'kind', label: '基地类型', value: '就业型', missing: false },
      { key: 'jobs', label: '就业岗位数', value: '120 个', missing: false },
      { key: 'areas', label: '服务领域', value: '汽车、人工智能', missing: false },
      { key: 'public', label: '是否公办', value: '是', missing: false },
      { key: 'note', label: '备注', value: '未填写', missing: true },
    ]);
  });

  it('leaves out a field whose condition does not hold, and words false and unknown options', () => {
    const lines = formLines(fields, { name: '甲', kind: 'training', jobs: 5, public: false, areas: ['other'] });
    expect(lines.map((line) => line.key)).toEqual(['name', 'kind', 'areas', 'public', 'note']);
    expect(lines.find((line) => line.key === 'public')?.value).toBe('否');
    expect(lines.find((line) => line.key === 'areas')?.value).toBe('other');
    expect(formatFieldValue(fields[0]!, '')).toBeUndefined();
  });

  it('labels every field of a real program form that the sample application fills', () => {
    const program = findProgram('gx-city-consortium')!;
    const lines = formLines(program.form, cityConsortiumForm());
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines.filter((item) => !item.missing)) expect(program.form.map((field) => field.label)).toContain(line.label);
    expect(lines.find((line) => line.key === 'projectTitle')?.value).toBe('柳州汽车产业市域产教联合体');
  });
});

describe('fileSize and reasonLines', () => {
  it('words byte counts', () => {
    expect([fileSize(512), fileSize(1536), fileSize(5 * 1024 * 1024 + 300_000)]).toEqual(['512 B', '1.5 KB', '5.3 MB']);
  });

  it('takes one reason per line, trimmed, without blank lines', () => {
    expect(reasonLines('  缺少盖章页 \r\n\n申报书页码不全\n   ')).toEqual(['缺少盖章页', '申报书页码不全']);
    expect(reasonLines('\n \n')).toEqual([]);
  });
});
