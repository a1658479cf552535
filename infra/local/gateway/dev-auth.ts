/**
 * The local runtime's dev sign-in: an RS256 key pair (persisted under the data directory)
 * that signs `POST /dev/token` JWTs and verifies them on `jwt` routes, like API Gateway's
 * JWT authorizer does with the real issuer's keys.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { Clock } from '#shared/ports/clock.js';
import { demoInstitutions } from '../demo-data.js';

export const devAudience = 'cjrh-local';

type Key = Awaited<ReturnType<typeof importJWK>>;

export class DevAuth {
  private constructor(
    private readonly privateKey: Key,
    private readonly publicKey: Key,
    readonly issuer: string,
    private readonly clock: Clock,
  ) {}

  /** Loads the key pair from `file`, creating it on first start. */
  static async open(file: string, issuer: string, clock: Clock): Promise<DevAuth> {
    if (!existsSync(file)) {
      const pair = await generateKeyPair('RS256', { extractable: true });
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify({ privateJwk: await exportJWK(pair.privateKey), publicJwk: await exportJWK(pair.publicKey) }), { mode: 0o600 });
    }
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { privateJwk: JWK; publicJwk: JWK };
    return new DevAuth(await importJWK(stored.privateJwk, 'RS256'), await importJWK(stored.publicJwk, 'RS256'), issuer, clock);
  }

  /**
   * Signs a token for a role (and organisation) valid for 12 hours of runtime time. Without a
   * name, the token names the demo organisation (or the role), as the pages show it.
   */
  async sign(claims: { role: 'admin' | 'institution'; orgId?: string | undefined; name?: string | undefined }): Promise<string> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const subject = claims.role === 'institution' ? `inst-${claims.orgId}` : `admin-${claims.name ?? 'staff'}`;
    return new SignJWT({ role: claims.role, ...(claims.orgId ? { orgId: claims.orgId } : {}), name: claims.name ?? defaultName(claims) })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(devAudience)
      .setSubject(subject)
      .setIssuedAt(now)
      .setExpirationTime(now + 12 * 3600)
      .sign(this.privateKey);
  }

  /** Verifies a bearer token; returns its claims, or undefined when it is missing or invalid. */
  async verify(authorization: string | undefined): Promise<JWTPayload | undefined> {
    const token = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return undefined;
    try {
      const { payload } = await jwtVerify(token, this.publicKey, { issuer: this.issuer, audience: devAudience, currentDate: this.clock.now() });
      return payload;
    } catch {
      return undefined;
    }
  }
}

/** The name shown for a dev token without one: a demo institution's name, else the role's. */
function defaultName(claims: { role: 'admin' | 'institution'; orgId?: string | undefined }): string {
  if (claims.role === 'admin') return '工作人员';
  return demoInstitutions.find((institution) => institution.orgId === claims.orgId)?.name ?? `申报单位 ${claims.orgId ?? ''}`.trim();
}

