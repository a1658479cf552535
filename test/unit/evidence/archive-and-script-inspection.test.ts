/**
 * What an uploaded archive may hold (zip bombs, nested archives, programs, contradictory
 * headers are refused) and PDFs with JavaScript (accepted, flagged for staff), on real files
 * built in memory, whole and in arbitrary chunks.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { archiveLimits, judgeArchive } from '#functions/evidence/inspection/archive-rules.js';
import { contentTypesByFormat, inspectEvidence } from '#functions/evidence/inspection/index.js';
import type { LocalHeader } from '#functions/evidence/inspection/zip-local-headers.js';
import type { EvidenceFormat } from '#shared/programs/schema.js';
import { docxFile, pdfFile, pdfWithJavaScript, splitAt, streamOf, windowsProgram, xlsxFile, zipArchive, zipBombFile, zipEntry, zipFile } from './fixtures.js';

function inspect(bytes: Buffer, format: EvidenceFormat, chunks: Buffer[] = [bytes]) {
  return inspectEvidence(streamOf(chunks), { formats: [format], declaredContentType: contentTypesByFormat[format][0]!, maxBytes: 50 * 1024 * 1024 });
}

const elfProgram = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200)]);
let bomb: Buffer;

beforeAll(async () => {
  bomb = await zipBombFile(200);
});

describe('archives are refused', () => {
  it('a zip bomb: 200 MB of zeros deflated into a few hundred KB', async () => {
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const result = await inspect(bomb, 'zip');
    expect(result).toMatchObject({ detectedFormat: 'zip', bytes: bomb.length });
    expect(result.problem).toEqual({
      code: 'ARCHIVE_EXPANSION',
      message: '压缩内容解压后过大（超过 1 GB，或超过文件本身大小的 100 倍），疑似“压缩炸弹”，请直接上传所需文件',
    });
  });

  it('nested archives: a bomb inside an archive, an archive by name, and one renamed', async () => {
    const cases: [Buffer, string][] = [
      [zipArchive([zipEntry('附件/inner.zip', bomb, { deflate: true })]), '附件/inner.zip'],
      [zipFile([{ name: 'backup.rar', data: 'Rar!\x1a\x07\x00 not really' }]), 'backup.rar'],
      [zipFile([{ name: '说明.txt', data: 'ok' }, { name: 'scan.dat', data: zipFile([{ name: 'a.txt', data: 'a' }]) }]), 'scan.dat'],
      [zipArchive([zipEntry('logs.dat', Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.alloc(64)]), { deflate: true })]), 'logs.dat'],
    ];
    for (const [archive, entry] of cases) {
      expect((await inspect(archive, 'zip')).problem).toEqual({ code: 'ARCHIVE_NESTED', message: `压缩包内不能再包含压缩包（“${entry}”），请解压后只打包所需文件` });
    }
  });

  it('programs and scripts, by name (whatever the case or trailing dots) and by their magic bytes, stored or deflated', async () => {
    const cases: [Buffer, string][] = [
      [zipFile([{ name: '说明.txt', data: '安装说明' }, { name: 'setup.exe', data: windowsProgram() }]), 'setup.exe'],
      [zipFile([{ name: 'tools/Run.BAT', data: '@echo off' }]), 'tools/Run.BAT'],
      [zipFile([{ name: '发票.pdf.exe. ', data: 'x' }]), '发票.pdf.exe. '],
      [zipFile([{ name: 'start.sh', data: 'echo hi' }]), 'start.sh'],
      [zipFile([{ name: 'app.jar', data: 'x' }]), 'app.jar'],
      [zipFile([{ name: '照片.jpg', data: windowsProgram() }]), '照片.jpg'],
      [zipArchive([zipEntry('notes.txt', elfProgram, { deflate: true })]), 'notes.txt'],
      [zipArchive([zipEntry('readme', '#!/bin/sh\nrm -rf /\n', { deflate: true })]), 'readme'],
    ];
    for (const [archive, entry] of cases) {
      expect((await inspect(archive, 'zip')).problem).toEqual({
        code: 'ARCHIVE_EXECUTABLE',
        message: `压缩包内含可执行程序或脚本（“${entry}”），出于安全原因不予接收，请删除后重新上传`,
      });
    }
  });

  it('an Office document carrying a program, even in its embeddings folder', async () => {
    const docx = zipFile([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: '<w:document/>' },
      { name: 'word/embeddings/oleObject1.exe', data: windowsProgram() },
    ]);
    const result = await inspect(docx, 'docx');
    expect(result).toMatchObject({ detectedFormat: 'docx', problem: { code: 'ARCHIVE_EXECUTABLE' } });
  });

  it('headers that contradict each other: a directory name unlike its local header, overlapping entries, an impossible expansion', async () => {
    const entries = [zipEntry('a.txt', 'first'), zipEntry('b.txt', 'second')];
    const renamed = zipArchive(entries, (entry, index) => (index === 1 ? { ...entry, name: 'c.txt' } : entry));
    const overlapping = zipArchive(entries, (entry) => ({ ...entry, offset: 0, name: 'a.txt' }));
    const impossible = zipArchive([{ ...zipEntry('big.txt', 'x'.repeat(100), { deflate: true }), uncompressedSize: 50_000_000 }]);
    for (const archive of [renamed, overlapping, impossible]) {
      const result = await inspect(archive, 'zip');
      expect(result.problem?.code).toBe('ARCHIVE_INCONSISTENT');
      expect(result.problem?.message).toMatch(/^压缩包结构异常/);
    }
  });

  it('a bomb hidden behind an entry that declares 0 bytes and a data descriptor (streaming extractors inflate it all)', async () => {
    const zeros = zipEntry('zeros.bin', Buffer.alloc(50 * 1024 * 1024), { deflate: true });
    const honest = zipArchive([zeros]);
    expect((await inspect(honest, 'zip')).problem?.code).toBe('ARCHIVE_EXPANSION');
    const hidden = zipArchive([{ ...zeros, flags: 8, declaredSizes: { compressed: 0, uncompressed: 0 } }]);
    const result = await inspect(hidden, 'zip');
    expect(result.problem?.code).toBe('ARCHIVE_INCONSISTENT');
  });

  it('an entry whose first bytes cannot be read: a program behind a deflate stream padded with empty blocks', async () => {
    // 110 empty stored deflate blocks (valid deflate, no output) push the program past the sniffed window.
    const padding = Buffer.concat(Array.from({ length: 110 }, () => Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff])));
    const program = windowsProgram();
    const padded = { ...zipEntry('tool.dat', program, { deflate: true }), stored: Buffer.concat([padding, deflateRawSync(program)]) };
    expect(inflateRawSync(padded.stored).equals(program)).toBe(true);
    expect((await inspect(zipArchive([padded]), 'zip')).problem?.code).toBe('ARCHIVE_INCONSISTENT');
  });

  it('a program named only in a Unicode Path extra field (the name extractors show)', async () => {
    const unicodeName = Buffer.from('说明.exe', 'utf8');
    const field = Buffer.alloc(4 + 5);
    field.writeUInt16LE(0x7075, 0);
    field.writeUInt16LE(5 + unicodeName.length, 2);
    field.writeUInt8(1, 4);
    const archive = zipArchive([{ ...zipEntry('readme.txt', 'harmless text'), centralExtra: Buffer.concat([field, unicodeName]) }]);
    expect((await inspect(archive, 'zip')).problem?.code).toBe('ARCHIVE_EXECUTABLE');
    expect((await inspect(zipArchive([zipEntry('readme.txt', 'harmless text')]), 'zip')).problem).toBeUndefined();
  });

  it('an archive inside an Office document, even in its embeddings folder', async () => {
    const inner = zipFile([{ name: 'evil.txt', data: 'x' }]);
    const docx = zipFile([
      { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
      { name: 'word/document.xml', data: '<w:document/>' },
      { name: 'word/embeddings/x.zip', data: inner },
    ]);
    expect((await inspect(docx, 'docx')).problem?.code).toBe('ARCHIVE_NESTED');
  });

  it('an encrypted entry, whose content cannot be checked', async () => {
    const archive = zipArchive([{ ...zipEntry('secret.txt', 'xxxx'), flags: 1 }]);
    expect((await inspect(archive, 'zip')).problem).toEqual({ code: 'ARCHIVE_ENCRYPTED', message: '压缩包已加密（“secret.txt”），无法检查其内容，请取消密码后重新上传' });
  });

  it('gives the same verdict for any chunking of the same archive', async () => {
    const archives = [bomb, zipFile([{ name: 'a.txt', data: 'a' }, { name: 'setup.exe', data: windowsProgram() }]), zipArchive([zipEntry('notes.txt', elfProgram, { deflate: true })])];
    const whole = await Promise.all(archives.map((archive) => inspect(archive, 'zip')));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: archives.length - 1 }), fc.array(fc.nat({ max: 300_000 }), { maxLength: 30 }), async (index, cuts) => {
        expect(await inspect(archives[index]!, 'zip', splitAt(archives[index]!, cuts))).toEqual(whole[index]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('archives are accepted', () => {
  it('office documents and plain archives of documents, an Office package embedded where Office puts it, and a small archive of zeros', async () => {
    const embedded = zipFile([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: '<w:document/>' },
      { name: 'word/embeddings/Microsoft_Excel_Worksheet.xlsx', data: await xlsxFile() },
    ]);
    const cases: [Buffer, EvidenceFormat][] = [
      [docxFile(), 'docx'],
      [await xlsxFile(), 'xlsx'],
      [embedded, 'docx'],
      [zipFile([{ name: '证明材料/协议.pdf', data: await pdfFile(1, { objectStreams: false }) }, { name: '证明材料/说明.txt', data: '说明' }]), 'zip'],
      [zipArchive([zipEntry('zeros.bin', Buffer.alloc(8 * 1024 * 1024), { deflate: true })]), 'zip'],
    ];
    for (const [file, format] of cases) {
      const result = await inspect(file, format);
      expect(result.problem, format).toBeUndefined();
      expect(result.detectedFormat).toBe(format);
    }
  });
});

describe('the expansion bounds', () => {
  const headerAt = (name: string, compressedSize: number, uncompressedSize: number): LocalHeader => ({
    name,
    flags: 0,
    method: 8,
    compressedSize,
    uncompressedSize,
    headerBytes: 30 + name.length,
    contentHead: Buffer.from('<?xml version="1'), // the 16 bytes the collector keeps
    oversized: false,
  });
  /** An archive of `count` deflated entries of `each` bytes compressed and `expanded` bytes uncompressed. */
  const judge = (count: number, each: number, expanded: number) => {
    const headers = new Map<number, LocalHeader>();
    let offset = 0; // entries follow each other, and the directory follows the last entry's data
    const entries = Array.from({ length: count }, (_, index) => {
      const name = `xl/worksheets/sheet${index}.xml`;
      const localHeaderOffset = offset;
      headers.set(localHeaderOffset, headerAt(name, each, expanded));
      offset += 30 + name.length + each;
      return { name, flags: 0, method: 8, compressedSize: each, uncompressedSize: expanded, localHeaderOffset, alternateNames: [] };
    });
    const directoryOffset = offset;
    return judgeArchive({ complete: true, entries, entryNames: entries.map((entry) => entry.name), directoryOffset }, { headers, overflowed: false }, directoryOffset + 2000, true);
  };

  it('refuse more than 1 GiB in all, and more than 100 times the archive once past 16 MiB', () => {
    const mb = 1024 * 1024;
    expect(judge(20, 1 * mb, 50 * mb)).toBeUndefined(); // 20 MiB expanding 50 times to 1000 MiB
    expect(judge(20, 1 * mb, 60 * mb)).toEqual({ kind: 'expansion' }); // 1200 MiB > 1 GiB at 60 times
    expect(judge(2, 64 * 1024, 9 * mb)).toEqual({ kind: 'expansion' }); // 18 MiB at about 140 times
    expect(judge(2, 64 * 1024, 7 * mb)).toBeUndefined(); // 14 MiB at about 110 times: too small to be a bomb
    expect(archiveLimits).toMatchObject({ maxExpandedBytes: 1024 * mb, maxExpansionRatio: 100, ratioAppliesAboveBytes: 16 * mb });
  });
});

