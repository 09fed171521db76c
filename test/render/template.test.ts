import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { CASE_SCHEMAS, DOC_TYPES, DOC_TYPE_IDS, exampleCase, parseCase, type Case, type DocTypeId } from '../../lambdas/catalogue/index.js';
import { Issuer } from '../../lambdas/config.js';
import { parseMarkup } from '../../lambdas/render/markup.js';
import { SINGLE_ITEM_NOTICES } from '../support/examples.js';
import { HELPERS, TEMPLATES_DIR, TemplateError, chineseNumber, templatePath } from '../../lambdas/render/template-compiler.js';
import { DocumentRef, createTemplateRenderer, renderMarkup, renderParsedMarkup, templateHash, type TemplateData } from '../../lambdas/render/template.js';
import { tempDir } from '../support/temp-dirs.js';

const ISSUER = { name: '太原市人才工作领导小组办公室', header: '太原市人才工作领导小组办公室文件', printedBy: '太原市人才工作领导小组办公室' };

function dataFor(c: Case, verifyUrl?: string): TemplateData {
  const type = DOC_TYPES[c.docType];
  return {
    case: c,
    type,
    issuer: ISSUER,
    document: { number: `${type.numberPrefix}〔2026〕17号`, date: c.approvedOn, ...(verifyUrl ? { verifyUrl } : {}) },
  };
}

function exampleData(docType: DocTypeId, verifyUrl?: string): TemplateData {
  return dataFor(parseCase(exampleCase(docType)), verifyUrl);
}

// -----------------------------------------------------------------------------------------------
// Template AST walk: every data path a template reads, resolved through #each/#with, partials,
// partial blocks and inline partials, with the #if guards around it.

/** A data path; `[]` stands for “an element of the array”. */
type DataPath = string[];

interface Use {
  path: DataPath;
  /** A plain {{path}} is a strict lookup; a helper or #if argument is not. */
  strict: boolean;
  guards: ReadonlySet<string>;
  where: string;
}

interface Frame {
  self: DataPath;
  /** Block params (as |x|) visible in this frame. */
  params: ReadonlyMap<string, DataPath>;
}

interface PartialBlock {
  program: hbs.AST.Program;
  frames: Frame[];
  guards: ReadonlySet<string>;
  file: string;
}

const PARTIALS_DIR = join(TEMPLATES_DIR, 'partials');
const partialAst = new Map<string, hbs.AST.Program>();
function partial(name: string): hbs.AST.Program | undefined {
  if (!partialAst.has(name)) {
    try {
      partialAst.set(name, Handlebars.parse(readFileSync(join(PARTIALS_DIR, `${name}.hbs`), 'utf8')));
    } catch {
      return undefined;
    }
  }
  return partialAst.get(name);
}

const key = (p: DataPath) => p.join('.');

