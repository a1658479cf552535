/**
 * The error catalogue: every code the product answers a client with (UPPER_SNAKE, part of the
 * API contract in API.md), its HTTP status, and its Chinese messages — one per situation the
 * code is given in, a function of typed parameters where the message names values. It is the
 * one place a code's status is decided: throw sites name a code and a message
 * (`new DomainError('INTAKE_CLOSED', 'submission')`), never a status or a text.
 *
 * A message may carry its own status where the same refusal is about a value in the body
 * rather than in the path (`PROGRAM_NOT_FOUND`: 404 for `/programs/{id}`, 422 for a
 * `programId` field).
 */

/**
 * HTTP statuses the API contract allows for client-caused errors; 414 and 431 are the
 * gateway's answers to a request line or headers over API Gateway's 10240-byte limit.
 */
export type ClientErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 414 | 422 | 429 | 431;

/** A message: fixed text, or text made from the values it names. */
type Text = string | ((params: never) => string);

/** A message of a code, with the status of that situation when it differs from the code's. */
type Message = Text | { readonly status: ClientErrorStatus; readonly text: Text };

interface CatalogueEntry {
  readonly status: ClientErrorStatus | 500;
  readonly messages: Readonly<Record<string, Message>>;
}

/** The catalogue, by code; see the module comment. */
export const errorCatalogue = {
  // 400: the request itself is malformed
  VALIDATION_FAILED: {
    status: 400,
    messages: {
      request: '请求内容不符合要求',
      notJson: '请求正文不是有效的 JSON',
      draftForm: '申报表内容有误',
      creditCode: '统一社会信用代码不正确（18位，含校验位）',
      pageToken: '翻页标记无效，请从第一页重新查询',
      reasonsRequired: '退回或认定不符合条件时必须写明原因',
      emptyImport: '导入文件为空',
    },
  },
  INVALID_DATE: {
    status: 400,
    messages: {
      instant: '日期无效',
      calendarDate: (p: { date: string }) => `日期无效：${p.date}`,
    },
  },
  BAD_REQUEST: { status: 400, messages: { unparseable: '请求格式不正确' } },
  MALFORMED_PATH: { status: 400, messages: { escapes: '请求地址中的百分号编码（%）无效' } },
  INVALID_WORKING_DAYS: { status: 400, messages: { notPositive: (p: { days: number }) => `工作日天数应为正整数（收到 ${p.days}）` } },

  // 401 and 403: who is asking
  UNAUTHENTICATED: { status: 401, messages: { signIn: '请先登录' } },
  FORBIDDEN: {
    status: 403,
    messages: {
      role: '当前账号无权进行此操作',
      noOrganization: '账号未关联申报单位',
      otherApplication: '无权访问其他单位的申报',
      otherUnit: '无权访问其他单位的认定信息',
    },
  },
  CONFLICT_NOT_DECLARED: { status: 403, messages: { declareFirst: '请先声明与该申报单位无利益冲突，再查看材料和评分' } },
  NOT_EVALUATED: { status: 403, messages: { unit: '该认定单位不在本次周期评估范围内' } },

  // 404 and 410: nothing there (any more)
  NOT_FOUND: {
    status: 404,
    messages: {
      resource: '请求的资源不存在',
      route: '请求的地址不存在',
      page: '页面不存在',
      notRecognized: '该申报未获认定，没有认定证书',
      round: '批次不存在',
      application: '申报不存在',
      evidence: '材料不存在',
      expert: '专家不存在',
      reviewTask: '评审任务不存在',
      objection: '异议不存在',
      unit: '认定单位不存在',
      siteVisit: '实地考察不存在',
      program: '认定项目不存在',
      programVersion: '认定项目版本不存在',
      report: '年度报告不存在',
      organization: '单位不存在',
      mail: '邮件不存在',
    },
  },
  PROGRAM_NOT_FOUND: {
    status: 404,
    messages: {
      id: (p: { id: string }) => `认定项目“${p.id}”不存在`,
      version: (p: { id: string; version: number }) => `认定项目“${p.id}”没有第${p.version}版`,
      evaluation: (p: { name: string }) => `认定项目“${p.name}”没有周期评估`,
      /** A `programId` in the body names no program. */
      named: { status: 422, text: (p: { id: string }) => `认定项目“${p.id}”不存在` },
    },
  },
  LINK_INVALID: { status: 404, messages: { link: '评审链接无效' } },
  LINK_EXPIRED: {
    status: 410,
    messages: {
      ended: '该评审链接已失效',
      usedOrEnded: '该评审链接已完成或已失效',
      overdue: '该评审链接已过截止时间',
      withdrawn: '申报单位已撤回该申报，无需再评审',
      roundCancelled: '该评审批次已取消，无需再评审',
    },
  },
  RESULTS_NOT_PUBLISHED: { status: 404, messages: { round: '该批次尚未发布认定结果' } },
  PUBLICITY_NOT_HELD: { status: 404, messages: { round: '本批次无公示环节' } },
  PUBLICITY_NOT_STARTED: { status: 404, messages: { round: '该批次尚未公示' } },

  // 409: the state of things does not allow it now
  INVALID_STATE: {
    status: 409,
    messages: {
      applicationTransition: (p: { from: string; to: string }) => `申报状态不能从「${p.from}」变为「${p.to}」`,
      applicationSubmitted: '申报已提交，不能再修改；如需修改，请等待退回补正',
      applicationNotSubmitted: '该申报当前不在待审查状态',
      applicationNotScreening: '该申报当前不在形式审查环节',
      applicationNotInReview: '该申报已不在专家评审阶段，不能改派',
      evidenceLocked: '申报已提交，材料不能再增加、替换或删除',
      evidenceRemoved: '该材料已删除',
      roundTransition: (p: { from: string; to: string }) => `批次当前状态为“${p.from}”，不能进入“${p.to}”`,
      roundIntakeClosed: '该批次已截止申报',
      roundDecided: '该批次的认定结果已审定或发布，不能取消',
      roundNotShortlisting: '当前不在审定拟入围名单环节',
      roundNotFinalApproval: '当前不在最终审定环节（公示未结束或仍有未处理的异议）',
      evaluationShortlist: '周期评估批次不审定入围名单，请提交评估结论',
      notEvaluationRound: '该批次不是周期评估批次',
      evaluationNotConcluding: '当前不在作出评估结论环节',
      publicityBeforeShortlist: '入围名单批准之前不能开始公示',
      conflictDeclared: '已声明过利益冲突情况',
      taskNotReassignable: '该评审任务已提交或已结束，不能改派',
      objectionResolved: '该异议已处理',
      objectionsResolvedOtherwise: '所选异议中有已按其他意见处理的',
      siteVisitTiming: '实地考察须在专家评审完成后、批准入围名单之前进行',
      siteVisitNotRanked: '只能为本批次评审排名中的申报安排实地考察',
      siteVisitReported: '该实地考察已提交报告，不能再调整',
      siteVisitReportedOtherwise: '该实地考察已提交另一份报告，不能重复提交',
      siteVisitShortlisted: '入围名单已审定，不能再提交考察报告',
      unitRevoked: (p: { organization: string }) => `认定单位“${p.organization}”已撤销认定`,
      unitNotReporting: '该认定单位已撤销或周期已结束，不能再填报年度报告',
      unitNotRectifying: '该认定单位未处于整改期，无需提交整改报告',
      reportSubmitted: '报告已提交，不能再修改',
      reportNotSubmitted: '只能审核已提交的报告',
    },
  },
  INTAKE_CLOSED: {
    status: 409,
    messages: {
      creation: '该批次不在申报期内，不能新建申报',
      submission: '申报已截止，不能再提交',
    },
  },
  CONCURRENT_UPDATE: {
    status: 409,
    messages: {
      record: '数据已被其他操作修改，请刷新后重试',
      reviewTask: '评审任务正在被同时修改，请稍后重试',
    },
  },
  ALREADY_EXISTS: {
    status: 409,
    messages: {
      program: (p: { id: string }) => `认定项目“${p.id}”已存在，请用 PUT 发布新版本`,
      email: '该邮箱已被其他专家使用',
      reviewer: '该专家已有此申报的评审任务，同一专家对同一申报只评审一次',
      objection: '相同的异议已经受理',
      receipt: '受理编号已被使用',
      siteVisit: '该申报已安排实地考察，请调整原有安排',
      report: '该单位本年度的这份报告已经创建',
    },
  },
  CAPACITY_EXHAUSTED: { status: 409, messages: { expert: '该专家在本批次的评审任务已达上限' } },
  EVIDENCE_PENDING: { status: 409, messages: { screening: '申报材料仍在核验中（或未通过核验），核验完成后才能进行形式审查，请稍后再试' } },
  PUBLICITY_CLOSED: { status: 409, messages: { objection: '当前不在公示期内，不能提出异议' } },
  OBJECTIONS_EXHAUSTED: { status: 409, messages: { round: '本批次受理的异议数量已达上限' } },
  RANKING_NOT_READY: { status: 409, messages: { round: '专家评审尚未完成，暂无排名' } },
  CERTIFICATE_NOT_READY: { status: 409, messages: { unpublished: '认定结果公布后才能下载认定证书' } },
  NOTICE_NOT_READY: { status: 409, messages: { unapproved: '最终审定通过后才能生成认定通知' } },
  SITE_VISIT_NOT_USED: { status: 409, messages: { round: '本批次不进行实地考察' } },
  SITE_VISITS_PENDING: { status: 409, messages: { shortlist: (p: { names: string }) => `本批次须进行实地考察，以下申报尚无考察报告，暂不能审定入围名单：${p.names}` } },
  NOTHING_TO_RETRY: { status: 409, messages: { workflow: '没有失败的流程步骤需要重试' } },
  REQUEST_IN_PROGRESS: { status: 409, messages: { sameKey: '相同的请求正在处理中，请稍后再试' } },

  // 413: too much
  PAYLOAD_TOO_LARGE: {
    status: 413,
    messages: {
      body: (p: { kilobytes: number }) => `请求内容过大（上限 ${p.kilobytes} KB）`,
      importFile: '导入文件不能超过 5 MB',
      importRows: '一次最多导入 5000 行专家',
      gateway: '请求内容过大（上限 10 MB）',
    },
  },
  FILE_TOO_LARGE: { status: 413, messages: { material: (p: { title: string; limit: string }) => `“${p.title}”单个文件不能超过 ${p.limit}` } },

  // 414 and 431: the gateway's limit on the request line and headers
  URI_TOO_LONG: { status: 414, messages: { requestLine: '请求地址过长（请求行与请求头合计上限 10240 字节）' } },
  HEADERS_TOO_LARGE: {
    status: 431,
    messages: {
      headers: '请求头过大（请求行与请求头合计上限 10240 字节）',
      head: '请求地址或请求头过大（请求行与请求头合计上限 10240 字节）',
    },
  },

  // 422: well-formed, but not acceptable
  FORM_INVALID: { status: 422, messages: { form: '申报表填写不完整或有误' } },
  MATERIALS_INCOMPLETE: { status: 422, messages: { required: '必需的申报材料尚未上传齐全' } },
  EVIDENCE_NOT_VERIFIED: {
    status: 422,
    messages: {
      rejected: '有材料未通过文件检查，请删除后重新上传',
      pending: '有材料仍在检查中，请稍后提交',
    },
  },
  MATERIAL_UNKNOWN: { status: 422, messages: { key: (p: { key: string }) => `本项目没有“${p.key}”这项材料` } },
  FILE_TYPE_NOT_ALLOWED: { status: 422, messages: { material: (p: { title: string; formats: string }) => `“${p.title}”只接受 ${p.formats} 格式` } },
  TEMPLATE_INVALID: { status: 422, messages: { template: '认定项目模板不符合要求' } },
  PROGRAM_NOT_OFFERED: { status: 422, messages: { deployment: (p: { name: string }) => `本平台未提供认定项目“${p.name}”` } },
  ROUND_NOT_FOUND: { status: 422, messages: { named: '批次不存在' } },
  ROUND_INVALID: {
    status: 422,
    messages: {
      settings: '批次设置有误',
      weights: '批次的指标权重设置有误',
    },
  },
  PROFILE_INCOMPLETE: { status: 422, messages: { kind: '请先在“单位信息”中填写单位名称和单位类型，再开始申报' } },
  APPLICANT_KIND_NOT_ALLOWED: { status: 422, messages: { program: (p: { applicants: string }) => `本项目仅限${p.applicants}申报` } },
  UNIT_NOT_APPLICABLE: { status: 422, messages: { recognitionRound: '认定批次的申报不指明认定单位' } },
  EVALUATION_UNIT_REQUIRED: { status: 422, messages: { unit: '周期评估申报须指明认定单位' } },
  EVALUATION_NOT_DEFINED: { status: 422, messages: { program: (p: { name: string }) => `认定项目“${p.name}”未设定周期评估` } },
  EVALUATION_UNITS_INVALID: { status: 422, messages: { units: '评估对象有误' } },
  EVALUATION_DECISIONS_INVALID: { status: 422, messages: { decisions: '评估结论有误' } },
  REPORT_YEAR_INVALID: {
    status: 422,
    messages: {
      rectification: (p: { year: number }) => `整改报告的年度为 ${p.year}（整改期限所在年度）`,
      cycle: (p: { years: string }) => `该单位的建设周期内需填报的年度为 ${p.years}`,
    },
  },
  EXPERT_NOT_FOUND: { status: 422, messages: { pool: '所选专家不在专家库中' } },
  EXPERT_NOT_ELIGIBLE: {
    status: 422,
    messages: {
      reassignment: (p: { expert: string; reason: string }) => `不能改派给${p.expert}：${p.reason}`,
      siteVisit: (p: { reasons: string }) => `以下专家须回避，不能参加实地考察：${p.reasons}`,
    },
  },
  NO_ELIGIBLE_EXPERT: { status: 422, messages: { reassignment: '专家库中没有可改派的专家（均须回避、已参与该申报或已达评审上限），请先补充专家' } },
  ASSIGNMENT_INVALID: {
    status: 422,
    messages: {
      duplicate: (p: { what: string; id: string }) => `${p.what}重复：${p.id}`,
      expertsPerApplication: (p: { count: number }) => `每个申报的评审专家人数应为正整数（收到 ${p.count}）`,
      applicationOutsideRound: (p: { id: string }) => `申报不在本批次中：${p.id}`,
    },
  },
  ASSIGNMENT_SHORTFALL: {
    status: 422,
    messages: {
      reviewers: (p: { applications: number; minimum: number; cause: string }) =>
        `${p.applications} 份申报分配不到最少 ${p.minimum} 名评审专家（${p.cause}）。请添加专家或提高专家的评审容量后重试。`,
    },
  },
  INDICATORS_INVALID: {
    status: 422,
    messages: {
      empty: '评审指标为空',
      duplicateCode: (p: { code: string }) => `评审指标代码重复：${p.code}`,
    },
  },
  SCORES_INVALID: { status: 422, messages: { scores: '评分不完整或有误' } },
  NO_SCORES: { status: 422, messages: { valid: '没有可汇总的有效评分' } },
  RANKING_INVALID: {
    status: 422,
    messages: {
      duplicate: (p: { id: string }) => `申报重复出现在排名中：${p.id}`,
      scores: (p: { id: string }) => `申报 ${p.id} 的评分无效`,
    },
  },
  SHORTLIST_INVALID: { status: 422, messages: { unranked: '名单中有不属于本批次评审的申报' } },
  NOTICE_NUMBER_INVALID: {
    status: 422,
    messages: { prefix: (p: { prefix: string; issuer: string }) => `文号应以发文机关代字“${p.prefix}”开头（发文机关：${p.issuer}）` },
  },
  NOT_ON_PUBLICITY: { status: 422, messages: { application: '该申报不在公示名单中' } },
  OBJECTION_NOT_IN_ROUND: { status: 422, messages: { round: '所选异议不属于该批次' } },
  SITE_VISIT_INVALID: {
    status: 422,
    messages: {
      time: '考察时间无效',
      experts: '请至少选择一位考察专家',
    },
  },
  UNSUPPORTED_FILE: {
    status: 422,
    messages: {
      legacyExcel: '不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV（UTF-8）后再导入',
      unreadable: '无法读取导入文件，请上传 .xlsx 或 CSV 文件',
    },
  },
  IMPORT_INVALID: {
    status: 422,
    messages: {
      noSheet: '导入文件中没有工作表',
      noHeader: '导入文件中没有表头行',
      missingColumns: (p: { columns: string }) => `导入文件缺少必需的列：${p.columns}`,
    },
  },
  IDEMPOTENCY_KEY_REUSED: { status: 422, messages: { otherRequest: '该幂等键（Idempotency-Key）已用于另一个请求' } },
  CALENDAR_INVALID: {
    status: 422,
    messages: {
      notJson: '节假日数据不是有效的 JSON',
      shape: (p: { problems: string }) => `节假日数据无效：${p.problems}`,
      date: (p: { date: string }) => `节假日数据中的日期无效：${p.date}`,
      gap: (p: { date: string; days: number }) => `节假日数据异常：${p.date} 前连续 ${p.days} 天无工作日`,
    },
  },
  CALENDAR_UNAVAILABLE: { status: 422, messages: { year: (p: { year: number; date: string }) => `${p.year} 年的法定节假日安排尚未收录，无法按工作日计算（${p.date}）` } },

  // 429: too often
  RATE_LIMITED: { status: 429, messages: { wait: (p: { wait: string }) => `提交过于频繁，请在 ${p.wait}后再试` } },

  // 500: our fault, never a client's
  INTERNAL_ERROR: { status: 500, messages: { unexpected: '服务暂时出现问题，请稍后重试' } },
} as const satisfies Readonly<Record<string, CatalogueEntry>>;

