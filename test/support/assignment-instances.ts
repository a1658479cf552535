/**
 * Seeded, realistic assignment instances for benchmarks and tests: applications from Guangxi
 * universities, vocational colleges, city governments and enterprises (with their region, the
 * tags of the program's industry field and 专业领域, partner organisations named in the form
 * and an occasional declared avoid list), and a pool of experts from the colleges, institutes
 * and enterprises of Guangxi and of national universities (a sub-unit such as
 * 广西大学机械工程学院 or the parent itself), with their expertise and declared conflicts.
 * Roughly 1–3 % of the (application, expert) pairs are blocked by recusal.
 *
 * Applications are generated as forms and experts as pool records, and both reach the instance
 * through `assignment-input.ts`, the mapping the round's assignment uses (tags by option label,
 * each once; regions without their 市).
 *
 * The same options always give the same instance (no `Math.random`).
 */
import type { AssignmentApplication, AssignmentExpert, AssignmentInput } from '#shared/domain/assignment.js';
import { assignmentApplication, assignmentExpert } from '#shared/domain/assignment-input.js';
import { prng } from '#shared/domain/assignment-random.js';
import { assignmentSettingsSchema, formFieldSchema, type ProgramTemplate } from '#shared/programs/schema.js';
import { guangxiKeyIndustries } from '#shared/programs/templates/guangxi-procedure.js';
import { gxCityConsortium } from '#shared/programs/templates/gx-city-consortium.js';

/** An application of a generated instance: every optional field is filled in. */
export interface GeneratedApplication extends AssignmentApplication {
  readonly region: string;
  readonly tags: readonly string[];
  /** Partner and co-applicant organisations named in the form. */
  readonly relatedOrganizations: readonly string[];
  /** The applicant's declared avoid list (申请回避): organisation or expert names. */
  readonly avoid: readonly string[];
}

/** An expert of a generated instance. */
export interface GeneratedExpert extends AssignmentExpert {
  readonly name: string;
  readonly region: string;
}

/** A generated instance, ready for `assignExperts`. */
export interface AssignmentInstance extends AssignmentInput {
  readonly applications: readonly GeneratedApplication[];
  readonly experts: readonly GeneratedExpert[];
}

/** What to generate. */
export interface InstanceOptions {
  readonly applications: number;
  readonly experts: number;
  readonly expertsPerApplication: number;
  /** Every expert's capacity. */
  readonly capacity: number;
  readonly seed: number | string;
  readonly avoidSameRegion?: boolean;
}

// ---- vocabularies ----------------------------------------------------------------------------

type Domain = 'manufacturing' | 'automotive' | 'electronics' | 'agriculture' | 'transport' | 'chemical' | 'food_drug' | 'services' | 'health' | 'tourism';

/** Option values of the programs' industry fields (行业产业链, 产业集群) per subject domain. */
const industryValues: Record<Domain, readonly string[]> = {
  manufacturing: ['advanced_manufacturing', 'machinery'],
  automotive: ['automobile'],
  electronics: ['electronics'],
  agriculture: ['modern_agriculture', 'agriculture'],
  transport: ['transport'],
  chemical: ['light_chemical'],
  food_drug: ['food_drug'],
  services: ['business_services', 'modern_services'],
  health: ['health'],
  tourism: ['culture_tourism'],
};

/** 专业领域 per subject domain (names from the undergraduate and vocational catalogues of majors). */
const majors: Record<Domain, readonly string[]> = {
  manufacturing: ['机械设计制造及其自动化', '智能制造工程', '机械电子工程', '数控技术', '工业机器人技术', '材料成型及控制工程'],
  automotive: ['车辆工程', '新能源汽车技术', '汽车检测与维修技术', '工业设计', '汽车服务工程'],
  electronics: ['电子信息工程', '通信工程', '计算机科学与技术', '软件工程', '人工智能', '集成电路设计与集成系统'],
  agriculture: ['农学', '园艺', '植物保护', '动物科学', '林学', '农业机械化及其自动化'],
  transport: ['交通运输', '物流管理', '港口航道与海岸工程', '轨道交通信号与控制', '船舶与海洋工程'],
  chemical: ['化学工程与工艺', '材料科学与工程', '轻化工程', '制浆造纸工程', '应用化学'],
  food_drug: ['食品科学与工程', '药学', '中药学', '制药工程', '食品质量与安全'],
  services: ['工商管理', '会计学', '国际经济与贸易', '电子商务', '市场营销', '金融学'],
  health: ['临床医学', '护理学', '公共卫生', '康复治疗学', '医学检验技术'],
  tourism: ['旅游管理', '酒店管理', '文化产业管理', '数字媒体艺术', '会展经济与管理'],
};

