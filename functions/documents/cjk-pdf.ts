/**
 * A new PDF document set in the CJK font, as the generated documents (notice, certificates)
 * start: both weights embedded as subsets made by harfbuzz (`subset-font`) from the characters
 * the documents use (pdf-lib's own subsetting, through fontkit, loses glyphs of the large CJK
 * font), and the document's metadata dated on its decision.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont } from 'pdf-lib';
import subsetFont from 'subset-font';
import type { CjkFonts } from './cjk-font.js';

/**
 * Layout features turned off: `locl` swaps digits after Latin letters for variants that
 * pdf-lib spaces too widely.
 */
const layoutFeatures = { locl: false };

/** What a document says about itself (shown by readers as its properties). */
export interface DocumentMetadata {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords: readonly string[];
  /** Creation and modification date: the decision the document records, so a document renders the same each time. */
  readonly date: Date;
}

/**
 * Both weights cut down to the glyphs of `characters` (every character the documents will
 * draw); one subset serves several documents of the same text (a round's certificates).
 */
export async function subsetCjkFonts(fonts: CjkFonts, characters: string): Promise<CjkFonts> {
  const [regular, bold] = await Promise.all(
    [fonts.regular, fonts.bold].map(async (font) => new Uint8Array(await subsetFont(Buffer.from(font.buffer, font.byteOffset, font.byteLength), characters, { targetFormat: 'truetype' }))),
  );
  return { regular: regular!, bold: bold! };
}

/**
 * Creates a document with the subset fonts of {@link subsetCjkFonts} embedded.
 *
 * @example
 * const { document, regular, bold } = await cjkDocument(await subsetCjkFonts(fonts, text), { title, author, subject, keywords: [number], date });
 */
export async function cjkDocument(subset: CjkFonts, metadata: DocumentMetadata): Promise<{ document: PDFDocument; regular: PDFFont; bold: PDFFont }> {
  const document = await PDFDocument.create();
  document.registerFontkit(fontkit);
  const [regular, bold] = (await Promise.all([subset.regular, subset.bold].map((font) => document.embedFont(font, { subset: false, features: layoutFeatures })))) as [PDFFont, PDFFont];
  document.setTitle(metadata.title);
  document.setAuthor(metadata.author);
  document.setSubject(metadata.subject);
  document.setKeywords([...metadata.keywords]);
  document.setLanguage('zh-CN');
  document.setProducer('cjrh-recognition-platform');
  document.setCreator('cjrh-recognition-platform');
  document.setCreationDate(metadata.date);
  document.setModificationDate(metadata.date);
  return { document, regular, bold };
}