type Catalogue = typeof errorCatalogue;

/** Every code of the catalogue. */
export type ErrorCode = keyof Catalogue;

/** The codes of refusals (4xx): what a {@link DomainError} may carry. */
export type RefusalCode = { [C in ErrorCode]: Catalogue[C]['status'] extends 500 ? never : C }[ErrorCode];

/** The messages of `C`, by name. */
export type MessageKey<C extends ErrorCode> = keyof Catalogue[C]['messages'] & string;

type TextOf<M> = M extends { readonly text: infer T } ? T : M;

/** The values message `K` of code `C` names (never for fixed text). */
export type MessageParams<C extends ErrorCode, K extends MessageKey<C>> = TextOf<Catalogue[C]['messages'][K]> extends (params: infer P) => string ? P : never;

/** The status and text of message `key` of `code` with `params`. */
export function catalogued(code: ErrorCode, key: string, params?: unknown): { status: ClientErrorStatus | 500; message: string } {
  const entry: CatalogueEntry = errorCatalogue[code];
  const message = entry.messages[key];
  if (message === undefined) throw new Error(`no message ${key} for ${code} in the error catalogue`);
  const { status, text } = typeof message === 'object' ? message : { status: entry.status, text: message };
  return { status, message: typeof text === 'string' ? text : (text as (values: unknown) => string)(params) };
}
