/**
 * The recognition certificate (认定证书) of one unit as an A4 landscape PDF: a red double frame,
 * the title, the unit addressed with what it was recognised as, and at the foot the notice
 * number and certificate number (left) and the issuer with the date (right). Pure: data and
 * font bytes in, PDF bytes out; the font is embedded as a subset (see `cjk-pdf.ts`).
 */
import { rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { CertificateData } from './certificate-content.js';
import type { CjkFonts } from './cjk-font.js';
import { cjkDocument, subsetCjkFonts } from './cjk-pdf.js';
import { certificateText, fillText } from './messages.js';
import { noticeDate } from './recognition-notice.js';
import { wrapText } from './text-wrap.js';

const mm = 72 / 25.4;
const page = { width: 297 * mm, height: 210 * mm };
const margin = { side: 42 * mm, top: 50 * mm, foot: 30 * mm };
const textWidth = page.width - 2 * margin.side;
const red = rgb(0.75, 0.05, 0.05);
const black = rgb(0, 0, 0);
const sizes = { title: 44, body: 20, foot: 14, signature: 18 };
const lineHeights = { body: 36, foot: 24, signature: 30 };

/** The texts of the certificate's body: the addressee line, then the paragraphs. */
function bodyTexts(data: CertificateData): { addressee: string; paragraphs: string[] } {
  return {
    addressee: fillText(certificateText.addressee, { organization: data.organization }),
    paragraphs: [fillText(certificateText.body, { title: data.title, program: data.programName }), certificateText.closing],
  };
}

/** The lines of the body as drawn: the addressee flush left, each paragraph's first line indented two characters. */
function bodyLines(body: ReturnType<typeof bodyTexts>, font: PDFFont): { text: string; indent: number }[] {
  const indent = 2 * sizes.body;
  return [
    ...wrapText(body.addressee, font, sizes.body, textWidth).map((text) => ({ text, indent: 0 })),
    ...body.paragraphs.flatMap((paragraph) => wrapText(paragraph, font, sizes.body, textWidth, textWidth - indent).map((text, index) => ({ text, indent: index === 0 ? indent : 0 }))),
  ];
}

function frame(target: PDFPage): void {
  for (const [inset, thickness] of [[12 * mm, 3], [15 * mm, 1]] as const) {
    target.drawRectangle({ x: inset, y: inset, width: page.width - 2 * inset, height: page.height - 2 * inset, borderColor: red, borderWidth: thickness });
  }
}

/** Every text of a certificate as drawn. */
function certificateTexts(data: CertificateData) {
  return {
    body: bodyTexts(data),
    foot: [fillText(certificateText.noticeNumber, { noticeNumber: data.noticeNumber }), fillText(certificateText.certificateNumber, { certificateNumber: data.certificateNumber })],
    signature: [data.issuer, noticeDate(data.recognizedAt)],
  };
}

async function renderOne(data: CertificateData, subset: CjkFonts): Promise<Uint8Array> {
  const { body, foot, signature } = certificateTexts(data);
  const { document, regular, bold } = await cjkDocument(subset, {
    title: `${data.organization}${certificateText.title}`,
    author: data.issuer,
    subject: certificateText.subject,
    keywords: [data.noticeNumber, data.certificateNumber],
    date: new Date(data.recognizedAt),
  });
  const sheet = document.addPage([page.width, page.height]);
  frame(sheet);

  const titleWidth = bold.widthOfTextAtSize(certificateText.title, sizes.title);
  sheet.drawText(certificateText.title, { x: (page.width - titleWidth) / 2, y: page.height - margin.top, size: sizes.title, font: bold, color: red });

  let y = page.height - margin.top - 2 * lineHeights.body;
  for (const line of bodyLines(body, regular)) {
    sheet.drawText(line.text, { x: margin.side + line.indent, y, size: sizes.body, font: regular, color: black });
    y -= lineHeights.body;
  }

  foot.forEach((line, index) => {
    sheet.drawText(line, { x: margin.side, y: margin.foot + (foot.length - 1 - index) * lineHeights.foot, size: sizes.foot, font: regular, color: black });
  });
  // The signature block right-aligned: the issuer over the date, each centred on the widest.
  const signatureWidth = signature.reduce((widest, line) => Math.max(widest, regular.widthOfTextAtSize(line, sizes.signature)), 0);
  signature.forEach((line, index) => {
    const width = regular.widthOfTextAtSize(line, sizes.signature);
    const x = page.width - margin.side - signatureWidth + (signatureWidth - width) / 2;
    sheet.drawText(line, { x, y: margin.foot + (signature.length - 1 - index) * lineHeights.signature, size: sizes.signature, font: regular, color: black });
  });
  return document.save();
}

/**
 * Renders certificates, one PDF each, in order; the fonts are cut down once for all of them.
 *
 * @example
 * const [pdf] = await renderRecognitionCertificates([certificate], await loadCjkFonts());
 */
export async function renderRecognitionCertificates(certificates: readonly CertificateData[], fonts: CjkFonts): Promise<Uint8Array[]> {
  if (certificates.length === 0) return [];
  const characters = [
    certificateText.title,
    '0123456789 ',
    ...certificates.flatMap((data) => {
      const { body, foot, signature } = certificateTexts(data);
      return [body.addressee, ...body.paragraphs, ...foot, ...signature];
    }),
  ];
  const subset = await subsetCjkFonts(fonts, characters.join(''));
  const rendered: Uint8Array[] = [];
  for (const data of certificates) rendered.push(await renderOne(data, subset));
  return rendered;
}
