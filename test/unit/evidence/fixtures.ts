/**
 * Small real files for the evidence inspection tests, generated in memory: PDFs with
 * pdf-lib (one with JavaScript), an XLSX with exceljs, and PNG, JPEG, ZIP (a zip bomb of
 * deflated zeros, archives with programs or archives inside), DOCX and CFB files built byte by byte.
 */
import { crc32, createDeflateRaw, deflateRawSync, deflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';

/** A PDF with `pages` blank pages; pdf-lib packs objects into object streams unless told not to. */
export async function pdfFile(pages: number, options: { objectStreams: boolean }): Promise<Buffer> {
  const document = await PDFDocument.create();
  for (let page = 0; page < pages; page += 1) document.addPage([200, 200]).drawText(`page ${page + 1}`, { x: 20, y: 100 });
  return Buffer.from(await document.save({ useObjectStreams: options.objectStreams }));
}

/** `pdf` (saved without object streams) with `/Encrypt 99 0 R` added to its trailer. */
export function withEncryptInTrailer(pdf: Buffer): Buffer {
  const text = pdf.toString('latin1');
  const trailer = text.lastIndexOf('trailer');
  const open = text.indexOf('<<', trailer);
  if (trailer === -1 || open === -1) throw new Error('fixture PDF has no classic trailer');
  return Buffer.from(`${text.slice(0, open + 2)}\n/Encrypt 99 0 R${text.slice(open + 2)}`, 'latin1');
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid 2×2 grey PNG. */
export function pngFile(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const pixels = deflateSync(Buffer.from([0, 0x10, 0x20, 0, 0x30, 0x40]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', pixels),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The markers of a JPEG/JFIF file around filler scan data (enough for magic-byte detection). */
export function jpegFile(): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, Buffer.alloc(200, 0x55), Buffer.from([0xff, 0xd9])]);
}

/** One ZIP entry as written: its bytes as stored, the method and what they expand to. */
export interface RawZipEntry {
  readonly name: string;
  /** The bytes as stored in the archive (compressed for method 8). */
  readonly stored: Buffer;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly uncompressedSize: number;
  readonly crc: number;
  /** General purpose flags (bit 0: encrypted; bit 3: sizes in a data descriptor after the data). */
  readonly flags?: number;
  /** Sizes the headers declare instead of the real ones (e.g. 0 and 0 behind flag bit 3). */
  readonly declaredSizes?: { readonly compressed: number; readonly uncompressed: number };
  /** An extra field block written in the central directory entry only. */
  readonly centralExtra?: Buffer;
}

/** A stored entry, or a deflated one with `deflate`. */
export function zipEntry(name: string, data: Buffer | string, options: { deflate?: boolean } = {}): RawZipEntry {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8');
  return { name, stored: options.deflate ? deflateRawSync(bytes) : bytes, method: options.deflate ? 8 : 0, uncompressedSize: bytes.length, crc: crc32(bytes) };
}

/**
 * A local (30 bytes) or central directory (46 bytes) header: both hold, from `fieldsAt` on, the
 * flags, method, time, CRC, sizes and name length in the same order.
 */
function entryHeader(signature: number, bytes: number, fieldsAt: number, entry: RawZipEntry, nameLength: number): Buffer {
  const header = Buffer.alloc(bytes);
  header.writeUInt32LE(signature, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(entry.flags ?? 0, fieldsAt);
  header.writeUInt16LE(entry.method, fieldsAt + 2);
  header.writeUInt32LE(entry.crc, fieldsAt + 8);
  header.writeUInt32LE(entry.declaredSizes?.compressed ?? entry.stored.length, fieldsAt + 12);
  header.writeUInt32LE(entry.declaredSizes?.uncompressed ?? entry.uncompressedSize, fieldsAt + 16);
  header.writeUInt16LE(nameLength, fieldsAt + 20);
  return header;
}

/**
 * A ZIP archive of the raw entries, in the given order. `directory` may rewrite each central
 * directory entry (to build archives whose directory contradicts their local headers).
 */
export function zipArchive(entries: readonly RawZipEntry[], directory: (entry: { name: string; offset: number }, index: number) => { name: string; offset: number } = (entry) => entry): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  entries.forEach((entry, index) => {
    const name = Buffer.from(entry.name, 'utf8');
    const local = entryHeader(0x04034b50, 30, 6, entry, name.length);
    const listed = directory({ name: entry.name, offset }, index);
    const listedName = Buffer.from(listed.name, 'utf8');
    const central = entryHeader(0x02014b50, 46, 8, entry, listedName.length);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.centralExtra?.length ?? 0, 30);
    central.writeUInt32LE(listed.offset, 42);
    locals.push(local, name, entry.stored);
    centrals.push(central, listedName, entry.centralExtra ?? Buffer.alloc(0));
    offset += local.length + name.length + entry.stored.length;
  });
  const centralDirectory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDirectory, end]);
}

