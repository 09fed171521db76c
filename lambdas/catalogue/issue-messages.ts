// Every zod issue in Chinese, for whoever reads it — a clerk reading a case's problems, staff or a
// recipient reading why a form was refused. The sentence leaves out the field's name (the caller
// puts the field's Chinese label before it) and gives the limit or the expected value where there
// is one. The switch covers every issue code zod 4 has, so a new code fails to compile here.
import type * as z from 'zod';

const KIND_ZH: Readonly<Record<string, string>> = {
  string: '文字',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '“是”或“否”',
  object: '一组字段',
  array: '列表',
  tuple: '列表',
  record: '一组字段',
  date: '日期',
  file: '文件',
  null: '空值',
  person: '个人',
  organisation: '单位',
};

/** The Chinese name of a kind of value or of a choice (`person` → 个人), else the word itself. */
export function kindZh(kind: string): string {
  return KIND_ZH[kind] ?? kind;
}

/** Whether a value at this path may be an ID number, which is never shown (only masked, by its own check). */
function secret(path: readonly PropertyKey[]): boolean {
  return path.at(-1) === 'idNumber';
}

/** What was given, in the clerk's words: its kind, and its value unless it may be an ID number. */
function givenZh(v: unknown, path: readonly PropertyKey[]): string {
  if (v === null) return '空值';
  if (Array.isArray(v)) return '列表';
  if (typeof v === 'object') return '一组字段';
  const kind = kindZh(typeof v);
  return secret(path) ? kind : `${kind}“${String(v)}”`;
}

/** `“x”` unless the value may be an ID number. */
function quoted(v: unknown, path: readonly PropertyKey[]): string {
  return secret(path) ? '填写的值' : `“${String(v)}”`;
}

/** Longer lists of choices (the 20 document types) are not read; the form offers them as a list. */
const MAX_CHOICES_SHOWN = 10;

function choices(values: readonly unknown[]): string {
  return values.map((v) => `“${String(v)}”`).join('、');
}

const UNIT: Readonly<Record<string, string>> = { array: '项', set: '项', string: '个字', file: '字节' };

function tooSmall(issue: z.core.$ZodIssueTooSmall): string {
  const min = String(issue.minimum);
  const unit = UNIT[issue.origin];
  if (issue.origin === 'string' && !issue.exact && Number(issue.minimum) === 1) return '不能为空';
  if (unit) {
    if (issue.exact) return `应为 ${min} ${unit}`;
    return issue.origin === 'array' || issue.origin === 'set' ? `至少应填 ${min} 项` : `至少应有 ${min} ${unit}`;
  }
  if (issue.origin === 'date') return `不能早于 ${min}`;
  return issue.inclusive === false ? `${String(issue.input)} 应大于 ${min}` : `${String(issue.input)} 小于最小值 ${min}`;
}

function tooBig(issue: z.core.$ZodIssueTooBig): string {
  const max = String(issue.maximum);
  const unit = UNIT[issue.origin];
  if (unit) {
    if (issue.exact) return `应为 ${max} ${unit}`;
    return issue.origin === 'array' || issue.origin === 'set' ? `最多可填 ${max} 项` : `最多可有 ${max} ${unit}`;
  }
  if (issue.origin === 'date') return `不能晚于 ${max}`;
  return issue.inclusive === false ? `${String(issue.input)} 应小于 ${max}` : `${String(issue.input)} 超过最大值 ${max}`;
}

const FORMAT_ZH: Readonly<Record<string, string>> = {
  email: '电子邮箱地址',
  url: '网址',
  uuid: 'UUID',
  date: '日期（YYYY-MM-DD，如 2026-11-24）',
  datetime: '日期时间（如 2026-11-24T09:30:00+08:00）',
  time: '时间（如 09:30）',
  hex: '十六进制数',
  base64: 'Base64 编码',
  base64url: 'Base64URL 编码',
  jwt: '令牌',
  e164: '电话号码（如 +8613812345678）',
};

