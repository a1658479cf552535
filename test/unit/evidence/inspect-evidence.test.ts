import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceFormat } from '#shared/programs/schema.js';
import { detectHead, headSampleBytes } from '#functions/evidence/inspection/head-detection.js';
import { contentTypesByFormat, inspectEvidence, type EvidenceInspection } from '#functions/evidence/inspection/index.js';
import { cfbFile, docxFile, jpegFile, pdfFile, pngFile, splitAt, streamOf, withEncryptInTrailer, xlsxFile, zipFile } from './fixtures.js';

const everyFormat: readonly EvidenceFormat[] = ['pdf', 'jpg', 'png', 'docx', 'xlsx', 'pptx', 'doc', 'xls', 'zip'];

function expecting(format: EvidenceFormat, overrides: Partial<Parameters<typeof inspectEvidence>[1]> = {}) {
  return { formats: everyFormat, declaredContentType: contentTypesByFormat[format][0]!, maxBytes: 50 * 1024 * 1024, ...overrides };
}

function inspect(bytes: Buffer, format: EvidenceFormat, overrides: Partial<Parameters<typeof inspectEvidence>[1]> = {}) {
  return inspectEvidence(streamOf([bytes]), expecting(format, overrides));
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

let files: Record<'pdf' | 'pdfClassic' | 'encrypted' | 'png' | 'jpg' | 'docx' | 'docxBulky' | 'xlsx' | 'zip' | 'doc' | 'xls', Buffer>;

beforeAll(async () => {
  files = {
    pdf: await pdfFile(3, { objectStreams: true }),
    pdfClassic: await pdfFile(5, { objectStreams: false }),
    encrypted: withEncryptInTrailer(await pdfFile(2, { objectStreams: false })),
    png: pngFile(),
    jpg: jpegFile(),
    docx: docxFile(),
    docxBulky: docxFile({ bulkyFirst: true }),
    xlsx: await xlsxFile(),
    zip: zipFile([{ name: '证明材料/说明.txt', data: '校企合作协议扫描件见附件' }]),
    doc: cfbFile('WordDocument'),
    xls: cfbFile('Workbook'),
  };
});

describe('inspectEvidence accepts real files', () => {
  it('reports the hash, size, format and page count of a PDF with object streams', async () => {
    expect(await inspect(files.pdf, 'pdf', { declaredBytes: files.pdf.length })).toEqual({
      sha256: sha256(files.pdf),
      bytes: files.pdf.length,
      detectedFormat: 'pdf',
      pdfPages: 3,
    });
  });

  it('counts the pages of a classic PDF', async () => {
    expect(await inspect(files.pdfClassic, 'pdf')).toMatchObject({ detectedFormat: 'pdf', pdfPages: 5 });
  });

  it.each([
    ['png', 'png'],
    ['jpg', 'jpg'],
    ['docx', 'docx'],
    ['xlsx', 'xlsx'],
    ['zip', 'zip'],
    ['doc', 'doc'],
    ['xls', 'xls'],
  ] as const)('recognises a %s file', async (file, format) => {
    const result = await inspect(files[file], format);
    expect(result).toEqual({ sha256: sha256(files[file]), bytes: files[file].length, detectedFormat: format });
  });

  it('recognises a DOCX whose [Content_Types].xml lies beyond the first 4100 bytes from its central directory', async () => {
    expect((await detectHead(files.docxBulky.subarray(0, headSampleBytes))).format).toBe('zip');
    expect(await inspect(files.docxBulky, 'docx')).toMatchObject({ detectedFormat: 'docx' });
    expect(await inspect(files.docxBulky, 'zip')).toMatchObject({ problem: { code: 'TYPE_MISMATCH' } });
  });

  it('accepts a content type with parameters and an alias a browser sends', async () => {
    expect((await inspect(files.pdf, 'pdf', { declaredContentType: 'Application/PDF; charset=binary' })).problem).toBeUndefined();
    expect((await inspect(files.zip, 'zip', { declaredContentType: 'application/x-zip-compressed' })).problem).toBeUndefined();
  });

  it('reads a Node stream, such as an S3 body or a file stream', async () => {
    const result = await inspectEvidence(Readable.from(splitAt(files.pdfClassic, [100, 2000])), expecting('pdf'));
    expect(result).toMatchObject({ detectedFormat: 'pdf', pdfPages: 5, sha256: sha256(files.pdfClassic) });
  });
});

describe('inspectEvidence does not depend on how the stream is chunked', () => {
  it('gives the same result for any chunking of the same bytes', async () => {
    const names = Object.keys(files) as (keyof typeof files)[];
    const formatOf: Record<keyof typeof files, EvidenceFormat> = {
      pdf: 'pdf',
      pdfClassic: 'pdf',
      encrypted: 'pdf',
      png: 'png',
      jpg: 'jpg',
      docx: 'docx',
      docxBulky: 'docx',
      xlsx: 'xlsx',
      zip: 'zip',
      doc: 'doc',
      xls: 'xls',
    };
    const whole = new Map<string, EvidenceInspection>();
    for (const name of names) whole.set(name, await inspect(files[name], formatOf[name]));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        fc.array(fc.nat({ max: 20_000 }), { maxLength: 50 }),
        async (name, cuts) => {
          const result = await inspectEvidence(streamOf(splitAt(files[name], cuts)), expecting(formatOf[name]));
          expect(result).toEqual(whole.get(name));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same result when every chunk is tiny', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 97 }), async (size) => {
        const bytes = files.pdf;
        const cuts = Array.from({ length: Math.ceil(bytes.length / size) }, (_, index) => index * size);
        const result = await inspectEvidence(streamOf(splitAt(bytes, cuts)), expecting('pdf'));
        expect(result).toMatchObject({ sha256: sha256(bytes), pdfPages: 3 });
        expect(result.problem).toBeUndefined();
      }),
      { numRuns: 40 },
    );
  });
});