const domains = Object.keys(majors) as Domain[];

/** The colleges a university may have, by domain. */
const colleges: Record<Domain, readonly string[]> = {
  manufacturing: ['机械工程学院', '机电工程学院', '智能制造学院'],
  automotive: ['汽车工程学院', '车辆与交通工程学院'],
  electronics: ['计算机与电子信息学院', '电子工程与自动化学院', '人工智能学院'],
  agriculture: ['农学院', '动物科学技术学院', '林学院'],
  transport: ['交通运输学院', '土木建筑工程学院', '海洋学院'],
  chemical: ['化学化工学院', '材料科学与工程学院', '轻工与食品工程学院'],
  food_drug: ['药学院', '食品与生物工程学院'],
  services: ['工商管理学院', '经济学院', '商学院'],
  health: ['医学院', '护理学院', '公共卫生学院'],
  tourism: ['旅游学院', '艺术学院', '文化与传播学院'],
};

const guangxiCities = ['南宁市', '柳州市', '桂林市', '梧州市', '北海市', '防城港市', '钦州市', '贵港市', '玉林市', '百色市', '贺州市', '河池市', '来宾市', '崇左市'];

type Kind = 'university' | 'vocational' | 'enterprise' | 'institute' | 'national';
interface Organization {
  readonly name: string;
  readonly city: string;
  readonly kind: Kind;
  readonly domains: readonly Domain[];
}

