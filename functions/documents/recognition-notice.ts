/**
 * The recognition notice (认定通知), or an evaluation round's notice of its conclusions (周期评估结论), as an A4 PDF, laid out after the Chinese official-document
 * format (GB/T 9704, a little denser: red issuer header, document number, title, body of about
 * 28 characters a line, signature and date, centred page numbers). Pure: data and font bytes in, PDF bytes
 * out. The font is embedded as a subset of the notice's characters (see `cjk-pdf.ts`).
 */
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { cjkDocument, subsetCjkFonts } from './cjk-pdf.js';
import { evaluationNoticeText, fillText, noticeText, type NoticeWording } from './messages.js';
import { wrapText } from './text-wrap.js';
import { balancedLines, namePieces } from './title-lines.js';

/** One recognised application (or evaluated unit) as the notice lists it. */
export interface NoticeEntry {
  readonly applicant: string;
  readonly title: string;
  /** An evaluated unit's conclusion (e.g. 限期整改), which an evaluation notice shows after it. */
  readonly conclusion?: string;
}

/** What the notice says. */
export interface RecognitionNoticeData {
  readonly programName: string;
  /** The body that signs the notice (发文机关): the round's issuer. */
  readonly issuer: string;
  /** The program's policy document number, quoted in the body. */
  readonly policyRef: string;
  /** The steps the recognition went through, in the program's words (e.g. 项目申报, 组织认定). */
  readonly procedure: readonly string[];
  /** The final decision as the program names it (e.g. 领导小组审定, 部审核), which the body says the units are recognised by. */
  readonly decision: string;
  /** The duties of recognised units (e.g. 年度计划及总结); none: the body does not mention any. */
  readonly duties: readonly string[];
  readonly year: number;
  /** The notice's own document number (文号). */
  readonly noticeNumber: string;
  /** When the final decision was taken (ISO 8601); the notice is dated on its day in Beijing. */
  readonly decidedAt: string;
  /** The units recognised (of an evaluation round: those it keeps recognised). */
  readonly recognized: readonly NoticeEntry[];
  /** Present for an evaluation round: the notice gives its conclusions (周期评估结论) and lists the units it revokes. */
  readonly evaluation?: { readonly revoked: readonly NoticeEntry[] };
}

/** The font files the notice is set in (TrueType; embedded as subsets). */
export interface NoticeFonts {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
}

const mm = 72 / 25.4;
const page = { width: 210 * mm, height: 297 * mm };
const margin = { top: 30 * mm, bottom: 25 * mm, left: 28 * mm, right: 26 * mm };
const textWidth = page.width - margin.left - margin.right;
const red = rgb(0.8, 0, 0);
const black = rgb(0, 0, 0);
const sizes = { header: 24, title: 20, body: 15, pageNumber: 12 };
const lineHeights = { title: 30, body: 26 };

/** The notice's date in Beijing: 2026年12月1日. */
export function noticeDate(iso: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  return fillText(noticeText.date, { year: parts['year'] ?? '', month: parts['month'] ?? '', day: parts['day'] ?? '' });
}

/** Writes lines top-down over as many pages as needed. */
class Writer {
  private current: PDFPage;
  private y: number;

  constructor(
    private readonly document: PDFDocument,
    private readonly fonts: { regular: PDFFont; bold: PDFFont },
  ) {
    this.current = document.addPage([page.width, page.height]);
    this.y = page.height - margin.top;
  }

  get page(): PDFPage {
    return this.current;
  }

  /** Moves down by `height`, starting a new page when the line would cross the bottom margin. */
  advance(height: number): number {
    if (this.y - height < margin.bottom) {
      this.current = this.document.addPage([page.width, page.height]);
      this.y = page.height - margin.top;
    }
    this.y -= height;
    return this.y;
  }

  /** Starts a new page unless `height` still fits above the bottom margin (keeps a block together). */
  keep(height: number): void {
    if (this.y - height < margin.bottom) {
      this.current = this.document.addPage([page.width, page.height]);
      this.y = page.height - margin.top;
    }
  }

  skip(height: number): void {
    this.y -= height;
  }

  text(line: string, options: { x?: number; align?: 'left' | 'center' | 'right'; size: number; bold?: boolean; color?: ReturnType<typeof rgb>; lineHeight: number }): void {
    const font = options.bold ? this.fonts.bold : this.fonts.regular;
    const y = this.advance(options.lineHeight);
    const width = font.widthOfTextAtSize(line, options.size);
    const x =
      options.align === 'center'
        ? (page.width - width) / 2
        : options.align === 'right'
          ? page.width - margin.right - width
          : (options.x ?? margin.left);
    this.current.drawText(line, { x, y, size: options.size, font, color: options.color ?? black });
  }

  paragraph(text: string, options: { indent: number; hanging?: number; size: number; bold?: boolean; lineHeight: number; align?: 'left' | 'center' }): void {
    const font = options.bold ? this.fonts.bold : this.fonts.regular;
    const hanging = options.hanging ?? 0;
    const lines = wrapText(text, font, options.size, textWidth - hanging, textWidth - options.indent);
    lines.forEach((line, index) => {
      const x = margin.left + (index === 0 ? options.indent : hanging);
      this.text(line, { x, size: options.size, bold: options.bold ?? false, lineHeight: options.lineHeight, ...(options.align ? { align: options.align } : {}) });
    });
  }