describe('inspectEvidence refuses', () => {
  it('an empty file', async () => {
    const result = await inspectEvidence(streamOf([]), expecting('pdf'));
    expect(result).toEqual({
      sha256: sha256(Buffer.alloc(0)),
      bytes: 0,
      detectedFormat: null,
      problem: { code: 'EMPTY_FILE', message: '文件为空（0 字节），请选择正确的文件重新上传' },
    });
  });

  it('a PNG declared as a PDF, saying what it really is', async () => {
    const result = await inspect(files.png, 'pdf');
    expect(result.detectedFormat).toBe('png');
    expect(result.problem).toEqual({
      code: 'TYPE_MISMATCH',
      message: '文件内容与声明的类型不符：声明为 PDF，实际检测为 PNG 图片',
    });
  });

  it('a format the material does not accept, even when declared truthfully', async () => {
    const result = await inspect(files.xlsx, 'xlsx', { formats: ['pdf', 'jpg'] });
    expect(result.problem).toEqual({
      code: 'TYPE_MISMATCH',
      message: '本项材料只接受 PDF、JPEG 格式，上传的文件是 Excel 表格（XLSX）',
    });
  });

  it('a declared content type that stands for none of the formats', async () => {
    const result = await inspect(files.pdf, 'pdf', { declaredContentType: 'application/octet-stream' });
    expect(result.problem?.code).toBe('TYPE_MISMATCH');
    expect(result.problem?.message).toContain('application/octet-stream');
  });

  it('an encrypted PDF, still reporting its pages', async () => {
    const result = await inspect(files.encrypted, 'pdf');
    expect(result).toMatchObject({ detectedFormat: 'pdf', pdfPages: 2, problem: { code: 'ENCRYPTED_PDF' } });
    expect(result.problem?.message).toMatch(/加密/);
  });

  it('a truncated PDF', async () => {
    const result = await inspect(files.pdfClassic.subarray(0, files.pdfClassic.length - 300), 'pdf');
    expect(result.problem?.code).toBe('CORRUPT_FILE');
    expect(result.problem?.message).toMatch(/不完整/);
  });

  it('a PDF without any page', async () => {
    const bytes = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
    expect((await inspect(bytes, 'pdf')).problem).toMatchObject({ code: 'CORRUPT_FILE', message: expect.stringMatching(/页面/) });
  });

  it.each([
    ['docx', 'docx'],
    ['xlsx', 'xlsx'],
    ['zip', 'zip'],
    ['png', 'png'],
  ] as const)('a truncated %s file', async (file, format) => {
    const bytes = files[file];
    const result = await inspect(bytes.subarray(0, bytes.length - 30), format);
    expect(result.problem?.code).toBe('CORRUPT_FILE');
  });

  it('garbage that is no known type', async () => {
    const garbage = Buffer.from(Array.from({ length: 5000 }, (_, index) => (index * 7919 + 13) % 251));
    const result = await inspect(garbage, 'pdf');
    expect(result).toMatchObject({ detectedFormat: null, problem: { code: 'UNKNOWN_TYPE' } });
    expect(result.sha256).toBe(sha256(garbage));
  });

  it('a known type that is none of ours, naming it', async () => {
    const gif = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(100)]);
    expect((await inspect(gif, 'png')).problem).toEqual({ code: 'UNKNOWN_TYPE', message: '不支持的文件类型：实际检测为 GIF 图片' });
  });

  it('an Office 97-2003 file that is neither a Word document nor an Excel workbook', async () => {
    const result = await inspect(cfbFile('PowerPoint Document'), 'doc');
    expect(result).toMatchObject({ detectedFormat: null, problem: { code: 'UNKNOWN_TYPE' } });
  });

  it('a file over the size limit, still hashing all of it', async () => {
    const result = await inspectEvidence(streamOf(splitAt(files.pdfClassic, [1000, 2000])), expecting('pdf', { maxBytes: 1500 }));
    expect(result).toMatchObject({ bytes: files.pdfClassic.length, sha256: sha256(files.pdfClassic), detectedFormat: 'pdf' });
    expect(result.problem?.code).toBe('TOO_LARGE');
    expect(result.problem?.message).toMatch(/超过本项材料允许的上限 1.5 KB/);
  });

  it('a file whose size differs from the declared size', async () => {
    const result = await inspect(files.png, 'png', { declaredBytes: files.png.length + 1 });
    expect(result.problem?.code).toBe('SIZE_MISMATCH');
  });

  it('reports the first problem only: a mismatched size before a mismatched type', async () => {
    const result = await inspect(files.png, 'pdf', { declaredBytes: 1 });
    expect(result.problem?.code).toBe('SIZE_MISMATCH');
  });

  it('a text stream, as a programming error', async () => {
    await expect(inspectEvidence(Readable.from(['%PDF-1.7']), expecting('pdf'))).rejects.toThrow(TypeError);
  });
});
