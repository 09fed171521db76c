// Template stage: a validated case → document markup (model.ts), through Handlebars in strict
// mode. Handlebars escapes every `{{value}}`, so case data can never become markup.
//
// Each template is compiled once per renderer, on first use, and cached. Compiling (parsing the
// template and generating its code, ≈ 20 ms for a document and its partials) is done ahead when
// the worker's asset or the CLI's bundle is built: precompiled.json beside the templates holds
// Handlebars' precompiled code keyed by a hash of each file's source, the Handlebars version and
// the compile options, so an entry is used only for exactly the source it was made from and a
// stale file costs time, never a wrong document (docs/scale.md "Cold start").
//
// A template that reads a field the data lacks fails with TEMPLATE_FIELD_MISSING naming the file
// and the full data path: the data is wrapped in read-only proxies that remember the last path
// looked up and not found.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { z } from 'zod';
import {
  DOC_TYPES,
  formatYuan,
  gbDate,
  maskIdNumber,
  safeParseCase,
  uppercaseYuan,
  yuanToFen,
  type Case,
  type DocTypeId,
  type DocTypeInfo,
} from '../catalogue/index.js';
import { DOCUMENT_NUMBER_PATTERN } from '../catalogue/document-number.js';
import { Issuer } from '../config.js';
import { NoticeError } from '../errors.js';
import { describeIssues } from '../zod-issues.js';

/** Where templates live; NOTICE_TEMPLATES_DIR overrides it (e.g. next to a bundled Lambda). */
export const TEMPLATES_DIR = process.env.NOTICE_TEMPLATES_DIR ?? fileURLToPath(new URL('../../templates/', import.meta.url));

/** The templates' precompiled code, beside them in their folder (made by precompileTemplates). */
export const PRECOMPILED_FILE = 'precompiled.json';

/** The 发文字号 form of GB/T 9704 (official-document-layout.md §5.3). */

export const DocumentRef = z.strictObject({
  /** 发文字号, e.g. 并人才奖〔2026〕17号. */
  number: z.string().regex(DOCUMENT_NUMBER_PATTERN, { error: (i) => `“${String(i.input)}” is not a 发文字号 like 并人才奖〔2026〕17号` }),
  /** 成文日期, ISO. */
  date: z.iso.date({ error: (i) => `“${String(i.input)}” is not an ISO date YYYY-MM-DD` }),
  /** Verification page encoded in the QR code. */
  verifyUrl: z.url().optional(),
});
export type DocumentRef = z.infer<typeof DocumentRef>;

/** What a template receives. */
export interface TemplateData {
  case: Case;
  document: DocumentRef;
  issuer: Issuer;
  type: DocTypeInfo;
}

export type TemplateErrorCode = 'TEMPLATE_FIELD_MISSING' | 'TEMPLATE_INVALID' | 'TEMPLATE_NOT_FOUND' | 'TEMPLATE_DATA_INVALID';

