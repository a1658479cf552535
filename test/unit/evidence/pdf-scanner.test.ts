import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PdfScanner, type PdfFacts } from '#functions/evidence/inspection/pdf-scanner.js';
import { pdfFile, splitAt, withEncryptInTrailer } from './fixtures.js';

function scan(chunks: readonly Buffer[]): PdfFacts {
  const scanner = new PdfScanner();
  for (const chunk of chunks) scanner.push(chunk);
  return scanner.finish();
}

const scanText = (text: string): PdfFacts => scan([Buffer.from(text, 'latin1')]);

/** A hand-written PDF; offsets in its xref are not needed by the scanner. */
function handMade(body: string, trailer = 'trailer\n<< /Root 1 0 R >>'): string {
  return `%PDF-1.5\n${body}\n${trailer}\nstartxref\n0\n%%EOF\n`;
}

/** An object stream packing `objects`, Flate-compressed, with an indirect /Length as some writers emit. */
function objectStreamWithIndirectLength(objectNumber: number, objects: readonly [number, string][]): string {
  const bodies: string[] = [];
  const header: string[] = [];
  let offset = 0;
  for (const [number, body] of objects) {
    header.push(`${number} ${offset}`);
    bodies.push(body);
    offset += body.length + 1;
  }
  const first = `${header.join(' ')} `;
  const data = deflateSync(Buffer.from(first + bodies.join('\n'), 'latin1')).toString('latin1');
  return `${objectNumber} 0 obj\n<< /Type /ObjStm /N ${objects.length} /First ${first.length} /Filter /FlateDecode /Length ${objectNumber + 1} 0 R >>\nstream\n${data}\nendstream\nendobj\n${objectNumber + 1} 0 obj\n${data.length}\nendobj`;
}