function collectUses(source: string, file: string): { uses: Use[]; problems: string[] } {
  const main = Handlebars.parse(source);
  const uses: Use[] = [];
  const problems: string[] = [];
  const inlines = new Map<string, { program: hbs.AST.Program; file: string }>();
  const blocks: PartialBlock[] = [];

  function resolve(p: hbs.AST.PathExpression, frames: Frame[]): DataPath | undefined {
    if (p.data) return p.parts[0] === 'root' ? p.parts.slice(1) : undefined; // @index, @last …
    const frame = frames[frames.length - 1 - p.depth];
    if (!frame) {
      problems.push(`${p.original}: ../ climbs above the root`);
      return undefined;
    }
    const [head, ...rest] = p.parts;
    const param = p.depth === 0 && head !== undefined && !p.original.startsWith('this') ? frame.params.get(head) : undefined;
    return param ? [...param, ...rest] : [...frame.self, ...p.parts];
  }

  function isHelper(p: hbs.AST.Expression): boolean {
    return p.type === 'PathExpression' && (p as hbs.AST.PathExpression).original in HELPERS;
  }

  function expression(e: hbs.AST.Expression, ctx: Ctx, strict: boolean): void {
    if (e.type === 'PathExpression') {
      const path = resolve(e as hbs.AST.PathExpression, ctx.frames);
      if (path) uses.push({ path, strict, guards: ctx.guards, where: `${ctx.file}:${e.loc.start.line}` });
    } else if (e.type === 'SubExpression') {
      const s = e as hbs.AST.SubExpression;
      if (!isHelper(s.path)) problems.push(`${ctx.file}:${e.loc.start.line}: (${(s.path as hbs.AST.PathExpression).original} …) is not a helper`);
      for (const a of s.params) expression(a, ctx, false);
      for (const pair of s.hash?.pairs ?? []) expression(pair.value, ctx, false);
    }
  }

  interface Ctx {
    file: string;
    frames: Frame[];
    guards: ReadonlySet<string>;
  }

  function program(p: hbs.AST.Program | undefined, ctx: Ctx): void {
    if (!p) return;
    if (p.blockParams?.length) {
      problems.push(`${ctx.file}:${p.loc.start.line}: block params (as |…|) escape strict mode; use this.field inside #each`);
    }
    for (const s of p.body) statement(s, ctx);
  }

  function withGuard(ctx: Ctx, e: hbs.AST.Expression): Ctx {
    const path = e.type === 'PathExpression' ? resolve(e as hbs.AST.PathExpression, ctx.frames) : undefined;
    return path ? { ...ctx, guards: new Set([...ctx.guards, key(path)]) } : ctx;
  }

  function statement(s: hbs.AST.Statement, ctx: Ctx): void {
    switch (s.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'MustacheStatement': {
        const m = s as hbs.AST.MustacheStatement;
        if (isHelper(m.path) || m.params.length > 0) {
          if (!isHelper(m.path)) problems.push(`${ctx.file}:${s.loc.start.line}: ${(m.path as hbs.AST.PathExpression).original} is not a helper`);
          for (const a of m.params) expression(a, ctx, false);
        } else {
          expression(m.path, ctx, true);
        }
        return;
      }
      case 'BlockStatement': {
        const b = s as hbs.AST.BlockStatement;
        const name = (b.path as hbs.AST.PathExpression).original;
        const [arg] = b.params;
        if (name === 'plain') {
          // {{#plain}}: its block's text without <name> marks, in the caller's context.
          program(b.program, ctx);
          return;
        }
        if (!arg) {
          problems.push(`${ctx.file}:${s.loc.start.line}: #${name} without an argument`);
          return;
        }
        expression(arg, ctx, false);
        if (name === 'if') {
          program(b.program, withGuard(ctx, arg));
          program(b.inverse, ctx);
        } else if (name === 'unless') {
          program(b.program, ctx);
          program(b.inverse, withGuard(ctx, arg));
        } else if (name === 'each' || name === 'with') {
          const path = arg.type === 'PathExpression' ? resolve(arg as hbs.AST.PathExpression, ctx.frames) : undefined;
          if (!path) {
            problems.push(`${ctx.file}:${s.loc.start.line}: #${name} needs a data path`);
            return;
          }
          const self = name === 'each' ? [...path, '[]'] : path;
          const inherited = ctx.frames[ctx.frames.length - 1]?.params ?? new Map<string, DataPath>();
          const params = new Map([...inherited, ...(b.program.blockParams?.[0] ? [[b.program.blockParams[0], self] as const] : [])]);
          // The body runs only when the value is there: it guards its own path.
          program(b.program, { ...withGuard(ctx, arg), frames: [...ctx.frames, { self, params }] });
          program(b.inverse, ctx);
        } else {
          problems.push(`${ctx.file}:${s.loc.start.line}: block helper #${name} is not one the walk understands`);
        }
        return;
      }
      case 'PartialStatement': {
        const p = s as hbs.AST.PartialStatement;
        const name = (p.name as hbs.AST.PathExpression).original;
        if (p.params.length > 0 || p.hash)
          problems.push(`${ctx.file}:${s.loc.start.line}: {{> ${name}}} passes a context or hash; partials read the caller's context`);
        if (name === '@partial-block') {
          const block = blocks[blocks.length - 1];
          if (!block) problems.push(`${ctx.file}: {{> @partial-block}} outside a partial block`);
          else program(block.program, { file: block.file, frames: block.frames, guards: block.guards });
          return;
        }
        const inline = inlines.get(name);
        if (inline) return program(inline.program, { ...ctx, file: inline.file });
        const ast = partial(name);
        if (!ast) problems.push(`${ctx.file}:${s.loc.start.line}: no partial ${name}`);
        else program(ast, { ...ctx, file: `partials/${name}.hbs` });
        return;
      }
      case 'PartialBlockStatement': {
        const p = s as hbs.AST.PartialBlockStatement;
        const name = (p.name as hbs.AST.PathExpression).original;
        const ast = partial(name);
        if (!ast) {
          problems.push(`${ctx.file}:${s.loc.start.line}: no partial ${name}`);
          return;
        }
        blocks.push({ program: p.program, frames: ctx.frames, guards: ctx.guards, file: ctx.file });
        program(ast, { ...ctx, file: `partials/${name}.hbs` });
        blocks.pop();
        return;
      }
      case 'DecoratorBlock':
        return; // inline partials: collected up front, walked where they are used
      default:
        problems.push(`${ctx.file}:${s.loc.start.line}: ${s.type} is not expected in a template`);
    }
  }

  for (const s of main.body) {
    if (s.type === 'DecoratorBlock') {
      const d = s as hbs.AST.DecoratorBlock;
      const name = (d.params[0] as hbs.AST.StringLiteral | undefined)?.value;
      if ((d.path as hbs.AST.PathExpression).original === 'inline' && name) inlines.set(name, { program: d.program, file });
    }
  }
  program(main, { file, frames: [{ self: [], params: new Map() }], guards: new Set() });
  return { uses, problems };
}