/** A ZIP archive of stored (uncompressed) entries, in the given order. */
export function zipFile(entries: readonly { name: string; data: Buffer | string }[]): Buffer {
  return zipArchive(entries.map((entry) => zipEntry(entry.name, entry.data)));
}

/**
 * A real zip bomb: one entry of `megabytes` MiB of zeros, deflated by node:zlib a MiB at a time
 * (the archive is a few hundred KB; nothing that large is held in memory).
 */
export async function zipBombFile(megabytes = 200, name = 'data.bin'): Promise<Buffer> {
  const zeros = Buffer.alloc(1024 * 1024);
  const deflater = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflater.on('data', (part: Buffer) => parts.push(part));
  const done = new Promise((resolve, reject) => deflater.on('end', resolve).on('error', reject));
  let crc = 0;
  for (let written = 0; written < megabytes; written += 1) {
    crc = crc32(zeros, crc);
    if (!deflater.write(zeros)) await new Promise((resolve) => deflater.once('drain', resolve));
  }
  deflater.end();
  await done;
  return zipArchive([{ name, stored: Buffer.concat(parts), method: 8, uncompressedSize: megabytes * 1024 * 1024, crc }]);
}

/** The start of a Windows program (DOS header with the `MZ` magic and a PE offset). */
export function windowsProgram(): Buffer {
  const program = Buffer.alloc(512);
  program.write('MZ', 0, 'latin1');
  program.writeUInt32LE(0x80, 0x3c);
  program.write('PE\0\0', 0x80, 'latin1');
  program.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  return program;
}

/** A PDF whose document opens with a JavaScript action (pdf-lib `addJavaScript`). */
export async function pdfWithJavaScript(options: { objectStreams: boolean }): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.addPage([200, 200]).drawText('page 1', { x: 20, y: 100 });
  document.addJavaScript('welcome', 'app.alert("hello");');
  return Buffer.from(await document.save({ useObjectStreams: options.objectStreams }));
}

const wordContentTypes =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '</Types>';

/**
 * A minimal Word document. With `bulkyFirst`, a 16 KiB image part comes before
 * `[Content_Types].xml`, so the first 4100 bytes look like a plain ZIP.
 */
export function docxFile(options: { bulkyFirst?: boolean } = {}): Buffer {
  const parts = [
    { name: '[Content_Types].xml', data: wordContentTypes },
    {
      name: '_rels/.rels',
      data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    },
    {
      name: 'word/document.xml',
      data: '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>佐证材料</w:t></w:r></w:p></w:body></w:document>',
    },
  ];
  const bulky = { name: 'word/media/image1.bin', data: Buffer.alloc(16 * 1024, 0x41) };
  return zipFile(options.bulkyFirst ? [bulky, ...parts] : [...parts, bulky]);
}

/** A one-sheet workbook written by exceljs. */
export async function xlsxFile(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('企业导师');
  sheet.addRow(['姓名', '单位']);
  sheet.addRow(['张三', '某某科技有限公司']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * A Compound File Binary container (512-byte sectors) whose directory holds a root entry and
 * one stream named `streamName` (`WordDocument` for .doc, `Workbook` for .xls), padded to `bytes`.
 */
export function cfbFile(streamName: string, bytes = 8 * 512): Buffer {
  const file = Buffer.alloc(bytes);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file, 0);
  file.writeUInt16LE(0x003e, 24); // minor version
  file.writeUInt16LE(0x0003, 26); // major version 3
  file.writeUInt16LE(0xfffe, 28); // little-endian
  file.writeUInt16LE(9, 30); // 512-byte sectors
  file.writeUInt16LE(6, 32); // 64-byte mini sectors
  const directory = 3 * 512; // directory in sector 2
  const entry = (at: number, name: string, type: number): void => {
    file.write(`${name}\0`, at, 'utf16le');
    file.writeUInt16LE((name.length + 1) * 2, at + 64);
    file[at + 66] = type;
  };
  entry(directory, 'Root Entry', 5);
  entry(directory + 128, streamName, 2);
  return file;
}

/** Splits `bytes` at the given cut points (any order, duplicates allowed) into chunks. */
export function splitAt(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => Math.max(0, Math.min(bytes.length, cut))))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let previous = 0;
  for (const point of [...points, bytes.length]) {
    if (point > previous) chunks.push(bytes.subarray(previous, point));
    previous = point;
  }
  return chunks;
}

/** An async iterable over the chunks, as an S3 body or a file stream yields them. */
export async function* streamOf(chunks: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}
