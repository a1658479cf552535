/**
 * Text of generated PDFs as a reader copies it: each text-showing operator of a page decoded
 * through its font's ToUnicode map, one string per drawn line (pdf-lib itself cannot extract
 * text). Used to check what the recognition notice says and how its lines break.
 */
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, decodePDFRawStream, type PDFDocument, type PDFObject } from 'pdf-lib';

const decoder = new TextDecoder('latin1');

function streamText(document: PDFDocument, object: PDFObject | undefined): string {
  const resolved = object instanceof PDFRef ? document.context.lookup(object) : object;
  if (resolved instanceof PDFArray) return resolved.asArray().map((item) => streamText(document, item)).join('\n');
  if (resolved instanceof PDFRawStream) return decoder.decode(decodePDFRawStream(resolved).decode());
  return '';
}

/** The text lines of each page, decoded through the fonts' ToUnicode maps (as a PDF reader copies text). */
export function pageLines(document: PDFDocument): string[][] {
  return document.getPages().map((page) => {
    const fonts = page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict);
    const maps = new Map<string, Map<string, string>>();
    for (const [name, ref] of fonts?.entries() ?? []) {
      const font = document.context.lookup(ref, PDFDict);
      const cmap = streamText(document, font.get(PDFName.of('ToUnicode')));
      const map = new Map<string, string>();
      for (const [, code, unicode] of cmap.matchAll(/<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]+)>/g)) {
        const units = unicode!.match(/.{4}/g)!.map((unit) => Number.parseInt(unit, 16));
        map.set(code!.toLowerCase(), units.map((unit) => String.fromCharCode(unit)).join(''));
      }
      maps.set(name.asString(), map);
    }
    const content = streamText(document, page.node.get(PDFName.of('Contents')));
    const lines: string[] = [];
    let current = new Map<string, string>();
    for (const match of content.matchAll(/(\/[^\s/]+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>\s*Tj/g)) {
      if (match[1]) current = maps.get(match[1]) ?? new Map();
      else lines.push((match[2]!.toLowerCase().match(/.{4}/g) ?? []).map((code) => current.get(code) ?? '\uFFFD').join(''));
    }
    return lines;
  });
}