// -----------------------------------------------------------------------------------------------
// Zod 4 schema walk.

function unwrap(s: z.ZodType): { schema: z.ZodType; optional: boolean } {
  let optional = false;
  let cur = s;
  for (;;) {
    if (cur instanceof z.ZodOptional) {
      optional = true;
      cur = cur.unwrap() as z.ZodType;
    } else if (cur instanceof z.ZodNullable) {
      optional = true;
      cur = cur.unwrap() as z.ZodType;
    } else if (cur instanceof z.ZodDefault) {
      cur = cur.unwrap() as z.ZodType;
    } else if (cur instanceof z.ZodPipe) {
      cur = cur.out as z.ZodType;
    } else return { schema: cur, optional };
  }
}

/** The schemas at `seg` below `s`; optional when any branch lacks it or marks it optional. */
function step(s: z.ZodType, seg: string): { schemas: z.ZodType[]; optional: boolean } {
  const { schema } = unwrap(s);
  if (schema instanceof z.ZodUnion) {
    const branches = (schema.options as z.ZodType[]).map((o) => step(o, seg));
    const found = branches.filter((b) => b.schemas.length > 0);
    return { schemas: found.flatMap((b) => b.schemas), optional: found.length < branches.length || found.some((b) => b.optional) };
  }
  if (seg === '[]') return schema instanceof z.ZodArray ? { schemas: [schema.element as z.ZodType], optional: false } : { schemas: [], optional: false };
  if (schema instanceof z.ZodObject) {
    const child = (schema.shape as Record<string, z.ZodType>)[seg];
    if (!child) return { schemas: [], optional: false };
    return { schemas: [child], optional: unwrap(child).optional };
  }
  return { schemas: [], optional: false };
}

/** undefined when the path is not in the schema; else the prefixes that may be absent. */
function optionalPrefixes(root: z.ZodType, path: DataPath): DataPath[] | undefined {
  let schemas = [root];
  const optional: DataPath[] = [];
  for (let i = 0; i < path.length; i++) {
    const steps = schemas.map((s) => step(s, path[i]!));
    const next = steps.flatMap((st) => st.schemas);
    if (next.length === 0) return undefined;
    if (steps.some((st) => st.optional || st.schemas.length === 0)) optional.push(path.slice(0, i + 1));
    schemas = next;
  }
  return optional;
}

function rootSchema(docType: DocTypeId): z.ZodType {
  const typeEntry = z.object(Object.fromEntries(Object.keys(DOC_TYPES[docType]).map((k) => [k, z.unknown()])));
  return z.object({ case: CASE_SCHEMAS[docType], document: DocumentRef, issuer: Issuer, type: typeEntry });
}