const d = (...list: Domain[]) => list;
/** Parent organisations: [name, city, kind, main domains]. */
const organizationTable: readonly [string, string, Kind, readonly Domain[]][] = [
  ['广西大学', '南宁市', 'university', domains],
  ['广西师范大学', '桂林市', 'university', d('electronics', 'services', 'tourism', 'chemical')],
  ['桂林电子科技大学', '桂林市', 'university', d('electronics', 'manufacturing', 'services', 'tourism')],
  ['桂林理工大学', '桂林市', 'university', d('chemical', 'transport', 'manufacturing', 'tourism')],
  ['广西医科大学', '南宁市', 'university', d('health', 'food_drug')],
  ['广西中医药大学', '南宁市', 'university', d('health', 'food_drug')],
  ['广西民族大学', '南宁市', 'university', d('services', 'chemical', 'tourism', 'electronics')],
  ['南宁师范大学', '南宁市', 'university', d('services', 'tourism', 'electronics')],
  ['广西科技大学', '柳州市', 'university', d('automotive', 'manufacturing', 'chemical', 'health')],
  ['北部湾大学', '钦州市', 'university', d('transport', 'chemical', 'manufacturing', 'services')],
  ['玉林师范学院', '玉林市', 'university', d('manufacturing', 'services', 'agriculture')],
  ['百色学院', '百色市', 'university', d('agriculture', 'tourism', 'services')],
  ['河池学院', '河池市', 'university', d('chemical', 'tourism', 'services')],
  ['贺州学院', '贺州市', 'university', d('food_drug', 'tourism', 'services')],
  ['梧州学院', '梧州市', 'university', d('electronics', 'services', 'food_drug')],
  ['广西财经学院', '南宁市', 'university', d('services')],
  ['广西艺术学院', '南宁市', 'university', d('tourism')],
  ['桂林航天工业学院', '桂林市', 'university', d('manufacturing', 'electronics')],
  ['广西职业技术学院', '南宁市', 'vocational', d('agriculture', 'food_drug', 'services')],
  ['柳州职业技术大学', '柳州市', 'vocational', d('automotive', 'manufacturing', 'electronics')],
  ['南宁职业技术大学', '南宁市', 'vocational', d('electronics', 'services', 'tourism')],
  ['广西机电职业技术学院', '南宁市', 'vocational', d('manufacturing', 'electronics')],
  ['广西交通职业技术学院', '南宁市', 'vocational', d('transport', 'automotive')],
  ['广西农业职业技术大学', '南宁市', 'vocational', d('agriculture', 'food_drug')],
  ['广西卫生职业技术学院', '南宁市', 'vocational', d('health')],
  ['广西工业职业技术学院', '南宁市', 'vocational', d('manufacturing', 'chemical')],
  ['广西电力职业技术学院', '南宁市', 'vocational', d('electronics', 'manufacturing')],
  ['柳州铁道职业技术学院', '柳州市', 'vocational', d('transport')],
  ['桂林旅游学院', '桂林市', 'vocational', d('tourism', 'services')],
  ['北海职业学院', '北海市', 'vocational', d('tourism', 'transport')],
  ['钦州幼儿师范高等专科学校', '钦州市', 'vocational', d('services')],
  ['梧州职业学院', '梧州市', 'vocational', d('manufacturing', 'food_drug')],
  ['广西生态工程职业技术学院', '柳州市', 'vocational', d('agriculture', 'chemical')],
  ['上汽通用五菱汽车股份有限公司', '柳州市', 'enterprise', d('automotive')],
  ['广西柳工机械股份有限公司', '柳州市', 'enterprise', d('manufacturing')],
  ['广西玉柴机器集团有限公司', '玉林市', 'enterprise', d('manufacturing', 'automotive')],
  ['东风柳州汽车有限公司', '柳州市', 'enterprise', d('automotive')],
  ['广西汽车集团有限公司', '柳州市', 'enterprise', d('automotive')],
  ['广西北部湾国际港务集团有限公司', '南宁市', 'enterprise', d('transport')],
  ['广西交通投资集团有限公司', '南宁市', 'enterprise', d('transport')],
  ['广西投资集团有限公司', '南宁市', 'enterprise', d('services', 'chemical')],
  ['广西农垦集团有限责任公司', '南宁市', 'enterprise', d('agriculture', 'food_drug')],
  ['中国—东盟信息港股份有限公司', '南宁市', 'enterprise', d('electronics')],
  ['桂林三金药业股份有限公司', '桂林市', 'enterprise', d('food_drug')],
  ['广西柳州钢铁集团有限公司', '柳州市', 'enterprise', d('manufacturing', 'chemical')],
  ['广西旅游发展集团有限公司', '南宁市', 'enterprise', d('tourism')],
  ['广西华谊能源化工有限公司', '钦州市', 'enterprise', d('chemical')],
  ['广西南南铝加工有限公司', '南宁市', 'enterprise', d('manufacturing', 'chemical')],
  ['广西电网有限责任公司', '南宁市', 'enterprise', d('electronics')],
  ['中国移动通信集团广西有限公司', '南宁市', 'enterprise', d('electronics')],
  ['广西糖业集团有限公司', '南宁市', 'enterprise', d('agriculture', 'food_drug')],
  ['广西壮族自治区农业科学院', '南宁市', 'institute', d('agriculture', 'food_drug')],
  ['广西科学院', '南宁市', 'institute', d('chemical', 'electronics', 'agriculture')],
  ['广西壮族自治区林业科学研究院', '南宁市', 'institute', d('agriculture')],
  ['广西壮族自治区机械工业研究院', '南宁市', 'institute', d('manufacturing', 'automotive')],
  ['广西壮族自治区职业教育发展研究中心', '南宁市', 'institute', d('services')],
  ['清华大学', '北京市', 'national', d('manufacturing', 'electronics', 'automotive', 'services')],
  ['北京交通大学', '北京市', 'national', d('transport', 'electronics')],
  ['中国农业大学', '北京市', 'national', d('agriculture', 'food_drug')],
  ['同济大学', '上海市', 'national', d('transport', 'automotive', 'manufacturing')],
  ['华东理工大学', '上海市', 'national', d('chemical', 'food_drug')],
  ['浙江大学', '杭州市', 'national', domains],
  ['华南理工大学', '广州市', 'national', d('manufacturing', 'chemical', 'automotive', 'electronics', 'food_drug')],
  ['中山大学', '广州市', 'national', d('health', 'services', 'tourism')],
  ['华南农业大学', '广州市', 'national', d('agriculture', 'food_drug')],
  ['深圳职业技术大学', '深圳市', 'national', d('electronics', 'manufacturing', 'services')],
  ['中南大学', '长沙市', 'national', d('transport', 'chemical', 'health')],
  ['湖南大学', '长沙市', 'national', d('automotive', 'manufacturing', 'services')],
  ['华中科技大学', '武汉市', 'national', d('manufacturing', 'electronics', 'health')],
  ['武汉理工大学', '武汉市', 'national', d('automotive', 'transport', 'chemical')],
  ['西南交通大学', '成都市', 'national', d('transport', 'manufacturing')],
  ['四川大学', '成都市', 'national', d('health', 'chemical', 'tourism')],
  ['重庆大学', '重庆市', 'national', d('automotive', 'manufacturing', 'electronics')],
  ['云南大学', '昆明市', 'national', d('agriculture', 'tourism', 'services')],
  ['厦门大学', '厦门市', 'national', d('services', 'chemical', 'transport')],
  ['天津职业技术师范大学', '天津市', 'national', d('manufacturing', 'automotive')],
];

