/**
 * Reading an expert-pool import file (专家导入): an .xlsx workbook (first sheet) or a CSV
 * (UTF-8, with or without BOM, or GB18030 as Excel saves it on Chinese Windows), told apart
 * by magic bytes. Columns are found by Chinese or English header; list cells are split on
 * 、,，；; and line breaks. Each data row becomes candidate expert input with its 1-based
 * sheet row number, to be validated by the API's schema ({@link validateExpertRows}).
 */
import ExcelJS from 'exceljs';
import type * as z from 'zod';
import { DomainError } from '#shared/domain/errors.js';
import { normalizeEmail, splitList } from '#shared/domain/expert.js';
import { issueDetails } from '../api/http/validation.js';
import { fillText, importText } from './messages.js';

/** The largest import file accepted. */
export const maxImportBytes = 5 * 1024 * 1024;
/** The most data rows one import may have. */
export const maxImportRows = 5000;

/** The import's columns. */
export type ExpertColumn = 'name' | 'email' | 'organization' | 'region' | 'expertise' | 'conflicts' | 'capacity';

const requiredColumns: readonly ExpertColumn[] = ['name', 'email', 'organization'];

/** Header spellings per column, compared after {@link normalizeHeader}. */
const headerAliases: Readonly<Record<ExpertColumn, readonly string[]>> = {
  name: ['姓名', '专家姓名', 'name', 'fullname'],
  email: ['邮箱', '电子邮箱', '电子邮件', '邮件', 'email', 'e-mail', 'mail'],
  organization: ['单位', '工作单位', '所在单位', 'organization', 'organisation', 'org', 'company'],
  region: ['地区', '所在地区', '地域', 'region', 'area'],
  expertise: ['专业领域', '领域', '专业', '研究方向', 'expertise', 'fields'],
  conflicts: ['回避单位', '利益冲突单位', '需回避单位', 'conflicts', 'conflict', 'conflictorganizations'],
  capacity: ['评审上限', '评审数量上限', '上限', 'capacity', 'maxreviews'],
};

/**
 * A header cell reduced for matching: trimmed, lower case, without spaces, required-field
 * asterisks and parenthesised hints (e.g. `邮箱*`, `评审上限（份）`, `Name (姓名)`).
 */
export function normalizeHeader(header: string): string {
  return header
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s*＊:：_]/g, '')
    .toLowerCase();
}

const columnOfHeader = new Map<string, ExpertColumn>(
  (Object.entries(headerAliases) as [ExpertColumn, readonly string[]][]).flatMap(([column, aliases]) => aliases.map((alias) => [normalizeHeader(alias), column] as const)),
);

/** Splits a list cell (专业领域, 回避单位) on Chinese and Latin separators (as the staff form does). */
export { splitList };

/** One data row of the file: its 1-based sheet row and its cells by column. */
export interface SheetRow {
  readonly row: number;
  readonly cells: Partial<Record<ExpertColumn, string>>;
}

/** What kind of file the bytes are, by their first bytes. */
export function detectImportFormat(bytes: Uint8Array): 'xlsx' | 'csv' {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new DomainError('UNSUPPORTED_FILE', 'legacyExcel');
  }
  if (bytes.includes(0)) throw new DomainError('UNSUPPORTED_FILE', 'unreadable');
  return 'csv';
}

/** Decodes CSV bytes: UTF-8 (BOM optional), else GB18030. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/**
 * Parses CSV text (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes).
 * The delimiter is a comma, or a tab or semicolon when the first line has more of those.
 */
export function parseCsv(source: string): string[][] {
  const firstLine = source.slice(0, source.search(/\r?\n|$/));
  const count = (char: string) => firstLine.split(char).length - 1;
  const delimiter = [',', '\t', ';'].reduce((best, char) => (count(char) > count(best) ? char : best), ',');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index]!;
    if (quoted) {
      if (char === '"' && source[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === delimiter) {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[index + 1] === '\n') index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The text of an exceljs cell value (rich text, hyperlinks, formulas, dates, numbers). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value) {
    const inner: unknown = value.text;
    if (typeof inner === 'string') return inner;
    if (inner && typeof inner === 'object' && 'richText' in inner) return cellText(inner as ExcelJS.CellRichTextValue);
    return '';
  }
  if ('result' in value) return value.result === undefined || value.result === null ? '' : cellText(value.result);
  if ('error' in value) return '';
  return '';
}

async function xlsxRows(bytes: Uint8Array): Promise<{ row: number; values: string[] }[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new DomainError('UNSUPPORTED_FILE', 'unreadable');
  }
  const sheet = workbook.worksheets.find((candidate) => candidate.actualRowCount > 0) ?? workbook.worksheets[0];
  if (!sheet) throw new DomainError('IMPORT_INVALID', 'noSheet');
  if (sheet.actualRowCount > maxImportRows + 1) throw new DomainError('PAYLOAD_TOO_LARGE', 'importRows');
  const rows: { row: number; values: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      values[column - 1] = cellText(cell.value);
    });
    rows.push({ row: rowNumber, values: Array.from(values, (value) => value ?? '') });
  });
  return rows;
}