/** Every problem with a template source for a document type: unknown paths, unguarded optional reads. */
function templateProblems(docType: DocTypeId, source: string, file: string): { uses: Use[]; problems: string[] } {
  const { uses, problems } = collectUses(source, file);
  const root = rootSchema(docType);
  for (const u of uses) {
    const optional = optionalPrefixes(root, u.path);
    if (!optional) {
      problems.push(`${u.where}: ${key(u.path)} is not in the ${docType} schema`);
      continue;
    }
    // A strict {{lookup}} of a field that may be absent must sit inside {{#if}} on it.
    if (u.strict) {
      for (const p of optional) {
        if (!u.guards.has(key(p))) problems.push(`${u.where}: ${key(u.path)} may be absent (${key(p)}); wrap it in {{#if ${key(p)}}}`);
      }
    }
  }
  // A partial used twice (the title: attribute and element) reports its problems once.
  return { uses, problems: [...new Set(problems)] };
}

// -----------------------------------------------------------------------------------------------

/** A templates folder with the real partials and the given files replaced or added. */
function templatesWith(files: Record<string, string>): string {
  const dir = tempDir('templates-');
  cpSync(TEMPLATES_DIR, dir, { recursive: true });
  for (const [name, source] of Object.entries(files)) writeFileSync(join(dir, name), source);
  return dir;
}

function parseXml(markup: string): Element {
  const dom = parseDocument(markup, { xmlMode: true, decodeEntities: true });
  const roots = dom.children.filter((n): n is Element => n.type === 'tag');
  expect(roots).toHaveLength(1);
  return roots[0]!;
}

function textOf(e: Element): string {
  return e.children.map((c) => (c.type === 'text' ? c.data : c.type === 'tag' ? textOf(c) : '')).join('');
}

function childElements(e: Element): Element[] {
  return e.children.filter((n): n is Element => n.type === 'tag');
}

const BLOCK_ELEMENTS = new Set([
  'copy-number',
  'header',
  'number',
  'title',
  'to',
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'table',
  'attachments',
  'signature',
  'note',
  'imprint',
  'qr',
]);

describe('templates and schemas', () => {
  it('has exactly one template per document type', () => {
    const files = readdirSync(TEMPLATES_DIR)
      .filter((f) => f.endsWith('.hbs'))
      .sort();
    expect(files).toEqual(DOC_TYPE_IDS.map((id) => DOC_TYPES[id].template).sort());
  });

  for (const docType of DOC_TYPE_IDS) {
    it(`${docType}: reads only fields its schema has, and guards optional ones`, () => {
      const file = DOC_TYPES[docType].template;
      const { uses, problems } = templateProblems(docType, readFileSync(join(TEMPLATES_DIR, file), 'utf8'), file);
      expect(problems).toEqual([]);
      expect(uses.some((u) => u.path[0] === 'case')).toBe(true);
    });
  }

  it('the walk reports unknown fields, unguarded optional fields and block params', () => {
    const source = [
      '{{#*inline "title"}}{{case.recipient.employer}}{{/inline}}',
      '{{#> document}}',
      '{{case.details.awardYears}}',
      '{{#each case.copyTo}}{{this.name}}{{/each}}',
      '{{#if case.recipient.employer}}{{case.recipient.employer}}{{/if}}',
      '{{#each case.copyTo as |x|}}{{x}}{{/each}}',
      '{{document.verifyUrl}}',
      '{{/document}}',
    ].join('\n');
    const { problems } = templateProblems('skill-grand-award', source, 'probe.hbs');
    expect([...problems].sort()).toEqual(
      [
        'probe.hbs:1: case.recipient.employer may be absent (case.recipient.employer); wrap it in {{#if case.recipient.employer}}',
        'probe.hbs:3: case.details.awardYears is not in the skill-grand-award schema',
        'probe.hbs:4: case.copyTo.[].name is not in the skill-grand-award schema',
        'probe.hbs:6: block params (as |…|) escape strict mode; use this.field inside #each',
        'probe.hbs:7: document.verifyUrl may be absent (document.verifyUrl); wrap it in {{#if document.verifyUrl}}',
      ].sort(),
    );
  });
});