const enterpriseUnits = ['技术中心', '研究院', '工程技术研究中心'];
const instituteUnits = ['产业技术研究所', '标准化研究室'];
const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万覃武钱戴严莫孔向汤';
const givenNames = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力斌宇浩凯健俊帆鹏云莉晨欣怡佳琳雪梅海波林宁峰亮';

// ---- seeded randomness -------------------------------------------------------------------------

/** Draws on the assignment's seeded PRNG, on a stream of its own (`instance:` + seed). */
class Random {
  /** A float in [0, 1). */
  readonly next: () => number;

  constructor(seed: number | string) {
    this.next = prng(`instance:${String(seed)}`);
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** `count` distinct items (all of them when there are fewer). */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = items.slice();
    const result: T[] = [];
    while (result.length < count && copy.length > 0) result.push(copy.splice(this.int(copy.length), 1)[0]!);
    return result;
  }

  /** An index drawn with probability proportional to `weights`. */
  weighted(weights: readonly number[], total: number): number {
    let target = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      target -= weights[i]!;
      if (target < 0) return i;
    }
    return weights.length - 1;
  }
}

// ---- catalogue --------------------------------------------------------------------------------

/** The options of the programs' industry fields (行业产业链, 产业集群). */
function industryOptions(): readonly { readonly value: string; readonly label: string }[] {
  const clusterField = gxCityConsortium.form.find((field) => field.key === 'industryCluster');
  return [...guangxiKeyIndustries, ...(clusterField && 'options' in clusterField ? (clusterField.options ?? []) : [])];
}

/** The program tag vocabulary: option labels of the industry fields, by domain (experts write their expertise so). */
function industryLabels(): Record<Domain, string[]> {
  const options = industryOptions();
  const result = {} as Record<Domain, string[]>;
  for (const domain of domains) {
    result[domain] = industryValues[domain].map((value) => {
      const option = options.find((candidate) => candidate.value === value);
      if (!option) throw new Error(`industry option ${value} is no longer in the program templates`);
      return option.label;
    });
  }
  return result;
}

/**
 * The form a generated application fills in and the `assignment` section that reads it, so that
 * the instance is what the assignment makes of real applications (`assignment-input.ts`): the
 * industries chosen as options (tags by their labels) and the majors, partners and avoid list
 * written one per line; the city as written (the mapping drops its 市, as it does the experts').
 */
function instanceProgram(): Pick<ProgramTemplate, 'form' | 'assignment'> {
  const field = (key: string, type: 'textarea' | 'text') => formFieldSchema.parse({ key, label: key, type, required: false });
  return {
    form: [
      formFieldSchema.parse({ key: 'industries', label: '行业产业链', type: 'multiselect', required: false, options: industryOptions() }),
      field('majors', 'textarea'),
      field('partners', 'textarea'),
      field('city', 'text'),
      field('avoid', 'textarea'),
    ],
    assignment: assignmentSettingsSchema.parse({ tagFields: ['industries', 'majors'], relatedOrganizationFields: ['partners'], regionField: 'city', avoidListField: 'avoid' }),
  };
}

/** A generated application's form as the assignment reads it, with every field the instance fills in. */
function generatedApplication(program: Pick<ProgramTemplate, 'form' | 'assignment'>, application: { id: string; applicantName: string; form: Record<string, unknown> }): GeneratedApplication {
  const seen = assignmentApplication(application, program);
  return { ...seen, region: seen.region ?? '', tags: seen.tags ?? [], relatedOrganizations: seen.relatedOrganizations ?? [], avoid: seen.avoid ?? [] };
}

interface Unit extends Organization {
  /** The parent organisation's name (its own name for a parent). */
  readonly parent: string;
}

/** Every parent organisation and its sub-units (colleges, technical centres). */
function catalogue(random: Random): Unit[] {
  const units: Unit[] = [];
  for (const [name, city, kind, mainDomains] of organizationTable) {
    const parent: Unit = { name, city, kind, domains: mainDomains, parent: name };
    units.push(parent);
    if (kind === 'university' || kind === 'vocational' || kind === 'national') {
      for (const domain of mainDomains) {
        for (const college of random.sample(colleges[domain], kind === 'vocational' ? 1 : 1 + random.int(2))) {
          units.push({ name: `${name}${college}`, city, kind, domains: [domain], parent: name });
        }
      }
    } else {
      const subUnits = kind === 'enterprise' ? enterpriseUnits : instituteUnits;
      for (const unit of random.sample(subUnits, 1 + random.int(2))) units.push({ name: `${name}${unit}`, city, kind, domains: mainDomains, parent: name });
    }
  }
  return units;
}

