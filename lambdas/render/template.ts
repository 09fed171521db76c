// Template stage: a validated case → document markup (model.ts), through Handlebars in strict
// mode. Handlebars escapes every `{{value}}`, so case data can never become markup. The helpers,
// compile options and precompiled code are template-compiler.ts's; this module runs templates.
//
// Each template is compiled once per renderer, on first use, and cached.
//
// A template that reads a field the data lacks fails with TEMPLATE_FIELD_MISSING naming the file
// and the full data path: the data is wrapped in read-only proxies that remember the last path
// looked up and not found.
import { createHash } from 'node:crypto';
import Handlebars from 'handlebars/runtime.js';
import * as z from 'zod';
import { DOC_TYPES, safeParseCase, type Case, type DocTypeId, type DocTypeInfo } from '../catalogue/index.js';
import { DOCUMENT_NUMBER_PATTERN } from '../catalogue/document-number.js';
import { Issuer } from '../config.js';
import { NoticeError } from '../errors.js';
import { describeIssues } from '../zod-issues.js';
import {
  HELPERS,
  MissingValue,
  TEMPLATES_DIR,
  TemplateError,
  loadTemplate,
  partialFiles,
  partialSource,
  readPrecompiled,
  readSource,
  templatePath,
  type Precompiled,
} from './template-compiler.js';

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

/** The template files being executed, innermost last: an error is traced to the file it was
 * raised in. (An inline partial runs as part of whichever file invoked it.) */
interface FileTrace {
  within<T>(file: string, run: () => T): T;
  /** The file now executing, if any. */
  current(): string | undefined;
}

function fileTrace(): FileTrace {
  const files: string[] = [];
  return {
    within(file, run) {
      files.push(file);
      try {
        return run();
      } catch (e) {
        if (typeof e === 'object' && e !== null && !errorFile.has(e)) errorFile.set(e, file);
        throw e;
      } finally {
        files.pop();
      }
    },
    current: () => files.at(-1),
  };
}

/**
 * Registers every partial in `<dir>/partials/` as a function partial, so errors can be traced to
 * its file; the block it wraps ({{#> document}}…{{/document}}) belongs to the caller's file.
 * Returns a digest of the partials' names and sources, for the templates' hashes.
 */
function registerPartials(hb: typeof Handlebars, dir: string, precompiled: Precompiled, trace: FileTrace): string {
  const digest: string[] = [];
  for (const f of partialFiles(dir)) {
    const file = `partials/${f}`;
    const source = partialSource(readSource(dir, file));
    const name = f.slice(0, -'.hbs'.length);
    digest.push(`${name}\0${source}`);
    const compiled = loadTemplate(hb, precompiled, source);
    const run = (context: unknown, options?: RuntimeOptions): string => {
      const caller = trace.current();
      const data = options?.data as Record<string, unknown> | undefined;
      const block = data?.['partial-block'];
      if (data && caller && typeof block === 'function') {
        data['partial-block'] = (ctx: unknown, opts: unknown) => trace.within(caller, () => (block as (c: unknown, o: unknown) => string)(ctx, opts));
      }
      return trace.within(file, () => compiled(context, options));
    };
    hb.registerPartial(name, run as unknown as Handlebars.Template);
  }
  return digest.join('\0');
}

interface DocumentTemplate {
  run: HandlebarsTemplateDelegate;
  /** sha256 of the template and every partial. */
  hash: string;
}

/** Each type's template, read on first use and kept; compiled when first run. */
function documentTemplates(hb: typeof Handlebars, dir: string, precompiled: Precompiled, partialsDigest: string): (docType: DocTypeId) => DocumentTemplate {
  const templates = new Map<DocTypeId, DocumentTemplate>();
  return (docType) => {
    let t = templates.get(docType);
    if (!t) {
      const source = readSource(dir, DOC_TYPES[docType].template);
      t = {
        run: loadTemplate(hb, precompiled, source),
        hash: createHash('sha256').update(source).update('\0').update(partialsDigest).digest('hex'),
      };
      templates.set(docType, t);
    }
    return t;
  };
}

/** The document reference and the issuer checked (the case is parseCase's already), or TEMPLATE_DATA_INVALID. */
function checkedData(data: TemplateData): TemplateData {
  const document = DocumentRef.safeParse(data.document);
  const issuer = Issuer.safeParse(data.issuer);
  if (!document.success || !issuer.success) {
    const issues = [
      ...(document.error?.issues.map((i) => ({ ...i, path: ['document', ...i.path] })) ?? []),
      ...(issuer.error?.issues.map((i) => ({ ...i, path: ['issuer', ...i.path] })) ?? []),
    ];
    throw new TemplateError('TEMPLATE_DATA_INVALID', describeIssues(issues));
  }
  if (data.type.id !== data.case.docType) {
    throw new TemplateError('TEMPLATE_DATA_INVALID', `type.id ${data.type.id} does not match case.docType ${data.case.docType}`);
  }
  return { case: data.case, document: document.data, issuer: issuer.data, type: DOC_TYPES[data.case.docType] };
}

/** An error from running a template → a TemplateError naming the file it came from and, if it is one, the missing field. */
function toTemplateError(e: unknown, docType: DocTypeId, missing: string | undefined): Error {
  if (e instanceof NoticeError) return e;
  const main = templatePath(docType);
  const inner = typeof e === 'object' && e !== null ? errorFile.get(e) : undefined;
  const where = inner && `templates/${inner}` !== main ? `templates/${inner} (used by ${main})` : main;
  if (missing && isMissingField(e)) {
    const holder = missing.startsWith('case.') ? 'the case' : 'the template data';
    return new TemplateError('TEMPLATE_FIELD_MISSING', `${where}: ${missing} is not in ${holder}`);
  }
  return new TemplateError('TEMPLATE_INVALID', `${where}: ${e instanceof Error ? e.message : String(e)}`);
}

/** A renderer over one templates folder (`<dir>/<docType>.hbs`, partials in `<dir>/partials/`). */
export function createTemplateRenderer(dir: string = TEMPLATES_DIR): TemplateRenderer {
  const hb = Handlebars.create();
  hb.registerHelper(HELPERS);
  const precompiled = readPrecompiled(dir);
  const trace = fileTrace();
  const template = documentTemplates(hb, dir, precompiled, registerPartials(hb, dir, precompiled, trace));
  const lookups: Lookups = { missing: undefined };

  /** A case parseCase has returned → markup; the document reference and the issuer are still checked. */
  function renderParsed(data: TemplateData): string {
    const checked = checkedData(data);
    const docType = checked.case.docType;
    const t = template(docType);
    lookups.missing = undefined;
    const root = tracked(checked, '', lookups);
    try {
      return trace.within(DOC_TYPES[docType].template, () => t.run(root)).trim();
    } catch (e) {
      throw toTemplateError(e, docType, lookups.missing);
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