describe('renderMarkup', () => {
  for (const docType of DOC_TYPE_IDS.filter((id) => DOC_TYPES[id].family !== 'card')) {
    it(`renders the ${docType} example to document markup`, () => {
      const data = exampleData(docType, 'https://notice.example.gov.cn/v/DOC123');
      const markup = renderMarkup(data);
      const root = parseXml(markup);
      expect(root.name).toBe('document');
      const names = childElements(root).map((e) => e.name);
      for (const n of names) expect(BLOCK_ELEMENTS).toContain(n);
      expect(names.slice(0, 4)).toEqual(['header', 'number', 'title', 'to']);
      expect(names.slice(-3)).toEqual(['signature', 'imprint', 'qr']);
      const title = textOf(childElements(root).find((e) => e.name === 'title')!);
      expect(root.attribs.title).toBe(title);
      expect(title).toMatch(/^关于.+的(通知|批复)$/);
      expect(textOf(childElements(root).find((e) => e.name === 'to')!).trim()).toMatch(/：$/);
      expect(markup).toContain(`${DOC_TYPES[docType].clause}`);
      expect(markup).toContain('《中共太原市委关于深化人才发展体制机制改革加快推进创新驱动转型升级的实施意见》（并发〔2018〕2号）');
      // The markup parser accepts it: the next stage can build the document model.
      const model = parseMarkup(markup, templatePath(docType));
      expect(model.meta.title).toBe(title);
      expect(model.qr).toBe('https://notice.example.gov.cn/v/DOC123');
    });
  }

  it('names the recipient in the title and addresses a person as 同志', () => {
    const root = parseXml(renderMarkup(exampleData('skill-grand-award')));
    expect(root.attribs.title).toBe('关于给予童𬱖同志中华技能大奖奖励的通知');
    expect(textOf(childElements(root).find((e) => e.name === 'to')!).trim()).toBe('童𬱖同志：');
  });

  it("marks the case's name in the title as a <name>, escaped, and leaves the PDF title plain", () => {
    const data = exampleData('talent-scout-award');
    const markup = renderMarkup({ ...data, case: { ...data.case, recipient: { ...data.case.recipient, name: '山西<智创>&新材料有限公司' } } as Case });
    expect(markup).toContain('<title>关于授予<name>山西&lt;智创&gt;&amp;新材料有限公司</name>引才伯乐奖的通知</title>');
    expect(parseXml(markup).attribs.title).toBe('关于授予山西<智创>&新材料有限公司引才伯乐奖的通知');
  });

  it('writes amounts in words and figures and the money table of a package in figures', () => {
    const markup = renderMarkup(exampleData('skill-grand-award'));
    expect(markup).toContain('人民币伍拾万元整（¥500,000.00）');
    const academician = renderMarkup(exampleData('academician-package'));
    expect(academician).toContain('人民币壹仟柒佰肆拾万元整（¥17,400,000.00）');
    expect(academician).toContain('津贴（每年¥1,000,000.00，3年）');
    expect(academician).toMatch(/<td align="right">¥12,000,000\.00<\/td>/);
  });

  it('leaves the money table out of a notice that pays one item, whose body already states the amount', () => {
    const oneItem = SINGLE_ITEM_NOTICES;
    for (const docType of oneItem) {
      const c = parseCase(exampleCase(docType));
      const markup = renderMarkup(dataFor(c));
      expect(markup, docType).not.toContain('<table');
      // A flat is let, not paid: its notice states the rent instead (tested below).
      if (docType === 'talent-apartment-allocation') continue;
      expect('amounts' in c, docType).toBe(true);
      if ('amounts' in c) expect(markup, docType).toContain(HELPERS.amount(c.amounts.total));
    }
  });

  it('renders the green card example to card markup: front and back, the number and the QR', () => {
    const markup = renderMarkup(exampleData('talent-green-card', 'https://notice.example.gov.cn/v/DOC123'));
    const root = parseXml(markup);
    expect(root.name).toBe('card');
    expect(childElements(root).map((e) => e.name)).toEqual(['front', 'back']);
    expect(markup).toContain('<holder>阿依古丽·买买提</holder>');
    expect(markup).toContain('<field label="有效期">2026年9月1日至2031年8月31日</field>');
    expect(markup).toContain('<qr caption="扫码核验">https://notice.example.gov.cn/v/DOC123</qr>');
    expect(markup).not.toContain('<photo');
  });

  it('names the flat, the lease, the rent and what the tenant must do by when in a talent-apartment notice', () => {
    const markup = renderMarkup(exampleData('talent-apartment-allocation'));
    expect(markup).toContain('同意向你分配龙城人才公寓（晋源园区）3号楼2单元1104室（89.6平方米），租期2年（2026年9月1日至2028年8月31日），月租金¥1,200.00');
    expect(markup).toContain('人才公寓只租不售');
    expect(markup).toContain('请于2026年8月31日前持本通知到龙城人才公寓（晋源园区）服务中心签订租赁合同');
    expect(markup).toContain('并人才寓〔2026〕');
  });

  it('lists the support of an advanced team year by year, with the total, under 第十八条', () => {
    const markup = renderMarkup(exampleData('advanced-team-subsidy'));
    expect(markup).toContain('<tr><td>2027年度先进团队支持资金</td><td align="center">第十八条</td><td align="right">¥8,000,000.00</td></tr>');
    expect(markup).toContain('同意给予该团队支持资金人民币贰仟肆佰万元整（¥24,000,000.00）');
  });

  it('states a per-month amount in the text as rate and months, in words and figures', () => {
    expect(renderMarkup(exampleData('graduate-living-subsidy'))).toContain(
      '核准按每月人民币叁仟元整（¥3,000.00）、共12个月给予你2025年8月至2026年7月生活补助人民币叁万陆仟元整（¥36,000.00）',
    );
    expect(renderMarkup(exampleData('flexible-allowance'))).toContain(
      '核准按每月人民币壹万贰仟元整（¥12,000.00）、共7个月给予你津贴人民币捌万肆仟元整（¥84,000.00）',
    );
  });

  it('keeps the conditions that stop a payment', () => {
    expect(renderMarkup(exampleData('graduate-living-subsidy'))).toContain('服务期内解除服务合同的，自解除之月起停止发放补助。');
    expect(renderMarkup(exampleData('academician-package'))).toContain('你不再在我市全职工作的，自次月起停止拨付津贴。');
    expect(renderMarkup(exampleData('city-talent-title'))).toContain('考核不合格的，停止拨付当年生活补贴。');
  });

  it('puts the document number first in the PDF keywords', () => {
    for (const docType of DOC_TYPE_IDS) {
      const root = parseXml(renderMarkup(exampleData(docType)));
      expect(root.attribs.keywords, docType).toBe(
        `${DOC_TYPES[docType].numberPrefix}〔2026〕17号,并发〔2018〕2号,${DOC_TYPES[docType].clause},${DOC_TYPES[docType].nameZh}`,
      );
    }
  });

  it('writes dates per GB/T 9704, without leading zeros', () => {
    const markup = renderMarkup(exampleData('national-technical-expert'));
    expect(markup).toContain('<signature date="2026年10月9日" sealed="true">太原市人才工作领导小组办公室</signature>');
    expect(markup).toContain('<printed-by date="2026年10月9日印发">太原市人才工作领导小组办公室</printed-by>');
  });

  it('writes 抄送 as a list ending with 。', () => {
    const markup = renderMarkup(exampleData('academician-package'));
    expect(markup).toContain('<copy-to>抄送：市委组织部，市财政局，市人力资源和社会保障局，太原理工大学。</copy-to>');
  });

  it('leaves out 抄送 and the QR code when the case and document have none', () => {
    const c = exampleCase('skill-grand-award');
    delete c.copyTo;
    const markup = renderMarkup(dataFor(parseCase(c)));
    expect(markup).not.toContain('<copy-to>');
    expect(markup).not.toContain('<qr>');
    expect(markup).toContain('<printed-by');
  });

  it('prints the ID number only masked', () => {
    const markup = renderMarkup(exampleData('academician-package'));
    expect(markup).toContain('公民身份号码：140105********0007');
    expect(markup).not.toContain('140105195605200007');
  });

  it('keeps markup in case data as text: a name containing <p> stays text', () => {
    const c = exampleCase('platform-subsidy');
    c.recipient.name = '山西<p>测试</p>科技有限公司';
    const markup = renderMarkup(dataFor(parseCase(c)));
    expect(markup).toContain('山西&lt;p&gt;测试&lt;/p&gt;科技有限公司');
    const root = parseXml(markup);
    const to = childElements(root).find((e) => e.name === 'to')!;
    expect(childElements(to)).toEqual([]);
    expect(textOf(to).trim()).toBe('山西<p>测试</p>科技有限公司：');
    expect(
      childElements(root)
        .filter((e) => e.name === 'p')
        .every((p) => childElements(p).length === 0),
    ).toBe(true);
  });

  it('escapes quotes and ampersands in attributes', () => {
    const c = exampleCase('platform-subsidy');
    // Latin-only text keeps its straight quotes (Chinese text would get “”).
    c.recipient.name = '"A&B" Technology Co., Ltd.';
    const root = parseXml(renderMarkup(dataFor(parseCase(c))));
    expect(root.attribs.title).toBe('关于同意给予"A&B" Technology Co., Ltd.国家级企业技术中心补助的批复');
  });

  it('numbers the staffing-pool posts and continues the conditions after the standard ones', () => {
    const markup = renderMarkup(exampleData('staffing-pool-approval'));
    const root = parseXml(markup);
    const table = childElements(root).find((e) => e.name === 'table')!;
    const rows = childElements(table);
    expect(rows).toHaveLength(1 + 23 + 1);
    expect(textOf(childElements(rows[23]!)[0]!)).toBe('23');
    expect(markup).toContain('<p>（四）你单位引进人才应当坚持德才兼备');
    expect(markup).toContain('<p>（十一）你单位应当于每年1月底前');
  });

  it('renders the same case to the same markup every time', () => {
    expect(renderMarkup(exampleData('staffing-pool-approval'))).toBe(renderMarkup(exampleData('staffing-pool-approval')));
  });

  it('rejects a document number that is not a 发文字号', () => {
    const data = exampleData('skill-grand-award');
    data.document = { ...data.document, number: '并人才奖[2026]017号' };
    expect(() => renderMarkup(data)).toThrow(expect.objectContaining({ code: 'TEMPLATE_DATA_INVALID' }));
  });

  it('rejects a type entry that does not belong to the case', () => {
    const data = { ...exampleData('skill-grand-award'), type: DOC_TYPES['national-technical-expert'] };
    expect(() => renderMarkup(data)).toThrow('type.id national-technical-expert does not match case.docType skill-grand-award');
  });

  it('validates the case again before it reaches a template', () => {
    const data = exampleData('skill-grand-award');
    const bad = { ...data, case: { ...data.case, amounts: { award: 1, total: 1 } } as Case };
    expect(() => renderMarkup(bad)).toThrow(expect.objectContaining({ code: 'CASE_INVALID' }));
  });

  it('renders a case parseCase returned to the same markup without validating it again, still checking the document and issuer', () => {
    for (const docType of DOC_TYPE_IDS) expect(renderParsedMarkup(exampleData(docType)), docType).toBe(renderMarkup(exampleData(docType)));
    const data = exampleData('skill-grand-award');
    expect(() => renderParsedMarkup({ ...data, document: { ...data.document, number: '并人才奖[2026]017号' } })).toThrow(
      expect.objectContaining({ code: 'TEMPLATE_DATA_INVALID' }),
    );
  });
});