export class TemplateError extends NoticeError {
  constructor(
    readonly code: TemplateErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** How error messages name a template file: `templates/<file>`. */
export function templatePath(docType: DocTypeId): string {
  return `templates/${DOC_TYPES[docType].template}`;
}

// ---------------------------------------------------------------------------------------------
// Helpers. Money helpers take yuan as the case writes it and print through integer 分.

/** Thrown by a helper given no value: the field it was asked for is missing from the data. */
class MissingValue extends Error {}

function requireValue(helper: string, v: unknown): unknown {
  if (v === undefined || v === null) throw new MissingValue(`${helper} was given no value`);
  return v;
}

function fenOf(helper: string, v: unknown): number {
  const yuan = requireValue(helper, v);
  const fen = typeof yuan === 'number' ? yuanToFen(yuan) : null;
  if (fen === null) throw new Error(`${helper}: ${String(yuan)} is not an amount in yuan`);
  return fen;
}

function isoOf(helper: string, v: unknown): string {
  const s = requireValue(helper, v);
  if (typeof s !== 'string' || !/^\d{4}-\d{2}(-\d{2})?$/.test(s)) throw new Error(`${helper}: ${String(s)} is not an ISO date or month`);
  return s;
}

/** Handlebars passes its options object last; a helper's optional number argument is only a number. */
function offsetOf(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

const CN_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (heading numbers; 1–99). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`${n} is outside 1–99`);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return CN_DIGITS[ones]!;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${CN_DIGITS[ones]}`;
}

/** Every helper a template may use (compiled with knownHelpersOnly: nothing else resolves). */
export const HELPERS = {
  /** 500000 → ¥500,000.00 */
  yuan: (v: unknown) => formatYuan(fenOf('yuan', v)),
  /** 500000 → 人民币伍拾万元整 */
  yuanUpper: (v: unknown) => uppercaseYuan(fenOf('yuanUpper', v)),
  /** 500000 → 人民币伍拾万元整（¥500,000.00）: how a document body states an amount. */
  amount: (v: unknown) => {
    const fen = fenOf('amount', v);
    return `${uppercaseYuan(fen)}（${formatYuan(fen)}）`;
  },
  /** 2026-01-05 → 2026年1月5日; 2026-01 → 2026年1月 */
  gbDate: (v: unknown) => gbDate(isoOf('gbDate', v)),
  /** 140105199001050007 → 140105********0007 */
  maskId: (v: unknown) => maskIdNumber(String(requireValue('maskId', v))),
  eq: (a: unknown, b: unknown) => a === b,
  /** @index → 1-based number, plus an optional offset: {{seq @index}}, {{seq @index 3}} */
  seq: (i: unknown, offset: unknown) => Number(i) + 1 + offsetOf(offset),
  /** @index → 一, 二, … plus an optional offset, for （一） headings: {{cnSeq @index 3}} → 四 for the first */
  cnSeq: (i: unknown, offset: unknown) => chineseNumber(Number(i) + 1 + offsetOf(offset)),
  /** A name the case gives, in a <title>: {{name case.recipient.name}} → <name>…</name>, one word to the title's breaks (TITLE-1). */
  name: (v: unknown) => new Handlebars.SafeString(`<name>${Handlebars.escapeExpression(String(requireValue('name', v)))}</name>`),
  /** The block's text without its <name> marks: {{#plain}}{{> title}}{{/plain}} for the PDF /Title. */
  plain(this: unknown, options: Handlebars.HelperOptions) {
    return options.fn(this).replace(/<\/?name>/g, '');
  },
} as const;

const COMPILE_OPTIONS: CompileOptions = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((k) => [k, true])),
  preventIndent: true,
};

/** What a precompiled entry is made from, besides the source: another version or option misses. */
const COMPILER_KEY = `${Handlebars.VERSION}\0${JSON.stringify(COMPILE_OPTIONS)}\0`;

/** The key of a template source's entry in precompiled.json. */
function precompiledKey(source: string): string {
  return createHash('sha256').update(COMPILER_KEY).update(source).digest('hex');
}

const Precompiled = z.record(z.string(), z.string());
type Precompiled = z.infer<typeof Precompiled>;

/** A template's code: from precompiled.json when it holds this exact source, else compiled now. */
function loadTemplate(hb: typeof Handlebars, precompiled: Precompiled, source: string): HandlebarsTemplateDelegate {
  const spec = precompiled[precompiledKey(source)] ?? hb.precompile(source, COMPILE_OPTIONS);
  // Handlebars' precompiled form is the source of an object literal; evaluating it is how a
  // precompiled template is loaded (the code is ours: made from our templates by our build).
  const evaluated = new Function(`return ${spec}`)() as TemplateSpecification;
  return hb.template(evaluated);
}

/** A partial's source as it is compiled: without its final newline, so it can be used inside a line of text. */
function partialSource(fileSource: string): string {
  return fileSource.replace(/\r?\n$/, '');
}

function readPrecompiled(dir: string): Precompiled {
  let text: string;
  try {
    text = readFileSync(join(dir, PRECOMPILED_FILE), 'utf8');
  } catch {
    return {};
  }
  try {
    return Precompiled.parse(JSON.parse(text));
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new TemplateError('TEMPLATE_INVALID', `templates/${PRECOMPILED_FILE}: not precompiled templates (${why}); delete it or build it again`);
  }
}

/**
 * The precompiled code of every template and partial in `dir`, as precompiled.json holds it
 * (keys sorted, so the same templates give the same file).
 */
export function precompileTemplates(dir: string = TEMPLATES_DIR): string {
  const hb = Handlebars.create();
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.hbs'))
    .map((f) => readSource(dir, f));
  for (const f of partialFiles(dir)) sources.push(partialSource(readSource(dir, `partials/${f}`)));
  const entries = sources.map((source) => [precompiledKey(source), hb.precompile(source, COMPILE_OPTIONS)] as const);
  return JSON.stringify(Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

// ---------------------------------------------------------------------------------------------
// Missing-field tracking.

interface Lookups {
  /** The last data path looked up and not found, e.g. `case.details.posts[3].title`. */
  missing: string | undefined;
}

function childPath(parent: string, key: string): string {
  return /^\d+$/.test(key) ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;
}

/** Wraps objects (lazily, all the way down) so that a failed lookup records its full path. */
function tracked<T>(value: T, path: string, lookups: Lookups): T {
  if (typeof value !== 'object' || value === null) return value;
  return new Proxy(value, {
    has(target, key) {
      const found = Reflect.has(target, key);
      if (!found && typeof key === 'string') lookups.missing = childPath(path, key);
      return found;
    },
    get(target, key, receiver) {
      const v: unknown = Reflect.get(target, key, receiver);
      if (typeof key !== 'string') return v;
      if (!Reflect.has(target, key)) {
        lookups.missing = childPath(path, key);
        return v;
      }
      const own = Object.getOwnPropertyDescriptor(target, key);
      // A frozen property must be returned as itself (a Proxy invariant).
      if (!own || (!own.configurable && !own.writable)) return v;
      return tracked(v, childPath(path, key), lookups);
    },
    set() {
      throw new TypeError('template data is read-only');
    },
  }) as T;
}

/** Errors that mean “a field the template reads is not there”. */
function isMissingField(e: unknown): boolean {
  if (e instanceof MissingValue) return true;
  if (e instanceof TypeError) return /Cannot read properties of (undefined|null)/.test(e.message);
  return e instanceof Error && / not defined in /.test(e.message);
}

/** The innermost template file an error passed through (set by the partial wrappers). */
const errorFile = new WeakMap<object, string>();

// ---------------------------------------------------------------------------------------------
// The renderer.

export interface TemplateRenderer {
  renderMarkup(data: TemplateData): string;
  /** The same for a case that parseCase has returned: it is not validated again. */
  renderParsedMarkup(data: TemplateData): string;
  /** sha256 of the type's template and every partial: recorded with each document version. */
  templateHash(docType: DocTypeId): string;
}

function readSource(dir: string, file: string): string {
  try {
    return readFileSync(join(dir, file), 'utf8');
  } catch {
    throw new TemplateError('TEMPLATE_NOT_FOUND', `templates/${file}: cannot be read from ${dir}`);
  }
}

function partialFiles(dir: string): string[] {
  try {
    return readdirSync(join(dir, 'partials'))
      .filter((f) => f.endsWith('.hbs'))
      .sort();
  } catch {
    return [];
  }
}

/** A renderer over one templates folder (`<dir>/<docType>.hbs`, partials in `<dir>/partials/`). */
export function createTemplateRenderer(dir: string = TEMPLATES_DIR): TemplateRenderer {
  const hb = Handlebars.create();
  hb.registerHelper(HELPERS);
  const lookups: Lookups = { missing: undefined };
  const precompiled = readPrecompiled(dir);

  const partialSources = new Map<string, string>();
  // The template files being executed, innermost last: an error is traced to the file it was
  // raised in. (An inline partial runs as part of whichever file invoked it.)
  const files: string[] = [];
  function within<T>(file: string, run: () => T): T {
    files.push(file);
    try {
      return run();
    } catch (e) {
      if (typeof e === 'object' && e !== null && !errorFile.has(e)) errorFile.set(e, file);
      throw e;
    } finally {
      files.pop();
    }
  }

  for (const f of partialFiles(dir)) {
    const file = `partials/${f}`;
    const source = partialSource(readSource(dir, file));
    const name = f.slice(0, -'.hbs'.length);
    partialSources.set(name, source);
    let compiled: HandlebarsTemplateDelegate | undefined;
    // A function partial, so errors can be traced to its file; the block it wraps
    // ({{#> document}}…{{/document}}) belongs to the caller's file.
    const run = (context: unknown, options?: RuntimeOptions): string => {
      const caller = files.at(-1);
      const data = options?.data as Record<string, unknown> | undefined;
      const block = data?.['partial-block'];
      if (data && caller && typeof block === 'function') {
        data['partial-block'] = (ctx: unknown, opts: unknown) => within(caller, () => (block as (c: unknown, o: unknown) => string)(ctx, opts));
      }
      return within(file, () => {
        compiled ??= loadTemplate(hb, precompiled, source);
        return compiled(context, options);
      });
    };
    hb.registerPartial(name, run as unknown as Handlebars.Template);
  }
  const partialsDigest = [...partialSources].map(([name, source]) => `${name}\0${source}`).join('\0');

  const compiled = new Map<DocTypeId, { run: HandlebarsTemplateDelegate; hash: string }>();
  function template(docType: DocTypeId) {
    let t = compiled.get(docType);
    if (!t) {
      const file = DOC_TYPES[docType].template;
      const source = readSource(dir, file);
      let run: HandlebarsTemplateDelegate | undefined;
      t = {
        // Compiled when first run, inside the error handling that names the file.
        run: (context, options) => {
          run ??= loadTemplate(hb, precompiled, source);
          return run(context, options);
        },
        hash: createHash('sha256').update(source).update('\0').update(partialsDigest).digest('hex'),
      };
      compiled.set(docType, t);
    }
    return t;
  }

  function toTemplateError(e: unknown, docType: DocTypeId): Error {
    if (e instanceof NoticeError) return e;
    const main = templatePath(docType);
    const inner = typeof e === 'object' && e !== null ? errorFile.get(e) : undefined;
    const where = inner && `templates/${inner}` !== main ? `templates/${inner} (used by ${main})` : main;
    const missing = lookups.missing;
    if (missing && isMissingField(e)) {
      const holder = missing.startsWith('case.') ? 'the case' : 'the template data';
      return new TemplateError('TEMPLATE_FIELD_MISSING', `${where}: ${missing} is not in ${holder}`);
    }
    return new TemplateError('TEMPLATE_INVALID', `${where}: ${e instanceof Error ? e.message : String(e)}`);
  }

  /** A case parseCase has returned → markup; the document reference and the issuer are still checked. */
  function renderParsed(data: TemplateData): string {
    const c = data.case;
    const document = DocumentRef.safeParse(data.document);
    const issuer = Issuer.safeParse(data.issuer);
    if (!document.success || !issuer.success) {
      const issues = [
        ...(document.error?.issues.map((i) => ({ ...i, path: ['document', ...i.path] })) ?? []),
        ...(issuer.error?.issues.map((i) => ({ ...i, path: ['issuer', ...i.path] })) ?? []),
      ];
      throw new TemplateError('TEMPLATE_DATA_INVALID', describeIssues(issues));
    }
    if (data.type.id !== c.docType) {
      throw new TemplateError('TEMPLATE_DATA_INVALID', `type.id ${data.type.id} does not match case.docType ${c.docType}`);
    }
    const t = template(c.docType);
    lookups.missing = undefined;
    const root = tracked({ case: c, document: document.data, issuer: issuer.data, type: DOC_TYPES[c.docType] }, '', lookups);
    try {
      return within(DOC_TYPES[c.docType].template, () => t.run(root)).trim();
    } catch (e) {
      throw toTemplateError(e, c.docType);
    }
  }

  return {
    renderMarkup(data) {
      const parsed = safeParseCase(data.case);
      if (!parsed.success) throw parsed.error;
      return renderParsed({ ...data, case: parsed.data });
    },
    renderParsedMarkup: renderParsed,
    templateHash(docType) {
      return template(docType).hash;
    },
  };
}

let shared: TemplateRenderer | undefined;
function sharedRenderer(): TemplateRenderer {
  shared ??= createTemplateRenderer();
  return shared;
}

/** Renders a case's document markup with the project's templates (compiled once per process). */
export function renderMarkup(data: TemplateData): string {
  return sharedRenderer().renderMarkup(data);
}

/** The same for a case parseCase has returned (the renderer's own), without validating it again. */
export function renderParsedMarkup(data: TemplateData): string {
  return sharedRenderer().renderParsedMarkup(data);
}

export function templateHash(docType: DocTypeId): string {
  return sharedRenderer().templateHash(docType);
}
