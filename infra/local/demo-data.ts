/**
 * Demo data for a fresh local runtime, created through the public HTTP API like a user
 * would: an expert pool, the demo institutions' profiles (单位信息, registered by staff) and one
 * open round of the 广西市域产教联合体 program.
 */

export interface DemoData {
  readonly roundId: string;
  readonly institutions: readonly { orgId: string; name: string }[];
}

/** Institutions the demo signs in as (organisations are claims of the dev tokens), with their kind. */
export const demoInstitutions = [
  { orgId: 'org-liuzhou', name: '柳州市人民政府', kind: 'city_government' },
  { orgId: 'org-yulin', name: '玉林市人民政府', kind: 'city_government' },
  { orgId: 'org-qinzhou', name: '钦州市人民政府', kind: 'city_government' },
] as const;

const demoExperts = [
  { name: '李明', email: 'liming@experts.example.cn', organization: '广西大学', region: '南宁', expertise: ['职业教育', '机械装备制造'] },
  { name: '王芳', email: 'wangfang@experts.example.cn', organization: '广西职业技术学院', region: '南宁', expertise: ['产教融合', '电子信息'] },
  { name: '张伟', email: 'zhangwei@experts.example.cn', organization: '桂林电子科技大学', region: '桂林', expertise: ['电子信息'] },
  { name: '刘洋', email: 'liuyang@experts.example.cn', organization: '上汽通用五菱汽车股份有限公司', region: '柳州', expertise: ['汽车', '企业培训'] },
  { name: '陈静', email: 'chenjing@experts.example.cn', organization: '广西科技大学', region: '柳州', expertise: ['轻工化工'] },
  { name: '黄强', email: 'huangqiang@experts.example.cn', organization: '广西壮族自治区职业教育研究院', region: '南宁', expertise: ['职业教育', '政策研究'] },
];

async function call(baseUrl: string, token: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const parsed = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(parsed)}`);
  return parsed;
}

/** Creates the demo data unless a round already exists; returns the open round's id. */
export async function ensureDemoData(baseUrl: string, now: Date): Promise<string> {
  const token = ((await (await fetch(`${baseUrl}/dev/token`, { method: 'POST', body: JSON.stringify({ role: 'admin', name: '演示管理员' }) })).json()) as { token: string }).token;
  const existing = (await call(baseUrl, token, 'GET', '/api/admin/rounds')) as { rounds: { id: string }[] };
  if (existing.rounds.length > 0) return existing.rounds[0]!.id;
  for (const expert of demoExperts) await call(baseUrl, token, 'POST', '/api/admin/experts', expert);
  for (const { orgId, name, kind } of demoInstitutions) await call(baseUrl, token, 'PUT', `/api/admin/organizations/${orgId}`, { name, kind });
  const created = (await call(baseUrl, token, 'POST', '/api/admin/rounds', {
    programId: 'gx-city-consortium',
    title: `${now.getUTCFullYear()}年广西壮族自治区市域产教联合体认定（演示）`,
    year: now.getUTCFullYear(),
    intakeOpensAt: new Date(now.getTime() - 3600_000).toISOString(),
    intakeClosesAt: new Date(now.getTime() + 30 * 86_400_000).toISOString(),
    expertsPerApplication: 3,
    minValidReviews: 2,
  })) as { round: { id: string } };
  return created.round.id;
}
