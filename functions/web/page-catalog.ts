/**
 * The catalogue of web pages, defined once: the web function serves a route per entry, the
 * CDK stack and the local gateway route each path to that function (`infra/definitions/catalog.ts`
 * derives its page routes from this list), and each page loads the page script named here.
 * `../shared/UI.md` is the contract of these paths; `test/unit/web/page-catalog.test.ts` checks
 * that every page it names is here and served.
 */

/** Who a page is for: it decides the sign-in a page needs and the shell around it. */
export type PageAudience = 'staff' | 'institution' | 'signin' | 'expert' | 'public';

/** The page scripts of the signed-in applications, one bundle per audience. */
export type AppScript = 'console.js' | 'portal.js' | 'signin.js';

/** A page of the product: its path (API Gateway form, `{param}`), audience, view and title. */
export interface PageDefinition {
  readonly path: string;
  readonly audience: PageAudience;
  /** The view the audience's script shows on this path (signed-in and sign-in pages). */
  readonly view: string;
  /** The page title (zh-CN), also the window title. */
  readonly title: string;
}

/**
 * The signed-in pages and the sign-in page. The expert and public pages (`/review/{linkId}`,
 * `/publicity/{roundId}`, `/results/{roundId}`) are rendered by their own modules and listed in
 * {@link publicPages}.
 */
export const appPages = [
  { path: '/signin', audience: 'signin', view: 'signin', title: '登录' },
  { path: '/console', audience: 'staff', view: 'rounds', title: '评审批次' },
  { path: '/console/rounds/{id}', audience: 'staff', view: 'round', title: '批次详情' },
  { path: '/console/rounds/{id}/applications', audience: 'staff', view: 'screening', title: '形式审查' },
  { path: '/console/rounds/{id}/reviews', audience: 'staff', view: 'reviews', title: '评审进度' },
  { path: '/console/rounds/{id}/ranking', audience: 'staff', view: 'ranking', title: '评审排名' },
  { path: '/console/rounds/{id}/objections', audience: 'staff', view: 'objections', title: '异议处理' },
  { path: '/console/experts', audience: 'staff', view: 'experts', title: '专家库' },
  { path: '/console/audit', audience: 'staff', view: 'audit', title: '审计记录' },
  { path: '/console/programs', audience: 'staff', view: 'programs', title: '认定项目' },
  { path: '/console/programs/{id}', audience: 'staff', view: 'program', title: '认定项目详情' },
  { path: '/console/units', audience: 'staff', view: 'units', title: '认定单位' },
  { path: '/console/reports', audience: 'staff', view: 'reports', title: '年度报告' },
  { path: '/portal', audience: 'institution', view: 'home', title: '申报首页' },
  { path: '/portal/units', audience: 'institution', view: 'units', title: '认定单位' },
  { path: '/portal/rounds/{id}', audience: 'institution', view: 'round', title: '申报要求' },
  { path: '/portal/applications/{id}', audience: 'institution', view: 'application', title: '申报书' },
  { path: '/portal/profile', audience: 'institution', view: 'profile', title: '单位信息' },
] as const satisfies readonly PageDefinition[];

/** A signed-in or sign-in page of {@link appPages}. */
export type AppPage = (typeof appPages)[number];

/** The view name of a staff page. */
export type StaffView = Extract<AppPage, { audience: 'staff' }>['view'];

/** The view name of an institution page. */
export type InstitutionView = Extract<AppPage, { audience: 'institution' }>['view'];

/** The pages for experts and the public, rendered by their own modules. */
export const publicPages = [
  { path: '/review/{linkId}', audience: 'expert', view: 'review', title: '专家评审' },
  { path: '/publicity/{roundId}', audience: 'public', view: 'publicity', title: '公示' },
  { path: '/results/{roundId}', audience: 'public', view: 'results', title: '认定结果' },
] as const satisfies readonly PageDefinition[];

/** Every page path the web function serves, and the path its page scripts are served under. */
export const webPaths: readonly string[] = [...appPages.map((page) => page.path), ...publicPages.map((page) => page.path), '/assets/{name}'];

/** The script a signed-in or sign-in page loads. */
export function appScriptOf(audience: AppPage['audience']): AppScript {
  return audience === 'staff' ? 'console.js' : audience === 'institution' ? 'portal.js' : 'signin.js';
}