/**
 * Reads the data rows of an import file. Blank rows are skipped; row numbers are those the
 * sheet shows (the header is usually row 1).
 *
 * @throws DomainError PAYLOAD_TOO_LARGE (413) over {@link maxImportBytes} or {@link maxImportRows};
 *   VALIDATION_FAILED (400) for an empty file; UNSUPPORTED_FILE (422) for an unreadable or legacy
 *   .xls file; IMPORT_INVALID (422) without a header row or a required column.
 */
export async function readExpertSheet(bytes: Uint8Array): Promise<SheetRow[]> {
  if (bytes.length > maxImportBytes) throw new DomainError('PAYLOAD_TOO_LARGE', 'importFile');
  if (bytes.length === 0) throw new DomainError('VALIDATION_FAILED', 'emptyImport');
  const raw =
    detectImportFormat(bytes) === 'xlsx'
      ? await xlsxRows(bytes)
      : parseCsv(decodeCsv(bytes).replace(/^\uFEFF/, '')).map((values, index) => ({ row: index + 1, values }));
  const rows = raw.filter((item) => item.values.some((value) => value.trim() !== ''));
  const header = rows.shift();
  if (!header) throw new DomainError('IMPORT_INVALID', 'noHeader');
  if (rows.length > maxImportRows) throw new DomainError('PAYLOAD_TOO_LARGE', 'importRows');
  const columns = header.values.map((value) => columnOfHeader.get(normalizeHeader(value)));
  const missing = requiredColumns.filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    throw new DomainError(
      'IMPORT_INVALID',
      'missingColumns',
      { columns: missing.map((column) => importText.fields[column]).join('、') },
      missing.map((column) => ({ path: column, message: importText.fields[column] ?? column })),
    );
  }
  return rows.map(({ row, values }) => {
    const cells: Partial<Record<ExpertColumn, string>> = {};
    columns.forEach((column, index) => {
      if (column && cells[column] === undefined) cells[column] = (values[index] ?? '').trim();
    });
    return { row, cells };
  });
}

/** Candidate expert input from a row's cells; empty optional cells are left out. */
export function expertCandidate(cells: SheetRow['cells']): Record<string, unknown> {
  const candidate: Record<string, unknown> = {
    name: cells.name ?? '',
    email: cells.email?.replace(/^mailto:/i, '') ?? '',
    organization: cells.organization ?? '',
    expertise: splitList(cells.expertise ?? ''),
  };
  if (cells.region) candidate['region'] = cells.region;
  const conflicts = splitList(cells.conflicts ?? '');
  if (conflicts.length > 0) candidate['conflicts'] = conflicts;
  if (cells.capacity) candidate['capacity'] = /^\s*[+-]?\d+(\.\d+)?\s*$/.test(cells.capacity) ? Number(cells.capacity) : cells.capacity;
  return candidate;
}

/** A row that cannot be imported, and why (in Chinese). */
export interface RejectedRow {
  readonly row: number;
  readonly reason: string;
}

/** The rows of an import checked against the expert schema. */
export interface CheckedRows<T> {
  readonly valid: { row: number; input: T }[];
  readonly rejected: RejectedRow[];
}

/**
 * Validates each row with `schema` (the API's `expertInput`) and refuses e-mail addresses
 * repeated within the file. Reasons name the column in Chinese, e.g. `邮箱：格式不正确`.
 */
export function validateExpertRows<S extends z.ZodType>(rows: readonly SheetRow[], schema: S): CheckedRows<z.output<S>> {
  const valid: { row: number; input: z.output<S> }[] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const candidate = expertCandidate(cells);
    const parsed = schema.safeParse(candidate);
    if (!parsed.success) {
      const reasons = issueDetails(parsed.error).map(({ path, message }) => {
        const key = path.split('.')[0] ?? '';
        const field = importText.fields[key];
        const value = candidate[key];
        const text =
          value === '' ? importText.required : key === 'capacity' && typeof value === 'string' ? importText.capacityNotInteger : message;
        return field ? `${field}：${text}` : text;
      });
      rejected.push({ row, reason: [...new Set(reasons)].join('；') });
      continue;
    }
    const email = normalizeEmail(String(candidate['email']));
    const first = seen.get(email);
    if (first !== undefined) {
      rejected.push({ row, reason: fillText(importText.duplicateInFile, { row: first }) });
      continue;
    }
    seen.set(email, row);
    valid.push({ row, input: parsed.data });
  }
  return { valid, rejected };
}
