// The Handlebars environment every template is compiled in: the templates folder, the helpers a
// template may use, the compile options, and the precompiled code. Compiling (parsing a template
// and generating its code, ≈ 20 ms for a document and its partials) is done ahead when the
// worker's asset or the CLI's bundle is built: precompiled.json beside the templates holds
// Handlebars' precompiled code keyed by a hash of each file's source, the Handlebars version and
// the compile options, so an entry is used only for exactly the source it was made from and a
// stale file costs time, never a wrong document (docs/scale.md "Cold start").
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars/runtime.js';
import * as z from 'zod';
import { DOC_TYPES, formatYuan, gbDate, maskIdNumber, uppercaseYuan, yuanToFen, type DocTypeId } from '../catalogue/index.js';
import { NoticeError } from '../errors.js';

/** Where templates live; NOTICE_TEMPLATES_DIR overrides it (e.g. next to a bundled Lambda). */
export const TEMPLATES_DIR = process.env.NOTICE_TEMPLATES_DIR ?? fileURLToPath(new URL('../../templates/', import.meta.url));

/** The templates' precompiled code, beside them in their folder (made by precompileTemplates). */
export const PRECOMPILED_FILE = 'precompiled.json';

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
export class MissingValue extends Error {}

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

/**
 * Handlebars' compiler, loaded on first use (required here, so a bundle does not carry it): the
 * runtime build runs precompiled code, and a Lambda's asset holds code for every template.
 */
function precompile(source: string): string {
  let compiler: typeof Handlebars;
  try {
    compiler = createRequire(import.meta.url)('handlebars') as typeof Handlebars;
  } catch {
    throw new TemplateError(
      'TEMPLATE_INVALID',
      `templates/${PRECOMPILED_FILE} has no code for a template and Handlebars' compiler is not installed here; build it again`,
    );
  }
  return compiler.precompile(source, COMPILE_OPTIONS) as string;
}

const Precompiled = z.record(z.string(), z.string());
export type Precompiled = z.infer<typeof Precompiled>;

/**
 * A template's code, loaded when first run (so a compile error is raised inside the caller's
 * error handling, which names the file): from precompiled.json when it holds this exact source,
 * else compiled then.
 */
export function loadTemplate(hb: typeof Handlebars, precompiled: Precompiled, source: string): HandlebarsTemplateDelegate {
  let loaded: HandlebarsTemplateDelegate | undefined;
  return (context, options) => {
    if (!loaded) {
      const spec = precompiled[precompiledKey(source)] ?? precompile(source);
      // Handlebars' precompiled form is the source of an object literal; evaluating it is how a
      // precompiled template is loaded (the code is ours: made from our templates by our build).
      loaded = hb.template(new Function(`return ${spec}`)() as TemplateSpecification);
    }
    return loaded(context, options);
  };
}

/** A partial's source as it is compiled: without its final newline, so it can be used inside a line of text. */
export function partialSource(fileSource: string): string {
  return fileSource.replace(/\r?\n$/, '');
}

export function readPrecompiled(dir: string): Precompiled {
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
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.hbs'))
    .map((f) => readSource(dir, f));
  for (const f of partialFiles(dir)) sources.push(partialSource(readSource(dir, `partials/${f}`)));
  const entries = sources.map((source) => [precompiledKey(source), precompile(source)] as const);
  return JSON.stringify(Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

export function readSource(dir: string, file: string): string {
  try {
    return readFileSync(join(dir, file), 'utf8');
  } catch {
    throw new TemplateError('TEMPLATE_NOT_FOUND', `templates/${file}: cannot be read from ${dir}`);
  }
}

export function partialFiles(dir: string): string[] {
  try {
    return readdirSync(join(dir, 'partials'))
      .filter((f) => f.endsWith('.hbs'))
      .sort();
  } catch {
    return [];
  }
}