describe('template errors', () => {
  const TITLE = '{{#*inline "title"}}关于测试的通知{{/inline}}';

  it('names the template and the path when a template reads a field the case does not have', () => {
    const dir = templatesWith({ 'skill-grand-award.hbs': `${TITLE}{{#> document}}<p>{{case.details.awardYears}}</p>{{/document}}` });
    const r = createTemplateRenderer(dir);
    expect(() => r.renderMarkup(exampleData('skill-grand-award'))).toThrow(
      expect.objectContaining({ code: 'TEMPLATE_FIELD_MISSING', message: 'templates/skill-grand-award.hbs: case.details.awardYears is not in the case' }),
    );
  });

  it('names the partial a missing field was read in', () => {
    const dir = templatesWith({
      'partials/verify-line.hbs': '<p>{{document.verifyUrl}}</p>',
      'skill-grand-award.hbs': `${TITLE}{{#> document}}{{> verify-line}}{{/document}}`,
    });
    expect(() => createTemplateRenderer(dir).renderMarkup(exampleData('skill-grand-award'))).toThrow(
      'templates/partials/verify-line.hbs (used by templates/skill-grand-award.hbs): document.verifyUrl is not in the template data',
    );
  });

  it('gives the array index of a missing field inside #each', () => {
    const dir = templatesWith({
      'staffing-pool-approval.hbs': `${TITLE}{{#> document}}{{#each case.details.posts}}<p>{{this.salary}}</p>{{/each}}{{/document}}`,
    });
    expect(() => createTemplateRenderer(dir).renderMarkup(exampleData('staffing-pool-approval'))).toThrow(
      'templates/staffing-pool-approval.hbs: case.details.posts[0].salary is not in the case',
    );
  });

  it('reports a missing field read through a nested path and through a helper', () => {
    const nested = templatesWith({ 'skill-grand-award.hbs': `${TITLE}{{#> document}}<p>{{case.details.prize.name}}</p>{{/document}}` });
    expect(() => createTemplateRenderer(nested).renderMarkup(exampleData('skill-grand-award'))).toThrow('case.details.prize is not in the case');
    const helper = templatesWith({ 'skill-grand-award.hbs': `${TITLE}{{#> document}}<p>{{yuan case.amounts.bonus}}</p>{{/document}}` });
    expect(() => createTemplateRenderer(helper).renderMarkup(exampleData('skill-grand-award'))).toThrow(
      expect.objectContaining({ code: 'TEMPLATE_FIELD_MISSING', message: 'templates/skill-grand-award.hbs: case.amounts.bonus is not in the case' }),
    );
  });

  it('refuses helpers it does not know', () => {
    const dir = templatesWith({ 'skill-grand-award.hbs': `${TITLE}{{#> document}}<p>{{upper case.recipient.name}}</p>{{/document}}` });
    expect(() => createTemplateRenderer(dir).renderMarkup(exampleData('skill-grand-award'))).toThrow(
      expect.objectContaining({
        code: 'TEMPLATE_INVALID',
        message: expect.stringContaining('templates/skill-grand-award.hbs: You specified knownHelpersOnly'),
      }),
    );
  });

  it('says which template file is missing', () => {
    const dir = templatesWith({});
    rmSync(join(dir, 'hr-park-rent-free.hbs'));
    expect(() => createTemplateRenderer(dir).renderMarkup(exampleData('hr-park-rent-free'))).toThrow(
      expect.objectContaining({ code: 'TEMPLATE_NOT_FOUND', message: expect.stringContaining('templates/hr-park-rent-free.hbs') }),
    );
  });

  it('is a permanent NoticeError', () => {
    const e = new TemplateError('TEMPLATE_INVALID', 'x');
    expect(e.permanent).toBe(true);
    expect(e.code).toBe('TEMPLATE_INVALID');
  });
});