function invalidFormat(issue: z.core.$ZodIssueInvalidStringFormat): string {
  const given = quoted(issue.input, issue.path);
  switch (issue.format) {
    case 'starts_with':
      return `${given}应以“${String((issue as z.core.$ZodIssueStringStartsWith).prefix)}”开头`;
    case 'ends_with':
      return `${given}应以“${String((issue as z.core.$ZodIssueStringEndsWith).suffix)}”结尾`;
    case 'includes':
      return `${given}应包含“${String((issue as z.core.$ZodIssueStringIncludes).includes)}”`;
    case 'lowercase':
      return `${given}应全部为小写字母`;
    case 'uppercase':
      return `${given}应全部为大写字母`;
    default: {
      const what = FORMAT_ZH[issue.format];
      return what ? `${given}不是有效的${what}` : `${given}的格式不正确`;
    }
  }
}

/** The value of a discriminated union's discriminator in what was given, if any. */
function discriminatorValue(issue: z.core.$ZodIssueInvalidUnion): unknown {
  const { input, discriminator } = issue;
  return discriminator && typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[discriminator] : undefined;
}

function invalidUnion(issue: z.core.$ZodIssueInvalidUnion): string {
  if (issue.inclusive === false) return '同时符合几种可填写的形式，无法确定是哪一种';
  if (issue.discriminator !== undefined) {
    const given = discriminatorValue(issue);
    if (given === undefined || given === '') return '不能为空';
    const options = issue.options ?? [];
    return options.length > 0
      ? `${quoted(given, issue.path)}不是可选的值（可选：${choices(options.map((o) => kindZh(String(o))))}）`
      : `${quoted(given, issue.path)}不是可选的值`;
  }
  return '不符合任何一种可填写的形式，请对照说明检查';
}

/** The Chinese sentence for one zod issue, without the field's name. */
export function issueZh(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '不能为空';
      if (
        (issue.expected === 'number' || issue.expected === 'int') &&
        typeof issue.input === 'string' &&
        issue.input.trim() !== '' &&
        Number.isFinite(Number(issue.input))
      ) {
        return `应为${kindZh(issue.expected)}（不加引号），填写的是${givenZh(issue.input, issue.path)}`;
      }
      return `应为${kindZh(issue.expected)}，填写的是${givenZh(issue.input, issue.path)}`;
    case 'invalid_value':
      if (issue.values.length === 1) return `应为${choices(issue.values)}，填写的是${givenZh(issue.input, issue.path)}`;
      return `${quoted(issue.input, issue.path)}不是可选的值（${issue.values.length > MAX_CHOICES_SHOWN ? `共 ${issue.values.length} 个可选值，请从列表中选择` : `可选：${choices(issue.values)}`}）`;
    case 'unrecognized_keys':
      return `有无法识别的字段 ${issue.keys.map((k) => `“${k}”`).join('、')}，请检查拼写`;
    case 'too_small':
      return tooSmall(issue);
    case 'too_big':
      return tooBig(issue);
    case 'invalid_format':
      return invalidFormat(issue);
    case 'not_multiple_of':
      return `${String(issue.input)} 应为 ${issue.divisor} 的整数倍`;
    case 'invalid_union':
      return invalidUnion(issue);
    case 'invalid_key':
      return `有一个字段名不正确：${issue.issues.map(issueZh).join('；')}`;
    case 'invalid_element':
      return `${typeof issue.key === 'object' && issue.key !== null ? '其中一项' : `“${String(issue.key)}”一项`}的值不正确：${issue.issues.map(issueZh).join('；')}`;
    case 'custom':
      return typeof issue.params?.zh === 'string' ? issue.params.zh : '不符合要求，请核对';
    default: {
      const unknown: never = issue;
      return `填写有误（${(unknown as { code?: string }).code ?? '未知问题'}）`;
    }
  }
}
