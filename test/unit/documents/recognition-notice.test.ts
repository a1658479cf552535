import { describe, expect, it } from 'vitest';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream, type PDFFont } from 'pdf-lib';
import { pageLines } from '#test/support/pdf-text.js';
import { loadCjkFonts } from '#functions/documents/cjk-font.js';
import { noticeDate, renderRecognitionNotice, type RecognitionNoticeData } from '#functions/documents/recognition-notice.js';
import { wrapText } from '#functions/documents/text-wrap.js';

const data: RecognitionNoticeData = {
  programName: '广西壮族自治区市域产教联合体',
  issuer: '广西职业教育创新发展领导小组办公室',
  policyRef: '桂政办发〔2023〕70号',
  procedure: ['项目申报', '组织认定', '公示'],
  decision: '领导小组审定',
  duties: [],
  year: 2026,
  noticeNumber: '桂教职成〔2026〕12号',
  decidedAt: '2026-11-30T17:30:00.000Z',
  recognized: [
    { applicant: '柳州职业技术大学', title: '柳州市汽车产业产教联合体' },
    { applicant: '南宁职业技术大学', title: '南宁市新能源汽车（NEV 2026）产教联合体' },
  ],
};

function embeddedFontFiles(document: PDFDocument): number[] {
  const sizes: number[] = [];
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict && object.get(PDFName.of('FontFile2'))) {
      const file = document.context.lookup(object.get(PDFName.of('FontFile2')));
      if (file instanceof PDFRawStream) sizes.push(decodePDFRawStream(file).decode().length);
    }
  }
  return sizes;
}

describe('the recognition notice', async () => {
  const fonts = await loadCjkFonts();

  it('is one A4 page with the title, number, body, list, issuer and Beijing date', async () => {
    const bytes = await renderRecognitionNotice(data, fonts);
    const document = await PDFDocument.load(bytes);
    expect(document.getPageCount()).toBe(1);
    const [page] = document.getPages();
    expect(page!.getSize().width).toBeCloseTo(595.28, 1);
    expect(page!.getSize().height).toBeCloseTo(841.89, 1);
    expect(document.getTitle()).toBe('关于公布2026年广西壮族自治区市域产教联合体认定结果的通知');

    const lines = pageLines(document)[0]!;
    const text = lines.join('');
    expect(lines[0]).toBe('广西职业教育创新发展领导小组办公室');
    expect(lines[1]).toBe('桂教职成〔2026〕12号');
    expect(text).toContain('关于公布2026年广西壮族自治区市域产教联合体认定结果的通知');
    expect(text).toContain('各有关单位：');
    expect(text).toContain('按照桂政办发〔2023〕70号文件要求');
    expect(text).toContain('认定以下2个项目为广西壮族自治区市域产教联合体');
    expect(text).toContain('1. 柳州职业技术大学 — 柳州市汽车产业产教联合体');
    expect(text).toContain('2. 南宁职业技术大学 — 南宁市新能源汽车（NEV 2026）产教联合体');
    // decided 2026-11-30T17:30Z, which is already 1 December in Beijing
    expect(lines.at(-2)).toBe('2026年12月1日');
    expect(lines.at(-1)).toBe('— 1 —');
    expect(lines.join('\n')).not.toContain('\uFFFD');
  });

  it('embeds the Chinese font as a small subset, not the whole 10 MB file', async () => {
    const bytes = await renderRecognitionNotice(data, fonts);
    expect(fonts.regular.length).toBeGreaterThan(5_000_000);
    expect(bytes.length).toBeLessThan(200_000);
    const files = embeddedFontFiles(await PDFDocument.load(bytes));
    expect(files).toHaveLength(2);
    for (const size of files) expect(size).toBeLessThan(100_000);
  });

  it('runs over several numbered pages for a long list, keeping every entry', async () => {
    const recognized = Array.from({ length: 60 }, (_, index) => ({ applicant: `第${index + 1}职业技术学院`, title: `某市第${index + 1}产教联合体建设项目` }));
    const document = await PDFDocument.load(await renderRecognitionNotice({ ...data, recognized }, fonts));
    expect(document.getPageCount()).toBeGreaterThan(1);
    const pages = pageLines(document);
    pages.forEach((lines, index) => expect(lines.at(-1)).toBe(`— ${index + 1} —`));
    const text = pages.flat().join('');
    for (let index = 1; index <= 60; index += 1) expect(text).toContain(`${index}. 第${index}职业技术学院 — 某市第${index}产教联合体建设项目`);
  });

  it('says so when nothing was recognised', async () => {
    const document = await PDFDocument.load(await renderRecognitionNotice({ ...data, recognized: [] }, fonts));
    expect(pageLines(document)[0]!.join('')).toContain('（本批次无认定项目）');
  });
});

describe('notice text layout', () => {
  const font = { widthOfTextAtSize: (text: string, size: number) => [...text].length * size } as unknown as PDFFont;

  it('breaks Chinese text at the width without starting a line with a closing mark', () => {
    expect(wrapText('一二三四五，六七八', font, 10, 50)).toEqual(['一二三四五，', '六七八']);
    expect(wrapText('一二三四（五六七', font, 10, 50)).toEqual(['一二三四', '（五六七']);
  });

  it('keeps Latin words and numbers whole and honours a narrower first line', () => {
    expect(wrapText('一二Smart', font, 10, 40)).toEqual(['一二', 'Smart']);
    expect(wrapText('一二三四五六', font, 10, 40, 20)).toEqual(['一二', '三四五六']);
  });

  it('dates the notice by the day in Beijing', () => {
    expect(noticeDate('2026-11-30T15:59:59Z')).toBe('2026年11月30日');
    expect(noticeDate('2026-11-30T16:00:00Z')).toBe('2026年12月1日');
  });
});