describe('helpers and hashes', () => {
  it('writes Chinese heading numbers', () => {
    expect([1, 4, 10, 11, 20, 23, 99].map(chineseNumber)).toEqual(['一', '四', '十', '十一', '二十', '二十三', '九十九']);
  });

  it('formats money and dates through the catalogue helpers', () => {
    expect(HELPERS.yuan(1409.5)).toBe('¥1,409.50');
    expect(HELPERS.yuanUpper(107000.53)).toBe('人民币壹拾万柒仟元零伍角叁分');
    expect(HELPERS.amount(20000)).toBe('人民币贰万元整（¥20,000.00）');
    expect(HELPERS.gbDate('2026-01-05')).toBe('2026年1月5日');
    expect(HELPERS.gbDate('2026-01')).toBe('2026年1月');
    expect(HELPERS.maskId('14010519900105000X')).toBe('140105********000X');
  });

  it('hashes each template with its partials, stably', () => {
    const a = templateHash('skill-grand-award');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(templateHash('skill-grand-award')).toBe(a);
    expect(templateHash('national-technical-expert')).not.toBe(a);
    const changedPartial = createTemplateRenderer(templatesWith({ 'partials/qr.hbs': '{{!-- changed --}}' }));
    expect(changedPartial.templateHash('skill-grand-award')).not.toBe(a);
  });

  it('names template files for messages', () => {
    expect(templatePath('postdoc-station')).toBe('templates/postdoc-station.hbs');
  });
});