describe('PDFs with JavaScript', () => {
  it('are accepted but flagged for staff, whether the script sits in plain objects or in object streams', async () => {
    for (const objectStreams of [false, true]) {
      const result = await inspect(await pdfWithJavaScript({ objectStreams }), 'pdf');
      expect(result.problem, `objectStreams: ${objectStreams}`).toBeUndefined();
      expect(result).toMatchObject({ detectedFormat: 'pdf', pdfPages: 1, flags: ['pdf_javascript'] });
    }
    expect((await inspect(await pdfFile(2, { objectStreams: false }), 'pdf')).flags).toBeUndefined();
  });

  it('are flagged for additional actions and escaped names, not for look-alike names', async () => {
    const pdf = (extra: string) =>
      Buffer.from(
        `%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R ${extra} >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
        'latin1',
      );
    const flagsOf = async (extra: string) => (await inspect(pdf(extra), 'pdf')).flags;
    expect(await flagsOf('/AA << /O 4 0 R >>')).toEqual(['pdf_javascript']);
    expect(await flagsOf('/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>')).toEqual(['pdf_javascript']);
    expect(await flagsOf('/#4AS (x)')).toEqual(['pdf_javascript']);
    expect(await flagsOf('/AAPL:Keywords [(a)] /JSONData 1 /OpenAction [3 0 R /Fit]')).toBeUndefined();
  });

  it('are flagged as partly inspected when an object stream cannot be decoded (a script may hide there)', async () => {
    const hidden = Buffer.from(deflateRawSync(Buffer.from('<< /S /JavaScript /JS (app.alert(1)) >>'))).toString('hex');
    const pdf = Buffer.from(
      `%PDF-1.5\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n` +
        `4 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter [/ASCIIHexDecode /FlateDecode] /Length ${hidden.length + 1} >>\nstream\n${hidden}>\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
      'latin1',
    );
    const result = await inspect(pdf, 'pdf');
    expect(result.problem).toBeUndefined();
    expect(result.flags).toEqual(['pdf_partly_inspected']);
  });
});