  rule(color: ReturnType<typeof rgb>, thickness: number): void {
    const y = this.advance(thickness + 6);
    this.current.drawLine({ start: { x: margin.left, y }, end: { x: page.width - margin.right, y }, thickness, color });
  }
}

/**
 * Renders the notice.
 *
 * @example
 * const pdf = await renderRecognitionNotice(data, await loadCjkFonts());
 */
export async function renderRecognitionNotice(data: RecognitionNoticeData, fonts: NoticeFonts): Promise<Uint8Array> {
  const wording: NoticeWording = data.evaluation ? evaluationNoticeText : noticeText;
  const revoked = data.evaluation?.revoked ?? [];
  const titlePieces = wording.titleParts.flatMap((part) => (part === '{program}' ? namePieces(data.programName) : [fillText(part, { year: data.year })]));
  const title = titlePieces.join('');
  const values = {
    year: data.year,
    program: data.programName,
    policyRef: data.policyRef,
    count: data.recognized.length,
    revokedCount: revoked.length,
    procedure: data.procedure.join(noticeText.listSeparator),
    decision: data.decision,
    duties: data.duties.join(noticeText.listSeparator),
  };
  const paragraphs = [
    fillText(wording.procedure, values) + (revoked.length > 0 ? fillText(evaluationNoticeText.revoked, values) : ''),
    wording.closing + (data.duties.length > 0 ? fillText(noticeText.duties, values) : ''),
  ];
  const entryItem = (template: string) => (entry: NoticeEntry, index: number) => fillText(template, { index: index + 1, applicant: entry.applicant, title: entry.title, conclusion: entry.conclusion ?? '' });
  const lists = [
    { heading: fillText(wording.listHeading, values), items: data.recognized.map(entryItem(wording.listItem)), empty: wording.emptyList },
    ...(revoked.length > 0 ? [{ heading: fillText(evaluationNoticeText.revokedHeading, values), items: revoked.map(entryItem(evaluationNoticeText.revokedItem)), empty: '' }] : []),
  ];
  const date = noticeDate(data.decidedAt);
  const listText = lists.flatMap((list) => [list.heading, list.empty, ...list.items]);
  const characters = [data.issuer, data.noticeNumber, title, noticeText.addressee, ...paragraphs, ...listText, date, noticeText.pageNumber, '0123456789 '].join('');

  const { document, regular, bold } = await cjkDocument(await subsetCjkFonts(fonts, characters), {
    title,
    author: data.issuer,
    subject: wording.subject,
    keywords: [data.noticeNumber],
    date: new Date(data.decidedAt),
  });

  const writer = new Writer(document, { regular, bold });
  const body = { size: sizes.body, lineHeight: lineHeights.body };
  const indent = 2 * sizes.body;

  // red header: issuer, document number, red rule
  for (const line of wrapText(data.issuer, bold, sizes.header, textWidth)) writer.text(line, { align: 'center', size: sizes.header, bold: true, color: red, lineHeight: 34 });
  writer.skip(10);
  writer.text(data.noticeNumber, { align: 'center', ...body });
  writer.skip(4);
  writer.rule(red, 2);
  writer.skip(12);

  for (const line of balancedLines(titlePieces, bold, sizes.title, textWidth - 2 * sizes.title)) writer.text(line, { align: 'center', size: sizes.title, bold: true, lineHeight: lineHeights.title });
  writer.skip(12);
  writer.text(noticeText.addressee, body);
  for (const paragraph of paragraphs) writer.paragraph(paragraph, { indent, ...body });

  for (const list of lists) {
    writer.skip(6);
    writer.paragraph(list.heading, { indent: 0, bold: true, align: 'center', ...body });
    if (list.items.length === 0) writer.paragraph(list.empty, { indent, ...body });
    list.items.forEach((item, index) => {
      const label = `${index + 1}. `;
      writer.paragraph(item, { indent: sizes.body, hanging: sizes.body + regular.widthOfTextAtSize(label, sizes.body), ...body });
    });
  }

  // signature and date, right-aligned with four characters of space as in official documents
  writer.keep(3 * lineHeights.body);
  writer.skip(lineHeights.body);
  const signatureRight = 4 * sizes.body;
  for (const line of [data.issuer, date]) {
    const width = regular.widthOfTextAtSize(line, sizes.body);
    writer.text(line, { x: Math.max(margin.left, page.width - margin.right - signatureRight - width + 2 * sizes.body), ...body });
  }

  const pages = document.getPages();
  pages.forEach((item, index) => {
    const label = fillText(noticeText.pageNumber, { page: index + 1 });
    const width = regular.widthOfTextAtSize(label, sizes.pageNumber);
    item.drawText(label, { x: (page.width - width) / 2, y: margin.bottom / 2, size: sizes.pageNumber, font: regular, color: black });
  });
  return document.save();
}