describe('PdfScanner', () => {
  it('counts the pages of a classic PDF and not its page tree node', async () => {
    expect(scan([await pdfFile(7, { objectStreams: false })])).toEqual({
      pages: 7,
      encrypted: false,
      endMarker: true,
      unreadObjectStreams: 0,
      javascript: false,
    });
  });

  it('counts the pages packed in Flate-compressed object streams', async () => {
    expect(scan([await pdfFile(12, { objectStreams: true })])).toMatchObject({ pages: 12, unreadObjectStreams: 0 });
  });

  it('gives the same facts for any chunking of the same bytes', async () => {
    const files = [await pdfFile(4, { objectStreams: true }), await pdfFile(3, { objectStreams: false })];
    const whole = files.map((file) => scan([file]));
    fc.assert(
      fc.property(fc.nat({ max: 1 }), fc.array(fc.nat({ max: 5000 }), { maxLength: 60 }), (which, cuts) => {
        expect(scan(splitAt(files[which]!, cuts))).toEqual(whole[which]);
      }),
      { numRuns: 200 },
    );
  });

  it('finds a /Type /Page split across two chunks at every position', () => {
    const text = handMade(
      '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n' +
        '3 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj',
    );
    const bytes = Buffer.from(text, 'latin1');
    const page = text.indexOf('/Type /Page /Parent');
    for (let cut = page - 2; cut <= page + 12; cut += 1) {
      expect(scan(splitAt(bytes, [cut])).pages).toBe(1);
    }
  });

  it('does not count /Type /Pages, and accepts /Type/Page without a space', () => {
    const facts = scanText(
      handMade(
        '1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n2 0 obj\n<</Type/Pages/Kids[3 0 R 4 0 R]/Count 2>>\nendobj\n' +
          '3 0 obj\n<</Type/Page/Parent 2 0 R>>\nendobj\n4 0 obj\n<</Type /Page\n/Parent 2 0 R>>\nendobj',
      ),
    );
    expect(facts.pages).toBe(2);
  });

  it('counts a page rewritten by an incremental update once', async () => {
    const original = (await pdfFile(2, { objectStreams: false })).toString('latin1');
    const pageNumber = /(\d+) 0 obj\s*<<\s*\/Type \/Page\b/.exec(original)![1];
    const update = `${pageNumber} 0 obj\n<< /Type /Page /Parent 1 0 R /Rotate 90 >>\nendobj\nxref\n0 1\ntrailer\n<< /Root 2 0 R >>\nstartxref\n0\n%%EOF\n`;
    expect(scan([Buffer.from(original + update, 'latin1')]).pages).toBe(2);
  });

  it('falls back to the root /Count when an object stream cannot be read', () => {
    const facts = scanText(
      handMade(
        '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>\nendobj\n' +
          '6 0 obj\n<< /Type /ObjStm /N 3 /First 18 /Filter /LZWDecode /Length 10 >>\nstream\n\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01\x00\nendstream\nendobj',
      ),
    );
    expect(facts).toMatchObject({ pages: 3, unreadObjectStreams: 1 });
  });

  it('reads an object stream whose /Length is an indirect reference, up to its endstream', () => {
    const packed = objectStreamWithIndirectLength(20, [
      [2, '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>'],
      [3, '<< /Type /Page /Parent 2 0 R >>'],
      [4, '<< /Type/Page/Parent 2 0 R >>'],
    ]);
    const bytes = Buffer.from(handMade(`1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n${packed}`), 'latin1');
    expect(scan([bytes])).toMatchObject({ pages: 2, unreadObjectStreams: 0 });
    fc.assert(
      fc.property(fc.array(fc.nat({ max: bytes.length }), { maxLength: 20 }), (cuts) => {
        expect(scan(splitAt(bytes, cuts))).toMatchObject({ pages: 2, unreadObjectStreams: 0 });
      }),
    );
  });

  it('does not take an outline /Count for a page count', () => {
    const facts = scanText(handMade('1 0 obj\n<< /Type /Outlines /Count 9 >>\nendobj\n2 0 obj\n<< /Type /Page >>\nendobj'));
    expect(facts.pages).toBe(1);
  });

  it('ignores page-like tokens inside stream data', () => {
    const facts = scanText(
      handMade(
        '1 0 obj\n<< /Type /Page >>\nendobj\n2 0 obj\n<< /Length 44 >>\nstream\n/Type /Page /Encrypt 5 0 R 3 0 obj /Type /Page\nendstream\nendobj',
      ),
    );
    expect(facts).toMatchObject({ pages: 1, encrypted: false });
  });

  it('leaves stream data only at a real endstream or endobj, split across chunks at every position', () => {
    // inside the stream: tokens, an `endstreamer` and an `endobjx` that end nothing; right after
    // `endstream` (still in object 1) an /AA, and then a page
    const text = handMade(
      '1 0 obj\n<< /Length 70 >>\nstream\n/Type /Page endstreamer /JS endobjx 3 0 obj << /Type /Page >>\nendstream /AA 5 0 R\nendobj\n' +
        '4 0 obj\n<< /Type /Page >>\nendobj',
    );
    const bytes = Buffer.from(text, 'latin1');
    const whole = scan([bytes]);
    expect(whole).toMatchObject({ pages: 1, javascript: true, encrypted: false });
    for (let cut = 1; cut < bytes.length; cut += 1) expect(scan(splitAt(bytes, [cut]))).toEqual(whole);
  });

  it('detects /Encrypt in a classic trailer', async () => {
    expect(scan([withEncryptInTrailer(await pdfFile(2, { objectStreams: false }))])).toMatchObject({
      encrypted: true,
      pages: 2,
    });
  });

  it('detects a direct /Encrypt dictionary in a cross-reference stream', () => {
    const facts = scanText(
      handMade(
        '1 0 obj\n<< /Type /Page >>\nendobj\n9 0 obj\n<< /Type /XRef /Size 10 /W [1 2 2] /Encrypt << /Filter /Standard /V 2 >> /Length 0 >>\nstream\n\nendstream\nendobj',
        '',
      ),
    );
    expect(facts.encrypted).toBe(true);
  });

  it('does not take /EncryptMetadata or a bare /Encrypt name for encryption', () => {
    const facts = scanText(handMade('1 0 obj\n<< /Type /Page /EncryptMetadata false /Note /Encrypt >>\nendobj'));
    expect(facts.encrypted).toBe(false);
  });

  it('finds an /Encrypt reference split across chunks', async () => {
    const bytes = withEncryptInTrailer(await pdfFile(1, { objectStreams: false }));
    const at = bytes.indexOf('/Encrypt');
    for (let cut = at - 1; cut <= at + 16; cut += 1) {
      expect(scan(splitAt(bytes, [cut])).encrypted).toBe(true);
    }
  });

  it('notices a missing %%EOF at the end of a truncated file', async () => {
    const bytes = await pdfFile(3, { objectStreams: false });
    expect(scan([bytes.subarray(0, bytes.length - 200)]).endMarker).toBe(false);
    expect(scan([Buffer.concat([bytes, Buffer.alloc(900, 0x20)])]).endMarker).toBe(true);
  });
});