function tagsOf(random: Random, labels: Record<Domain, string[]>, domain: Domain, industries: number, majorCount: number): string[] {
  return [...random.sample(labels[domain], industries), ...random.sample(majors[domain], majorCount)];
}

// ---- instance ------------------------------------------------------------------------------

/**
 * Generates a realistic instance (see the module description).
 *
 * @example
 * const input = generateAssignmentInstance({ applications: 1000, experts: 3000, expertsPerApplication: 5, capacity: 10, seed: 1 });
 * const result = assignExperts(input);
 */
export function generateAssignmentInstance(options: InstanceOptions): AssignmentInstance {
  const random = new Random(options.seed);
  const labels = industryLabels();
  const program = instanceProgram();
  const units = catalogue(random);
  const parents = units.filter((unit) => unit.parent === unit.name);

  // Experts: mostly from colleges, institutes and enterprises; some from the parent itself.
  const expertUnitWeights = units.map((unit) => (unit.parent === unit.name ? 0.6 : 1) * (unit.kind === 'national' ? 0.7 : 1));
  const expertWeightTotal = expertUnitWeights.reduce((sum, weight) => sum + weight, 0);
  const usedNames = new Set<string>();
  const experts: GeneratedExpert[] = [];
  for (let j = 0; j < options.experts; j++) {
    const unit = units[random.weighted(expertUnitWeights, expertWeightTotal)]!;
    const domain = random.pick(unit.domains);
    const expertise = tagsOf(random, labels, domain, 1 + random.int(2), 2 + random.int(2));
    if (random.chance(0.25)) expertise.push(random.pick(majors[random.pick(domains)]));
    let name: string;
    do {
      name = random.pick([...surnames]) + random.pick([...givenNames]) + (random.chance(0.8) ? random.pick([...givenNames]) : '');
    } while (usedNames.has(name) && usedNames.size < 40_000);
    usedNames.add(name);
    const conflicts = random.chance(0.15) ? random.sample(parents, 1 + random.int(2)).map((org) => org.name) : [];
    const expert = assignmentExpert({ id: `expert-${String(j + 1).padStart(4, '0')}`, name, organization: unit.name, region: unit.city, expertise: [...new Set(expertise)], conflicts, capacity: options.capacity });
    experts.push({ ...expert, name, region: expert.region ?? '' });
  }

  // Applications: universities and colleges, city governments (市域产教联合体) and enterprises (行业共同体).
  const applicantParents = parents.filter((unit) => unit.kind !== 'national' && unit.kind !== 'institute');
  const enterprises = parents.filter((unit) => unit.kind === 'enterprise');
  const schools = parents.filter((unit) => unit.kind === 'university' || unit.kind === 'vocational');
  const applications: GeneratedApplication[] = [];
  for (let i = 0; i < options.applications; i++) {
    const roll = random.next();
    let organization: string;
    let region: string;
    let domain: Domain;
    let partners: Unit[];
    if (roll < 0.15) {
      region = random.pick(guangxiCities);
      organization = `${region}人民政府`;
      domain = random.pick(domains);
      partners = [random.pick(schools), random.pick(enterprises)];
    } else {
      const applicant = random.pick(applicantParents);
      const subUnits = units.filter((unit) => unit.parent === applicant.name && unit.name !== applicant.name);
      // A college may apply on its own (广西大学机械工程学院), a technical centre does not.
      const unit = applicant.kind !== 'enterprise' && subUnits.length > 0 && random.chance(0.2) ? random.pick(subUnits) : applicant;
      organization = unit.name;
      region = unit.city;
      domain = random.pick(unit.domains);
      const pool = applicant.kind === 'enterprise' ? schools : enterprises;
      partners = random.sample(pool, random.int(3));
    }
    const avoid: string[] = [];
    if (random.chance(0.05)) avoid.push(random.pick(parents).name);
    if (random.chance(0.03) && experts.length > 0) avoid.push(random.pick(experts).name);
    const majorCount = 1 + random.int(2);
    const industries = random.sample(industryValues[domain], 1);
    const majorNames = random.sample(majors[domain], majorCount);
    const form = { industries, majors: majorNames.join('\n'), partners: partners.map((partner) => partner.name).join('\n'), city: region, avoid: avoid.join('\n') };
    applications.push(generatedApplication(program, { id: `app-${String(i + 1).padStart(4, '0')}`, applicantName: organization, form }));
  }
  return {
    applications,
    experts,
    expertsPerApplication: options.expertsPerApplication,
    avoidSameRegion: options.avoidSameRegion ?? false,
    seed: options.seed,
  };
}
