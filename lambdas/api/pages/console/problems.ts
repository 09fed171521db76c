// How the console words a refusal: the server's own Chinese message, else ours for its code or
// HTTP status, else a generic one.
import { $ } from './dom.js';

/** A refusal as the API (or the console itself) throws it. */
export interface Problem {
  code?: string;
  status?: number;
  message?: string;
  messageZh?: string;
}

const CODES: Record<string, string> = {
  UNAUTHENTICATED: '请先登录（令牌无效或已过期）',
  FORBIDDEN: '您的账号不在工作人员组，无权操作',
  CASE_NOT_FOUND: '未找到该案件',
  VERSION_NOT_FOUND: '未找到该版本',
  INVALID_INPUT: '填写的内容有误',
  NOT_ISSUED: '该案件尚未发文，无法重新生成',
  DOC_TYPE_MISMATCH: '文书类型与案件不符',
  NO_MATCHING_CASES: '没有符合条件的已发文案件',
  TOO_MANY_CASES: '符合条件的案件过多，请缩小成文日期范围',
  BULK_NOT_FOUND: '未找到该批量任务',
  PLAN_CHANGED: '符合条件的文书在预览后有变化，请重新预览并确认新的份数',
  CASE_CHANGED: '案件在预览后又有改动，请重新预览后再确认',
  BULK_FINISHED: '该批量任务已结束，没有可取消或继续的文书',
  REASON_MISSING: '请填写重新生成的原因',
  BODY_TOO_LARGE: '提交的内容过大',
};
const HTTP: Record<number, string> = {
  401: '请先登录（登录已失效）',
  403: '无权进行此操作',
  429: '请求过于频繁，请稍后再试',
  502: '服务暂时不可用，请稍后再试',
  503: '服务暂时不可用，请稍后再试',
  504: '服务响应超时，请稍后再试',
};

export const STATUS: Record<string, string> = {
  CURRENT: '现行有效',
  SUPERSEDED: '已被替换',
  ISSUED: '已发文',
  APPROVED: '已批准，待发文',
  FAILED: '发文失败',
  WITHDRAWN: '已撤回',
};
export const FAILURES: Record<string, string> = {
  CASE_INVALID: '案件数据有误',
  MISSING_GLYPH: '字库缺字',
  MARKUP_INVALID: '模板错误',
  TEMPLATE_INVALID: '模板错误',
  LAYOUT_IMPOSSIBLE: '排版无法完成',
  CASE_NOT_APPROVED: '案件未处于已批准状态',
  REJECTED: '请求被拒绝',
  NO_OUTCOME: '多次排队仍无结果',
  CASE_NOT_FOUND: '案件已被删除',
  PHOTO_MISSING: '绿卡照片缺失',
  PHOTO_INVALID: '绿卡照片不可用',
};

export function problem(error: Problem): string {
  return error.messageZh || CODES[error.code ?? ''] || HTTP[error.status ?? 0] || '操作未完成，请重试；如仍失败请联系运维人员';
}

/** A failure's reason under its heading: without the catalogue's own lead-in naming the case again. */
export function reasonOf(caseId: string, reason: string): string {
  return reason.replace('案件 ' + caseId + ' 的数据有误：', '');
}

export function say(text: string, isError?: boolean): void {
  const m = $('message');
  m.textContent = text;
  m.hidden = !text;
  m.style.borderColor = isError ? '#f4a7a3' : '';
}

/** Shows a refusal in the field-error box `id`, or clears it. */
export function fieldError(id: string, e: Problem | null): void {
  const box = $(id);
  box.textContent = e ? problem(e) : '';
  box.hidden = !e;
}
