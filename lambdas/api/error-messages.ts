// What a person reads when the API refuses: every error code the API answers with has a Chinese
// sentence here, sent as `messageZh` beside the technical `message`. The console shows messageZh;
// scripts and logs keep the English message with the field and rule.

export const CHINESE_MESSAGES: Readonly<Record<string, string>> = {
  UNAUTHENTICATED: '请先登录（登录已失效或令牌无效）',
  FORBIDDEN: '您的账号不在工作人员组，无权进行此操作，请联系管理员',
  CASE_NOT_FOUND: '未找到该案件，请核对案件编号',
  VERSION_NOT_FOUND: '未找到该版本的文书',
  CASE_UNREADABLE: '案件记录无法识别文书类型，请先更正案件数据',
  DOC_TYPE_MISMATCH: '文书类型与案件不符，请核对案件编号或文书类型',
  NOT_ISSUED: '该案件尚未发文，无法重新生成',
  CASE_CHANGED: '案件在预览后又有改动，请重新预览后再确认',
  CASE_INVALID: '案件数据有误，请先在业务系统中更正',
  MISSING_GLYPH: '案件中有字体无法显示的字，请联系运维人员补充字体',
  TEMPLATE_ERROR: '文书模板有误，请联系运维人员',
  MARKUP_INVALID: '文书模板有误，请联系运维人员',
  LAYOUT_IMPOSSIBLE: '文书内容无法排入版面，请精简相关内容或联系运维人员',
  ALREADY_ISSUED: '该案件已发文；如需更正，请使用“重新生成”',
  CASE_NOT_ISSUABLE: '案件当前状态不能发文，请先在业务系统中批准',
  CARD_REVOKED: '该绿卡已注销，不能重新生成；如需发卡，请作为新案件办理',
  NOT_A_CARD: '该案件不是人才服务“绿卡”，没有卡片状态，也不能注销',
  CARD_CHANGED: '绿卡在注销时有了新版本，请刷新后再注销',
  NO_MATCHING_CASES: '没有符合条件的已发文案件',
  TOO_MANY_CASES: '符合条件的文书过多，请缩小成文日期范围',
  PLAN_CHANGED: '符合条件的文书在预览后有变化，请重新预览并确认新的份数',
  BULK_NOT_FOUND: '未找到该批量任务',
  BULK_FINISHED: '该批量任务已结束，没有可取消或继续的文书',
  INVALID_INPUT: '填写的内容有误',
  INVALID_JSON: '提交的内容格式有误，请刷新页面后重试',
  INVALID_FORM: '提交的表单有误，请刷新页面后重试',
  UNSUPPORTED_MEDIA_TYPE: '提交的内容格式不受支持，请刷新页面后重试',
  BODY_TOO_LARGE: '提交的内容过大',
  QUEUE_SEND_FAILED: '请求未能排队，请一分钟后重试',
  DOCUMENT_NOT_FOUND: '未找到该文书',
  INVALID_ADDRESS: '接收地址格式不正确，请核对手机号码、电子邮箱或微信号',
  CHANNEL_NOT_CONFIGURED: '本系统未配置该发送渠道，请改用复制链接或二维码，或联系管理员配置',
  SEND_FAILED: '链接未能发出，请稍后重试；此次尝试已记入案件记录',
  ROUTE_NOT_FOUND: '页面或接口不存在',
  METHOD_NOT_ALLOWED: '不支持此操作',
  INTERNAL: '系统出错，未做任何更改；请重试，如仍失败请联系运维人员',
};

/** Field names in the API's messages, as the console's labels call them. */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  reason: '原因',
  status: '状态',
  channel: '发送方式',
  to: '接收地址',
  previewedCaseAt: '预览时间',
  docType: '文书类型',
  approvedFrom: '成文日期（起）',
  approvedTo: '成文日期（止）',
  expectedCount: '确认份数',
  fingerprint: '预览结果',
  caseId: '案件编号',
  version: '版本',
  bulkId: '批量任务编号',
  q: '查询内容',
  sha256: 'SHA-256',
};

/** Query parameters named like body fields but meaning something else. */
const QUERY_FIELD_NAMES: Readonly<Record<string, string>> = { from: '日期（起）', to: '日期（止）' };

/**
 * The Chinese name of the field a problem is about: the issue's own path, else the value's name as
 * parseWith was told it (`caseId`, `query parameter docType`); unknown names are shown as they are.
 */
export function inputFieldName(path: readonly PropertyKey[], what: string): string {
  const key = path.findLast((p): p is string => typeof p === 'string') ?? what.split(' ').at(-1) ?? what;
  const names = what === 'query' ? { ...FIELD_NAMES, ...QUERY_FIELD_NAMES } : FIELD_NAMES;
  if (key === 'body' || key === 'query') return '提交的内容';
  return names[key] ?? key;
}

/** The catalogue words these itself, in Chinese and per field (“获奖人姓名（名称）：不能为空”). */
const WORDED_BY_CATALOGUE = new Set(['CASE_INVALID']);

/**
 * The Chinese sentence for a refusal: its own when it carries one (InputError names each field's
 * problem), else the code's; for INVALID_INPUT from elsewhere with the fields the message names.
 */
export function chineseMessage({ code, message, messageZh }: { code: string; message: string; messageZh?: string }): string {
  if (messageZh) return messageZh;
  if (WORDED_BY_CATALOGUE.has(code)) return message;
  const base = CHINESE_MESSAGES[code] ?? '操作未完成，请重试；如仍失败请联系运维人员';
  if (code !== 'INVALID_INPUT') return base;
  const fields = [...new Set([...message.matchAll(/(?:^|[\s.;:])(\w+): /g)].map((m) => FIELD_NAMES[m[1]!]).filter((f) => f !== undefined))];
  return fields.length > 0 ? `${base}：请检查${fields.join('、')}` : base;
}
