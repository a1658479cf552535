import { describe, expect, it } from 'vitest';
import { contentTypesByFormat, essenceOfContentType, formatOfContentType } from '#shared/domain/evidence-formats.js';
import { evidenceFormatSchema } from '#shared/programs/schema.js';

describe('content types', () => {
  it('map every evidence format to a canonical type that maps back to it', () => {
    for (const format of evidenceFormatSchema.options) {
      expect(formatOfContentType(contentTypesByFormat[format][0]!)).toBe(format);
    }
  });

  it('never give one content type to two formats', () => {
    const all = Object.values(contentTypesByFormat).flat();
    expect(new Set(all).size).toBe(all.length);
  });

  it('ignore parameters and case', () => {
    expect(essenceOfContentType(' Image/PNG ; q=1')).toBe('image/png');
    expect(formatOfContentType('IMAGE/JPEG')).toBe('jpg');
    expect(formatOfContentType('text/plain')).toBeUndefined();
  });
});
