/**
 * The platform's vocabulary of organisation kinds (单位类型): what an organisation is, as its
 * profile says, and what a program's applicant kinds admit. The kinds cover who the built-in
 * programs let apply (市政府, 高校, 职业院校, 企业, 行业部门与组织, 科研院所).
 */

/** Every organisation kind with its Chinese label, in the order forms offer them. */
export const organizationKindLabels = {
  city_government: '设区市人民政府',
  undergraduate_university: '普通本科高等学校',
  miit_university: '部属高校',
  vocational_college: '职业院校',
  enterprise: '企业',
  industry_authority: '行业行政主管部门',
  industry_organization: '行业组织',
  research_institute: '科研院所',
  other: '其他单位',
} as const satisfies Record<string, string>;

export type OrganizationKind = keyof typeof organizationKindLabels;

/** The codes of {@link organizationKindLabels}, in order. */
export const organizationKinds = Object.keys(organizationKindLabels) as [OrganizationKind, ...OrganizationKind[]];

/** Whether a code is one of the vocabulary's kinds. */
export function isOrganizationKind(code: string): code is OrganizationKind {
  return Object.hasOwn(organizationKindLabels, code);
}
