/**
 * Path parameters the product itself hands out must pass the path-parameter check: a review
 * link id is base64url and may start with `-` or `_` (1 link in 32), which the check once
 * refused with 404 LINK_INVALID before any store read — an expert's fresh link then "did not
 * exist", at random, in roughly one e2e run in ten.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkedPathParameters } from '#functions/api/http/path-parameters.js';
import { RandomIds, SECRET_ID_BYTES, secretIdOf } from '#shared/adapters/ids/random-ids.js';
import { errorOf } from '#test/support/error-of.js';

const bytes = fc.uint8Array({ minLength: SECRET_ID_BYTES, maxLength: SECRET_ID_BYTES });

describe('path parameters', () => {
  it('accept every review link id the product makes', () => {
    fc.assert(
      fc.property(bytes, (secret) => {
        const linkId = secretIdOf(secret);
        expect(checkedPathParameters({ linkId })).toEqual({ linkId });
      }),
      { numRuns: 2000 },
    );
  });

  it('accept link ids whose first character is base64url "-" or "_"', () => {
    // First byte 0xf8–0xfb encodes as "-", 0xfc–0xff as "_".
    for (const first of [0xf8, 0xfb, 0xfc, 0xff]) {
      const linkId = secretIdOf(Uint8Array.of(first, ...new Uint8Array(SECRET_ID_BYTES - 1)));
      expect(linkId[0]).toBe(first < 0xfc ? '-' : '_');
      expect(checkedPathParameters({ linkId })).toEqual({ linkId });
    }
  });

  it('accept the ids the generator makes', () => {
    const ids = new RandomIds({ now: () => new Date('2026-12-01T00:00:00Z') });
    // 2000 draws: the chance that none starts with "-" or "_" is (62/64)^2000 < 1e-27.
    for (let i = 0; i < 2000; i += 1) {
      const params = { linkId: ids.secretId(), id: ids.entityId('task') };
      expect(checkedPathParameters(params)).toEqual(params);
    }
  });

  it('still refuse what no id of ours looks like, with the review link code for links', () => {
    for (const linkId of ['', '.', '../x', 'a/b', '%2e', ' a', 'a'.repeat(129), '申报']) {
      expect(errorOf(() => checkedPathParameters({ linkId }))).toMatchObject({ code: 'LINK_INVALID', status: 404 });
    }
    expect(errorOf(() => checkedPathParameters({ id: '../x' }))).toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });
});
