/**
 * The error catalogue is the one place a code gets its status and text: every code API.md
 * names is there with the status API.md gives it, every refusal's status is one the contract
 * allows, and every message is Chinese text whatever values it is given. Thrown errors take
 * their status and message from it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogued, errorCatalogue, type ErrorCode } from '#shared/domain/error-catalogue.js';
import { DomainError } from '#shared/domain/errors.js';

const contract = readFileSync(new URL('../../../../shared/API.md', import.meta.url), 'utf8');
const codes = Object.keys(errorCatalogue) as ErrorCode[];

/** `404 \`LINK_INVALID\``, `422 \`A\`, \`B\``: each code API.md gives a status, with that status. */
function statusesInContract(): Map<string, number> {
  const pairs = new Map<string, number>();
  for (const match of contract.matchAll(/\b([45]\d\d)\s+((?:`[A-Z][A-Z0-9_]+`(?:,\s*)?)+)/g)) {
    for (const code of match[2]!.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) pairs.set(code[1]!, Number(match[1]));
  }
  return pairs;
}

/** Sample values for a message's parameters: every one a string and a number can stand for. */
const sample = new Proxy({}, { get: (_target, key) => (typeof key === 'string' ? `‹${key}›` : undefined) });

describe('the error catalogue', () => {
  it('has every code API.md names, with the status API.md gives it', () => {
    const named = [...contract.matchAll(/`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`/g)].map((match) => match[1]!).filter((code) => code !== 'UPPER_SNAKE');
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((code) => !(code in errorCatalogue))).toEqual([]);
    const pairs = statusesInContract();
    expect(pairs.size).toBeGreaterThan(5);
    expect([...pairs].filter(([code, status]) => errorCatalogue[code as ErrorCode]?.status !== status)).toEqual([]);
  });

  it('answers refusals only with statuses the contract allows, and 500 only for our own faults', () => {
    // 414 and 431 are API Gateway's own answers past its 10240-byte head limit, which the local gateway gives with the contract body.
    const gatewayLimits = [414, 431];
    const allowed = new Set([...(contract.match(/status ((?:\d{3}\/?)+)/)?.[1]?.split('/').map(Number) ?? []), ...statusesInContract().values(), ...gatewayLimits]);
    expect(allowed.size).toBeGreaterThan(5);
    const statuses = codes.flatMap((code) => [errorCatalogue[code].status, ...Object.values(errorCatalogue[code].messages).flatMap((message) => (typeof message === 'object' ? [message.status] : []))]);
    expect(statuses.filter((status) => status !== 500 && !allowed.has(status))).toEqual([]);
    expect(codes.filter((code) => errorCatalogue[code].status === 500)).toEqual(['INTERNAL_ERROR']);
  });

  it('says every message in Chinese, with the values it names', () => {
    for (const code of codes) {
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      for (const key of Object.keys(errorCatalogue[code].messages)) {
        const { message } = catalogued(code, key, sample);
        expect(message, `${code}.${key}`).toMatch(/\p{Script=Han}/u);
        expect(message, `${code}.${key}`).not.toMatch(/undefined|\[object/);
      }
    }
  });

  it('gives a thrown refusal its status, text and details', () => {
    expect(new DomainError('INTAKE_CLOSED', 'submission')).toMatchObject({ code: 'INTAKE_CLOSED', status: 409, message: '申报已截止，不能再提交', details: [] });
    expect(new DomainError('INVALID_STATE', 'roundTransition', { from: '申报中', to: '已发布' }, [{ message: 'm' }])).toMatchObject({
      status: 409,
      message: '批次当前状态为“申报中”，不能进入“已发布”',
      details: [{ message: 'm' }],
    });
    expect(new DomainError('FORM_INVALID', 'form', [{ path: 'a', message: '必填' }]).details).toEqual([{ path: 'a', message: '必填' }]);
    expect(new DomainError('PROGRAM_NOT_FOUND', 'named', { id: 'x' }).status).toBe(422);
    expect(new DomainError('PROGRAM_NOT_FOUND', 'id', { id: 'x' }).status).toBe(404);
  });
});
