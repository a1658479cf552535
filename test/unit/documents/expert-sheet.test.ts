import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { expertInput } from '#functions/api/admin/expert-routes.js';
import {
  decodeCsv,
  detectImportFormat,
  maxImportBytes,
  normalizeHeader,
  parseCsv,
  readExpertSheet,
  splitList,
  validateExpertRows,
} from '#functions/documents/expert-sheet.js';
import { DomainError } from '#shared/domain/errors.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

async function xlsxOf(rows: ExcelJS.CellValue[][], sheetName = '专家'): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('reading an expert import file', () => {
  it('reads a CSV with Chinese headers, a BOM, quoted cells and every list separator', async () => {
    const csv =
      '\uFEFF姓名,邮箱*,工作单位,地区,专业领域,回避单位,评审上限（份）\r\n' +
      '张三,Zhang.San@Example.edu.cn,广西大学,南宁,"智能制造、职业教育,产教融合；工业互联网;数字经济",广西职业技术学院；南宁职业技术大学,8\r\n' +
      '\r\n' +
      '李四,lisi@example.cn,"某某研究院（""产教融合""中心）",,职业教育,,\r\n';
    const rows = await readExpertSheet(utf8(csv));
    expect(rows).toEqual([
      {
        row: 2,
        cells: {
          name: '张三',
          email: 'Zhang.San@Example.edu.cn',
          organization: '广西大学',
          region: '南宁',
          expertise: '智能制造、职业教育,产教融合；工业互联网;数字经济',
          conflicts: '广西职业技术学院；南宁职业技术大学',
          capacity: '8',
        },
      },
      { row: 4, cells: { name: '李四', email: 'lisi@example.cn', organization: '某某研究院（"产教融合"中心）', region: '', expertise: '职业教育', conflicts: '', capacity: '' } },
    ]);
    const { valid, rejected } = validateExpertRows(rows, expertInput);
    expect(rejected).toEqual([]);
    expect(valid).toEqual([
      {
        row: 2,
        input: {
          name: '张三',
          email: 'Zhang.San@Example.edu.cn',
          organization: '广西大学',
          region: '南宁',
          expertise: ['智能制造', '职业教育', '产教融合', '工业互联网', '数字经济'],
          conflicts: ['广西职业技术学院', '南宁职业技术大学'],
          capacity: 8,
        },
      },
      { row: 4, input: { name: '李四', email: 'lisi@example.cn', organization: '某某研究院（"产教融合"中心）', expertise: ['职业教育'] } },
    ]);
  });

  it('reads an xlsx with English headers in another order, hyperlinked e-mails and numeric capacities', async () => {
    const bytes = await xlsxOf([
      ['Email', 'Name', 'Organization', 'Expertise', 'Conflicts', 'Capacity', 'Notes'],
      [{ text: 'wang@example.org', hyperlink: 'mailto:wang@example.org' }, '王五', '上海交通大学', '人工智能; 机器人', null, 12, '不导入的列'],
      [],
      ['zhao@example.org', { richText: [{ text: '赵' }, { text: '六', font: { bold: true } }] }, '同济大学', '土木工程', '同济大学附属学校', null],
    ]);
    expect(detectImportFormat(bytes)).toBe('xlsx');
    const rows = await readExpertSheet(bytes);
    expect(rows.map((row) => row.row)).toEqual([2, 4]);
    const { valid, rejected } = validateExpertRows(rows, expertInput);
    expect(rejected).toEqual([]);
    expect(valid.map((item) => item.input)).toEqual([
      { name: '王五', email: 'wang@example.org', organization: '上海交通大学', expertise: ['人工智能', '机器人'], capacity: 12 },
      { name: '赵六', email: 'zhao@example.org', organization: '同济大学', expertise: ['土木工程'], conflicts: ['同济大学附属学校'] },
    ]);
  });

  it('explains every bad row in Chinese with its sheet row number', async () => {
    const csv = [
      'name,email,organization,expertise,capacity',
      '张三,zhangsan@example.cn,广西大学,职业教育,10',
      ',nobody@example.cn,广西大学,职业教育,',
      '李四,not-an-email,广西大学,职业教育,',
      '王五,wangwu@example.cn,,职业教育,',
      '赵六,zhaoliu@example.cn,广西大学,职业教育,很多',
      '钱七,qianqi@example.cn,广西大学,职业教育,0',
      '张三（重复）,ZhangSan@Example.CN,广西大学,职业教育,',
    ].join('\n');
    const { valid, rejected } = validateExpertRows(await readExpertSheet(utf8(csv)), expertInput);
    expect(valid.map((item) => item.row)).toEqual([2]);
    expect(rejected).toEqual([
      { row: 3, reason: '姓名：必填' },
      { row: 4, reason: '邮箱：格式不正确' },
      { row: 5, reason: '单位：必填' },
      { row: 6, reason: '评审上限：应为整数' },
      { row: 7, reason: '评审上限：不能小于 1' },
      { row: 8, reason: '邮箱与第 2 行重复' },
    ]);
  });

  it('refuses a file without a required column, naming it', async () => {
    const error = await rejection(readExpertSheet(utf8('姓名,单位\n张三,广西大学\n')));
    expect(error).toMatchObject({ code: 'IMPORT_INVALID', status: 422, message: '导入文件缺少必需的列：邮箱' });
  });

  it('refuses legacy .xls, empty and oversized files, and more than 5 000 rows', async () => {
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(await rejection(readExpertSheet(xls))).toMatchObject({ code: 'UNSUPPORTED_FILE', status: 422 });
    expect(await rejection(readExpertSheet(new Uint8Array()))).toMatchObject({ status: 400 });
    expect(await rejection(readExpertSheet(new Uint8Array(maxImportBytes + 1).fill(0x41)))).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
    const many = ['name,email,organization', ...Array.from({ length: 5001 }, (_, index) => `专家${index},e${index}@example.cn,某单位`)].join('\n');
    expect(await rejection(readExpertSheet(utf8(many)))).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413, message: '一次最多导入 5000 行专家' });
    const exactly = ['name,email,organization', ...Array.from({ length: 5000 }, (_, index) => `专家${index},e${index}@example.cn,某单位`)].join('\n');
    expect(await readExpertSheet(utf8(exactly))).toHaveLength(5000);
  });

  it('tells xlsx from CSV by magic bytes, not by the header text', async () => {
    expect(detectImportFormat(utf8('PK,email,organization'))).toBe('csv');
    expect(detectImportFormat(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14]))).toBe('xlsx');
    expect(await rejection(readExpertSheet(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0])))).toMatchObject({ code: 'UNSUPPORTED_FILE' });
  });

  it('decodes a CSV that Excel saved as GB18030', () => {
    // 姓名,邮箱,单位 / 张三,a@b.cn,某大学 in GBK
    const bytes = new Uint8Array([
      0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xd3, 0xca, 0xcf, 0xe4, 0x2c, 0xb5, 0xa5, 0xce, 0xbb, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0x61, 0x40, 0x62, 0x2e, 0x63, 0x6e, 0x2c,
      0xc4, 0xb3, 0xb4, 0xf3, 0xd1, 0xa7,
    ]);
    expect(decodeCsv(bytes)).toBe('姓名,邮箱,单位\n张三,a@b.cn,某大学');
  });

  it('parses tab-separated text and quoted line breaks', () => {
    expect(parseCsv('a\tb\n"x\ny"\t"say ""hi"""\n')).toEqual([
      ['a', 'b'],
      ['x\ny', 'say "hi"'],
    ]);
  });

  it('normalises headers and splits lists', () => {
    expect(normalizeHeader(' 评审上限（份）* ')).toBe('评审上限');
    expect(normalizeHeader('E-mail (邮箱)')).toBe('e-mail');
    expect(splitList(' 智能制造、职业教育，产教融合;; 数字经济 ')).toEqual(['智能制造', '职业教育', '产教融合', '数字经济']);
    expect(splitList('')).toEqual([]);
  });
});
