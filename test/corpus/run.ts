// Runs the corpus: generates cases from consecutive seeds, lays each out and checks it, renders
// every n-th to PDF and reads its text back. Shared by the test (test/corpus/corpus.test.ts) and
// `npm run fuzz`.
import type { DocTypeId } from '../../lambdas/catalogue/index.js';
import { renderConfig } from '../../lambdas/config.js';
import { createRenderer, type LaidOutDocument, type Renderer } from '../../lambdas/render/render-document.js';
import { layoutProblems, pdfProblems, type Problem, type Rule } from './checks.js';
import { corpusCase, type AnyCaseInput } from './generate.js';
import { readPdf } from '../support/pdf.js';

export interface CorpusOptions {
  cases: number;
  /** First seed; case i uses seed + i. */
  seed?: number;
  /** Only this document type (else the seed picks one, so every type comes round). */
  type?: DocTypeId;
  /** Render and read back every n-th case (0: none). */
  pdfEvery?: number;
}

export interface Failure {
  seed: number;
  docType: DocTypeId;
  problems: Problem[];
  case: AnyCaseInput;
}

export interface CorpusResult {
  checked: number;
  readBack: number;
  failures: Failure[];
  /** Seeds failing each rule. */
  byRule: Map<Rule, number[]>;
}

let shared: Renderer | undefined;
/** The demo renderer (sealed, watermarked): the document with the most on its pages. */
export function corpusRenderer(): Renderer {
  shared ??= createRenderer(renderConfig({ NOTICE_DEMO: 'true' }));
  return shared;
}

const DOCUMENT_NUMBER = '并人才奖〔2026〕1234号';
const VERIFY_URL = 'https://rc.taiyuan.gov.cn/v/GEN0000000000000000000001';

export async function runCorpus(options: CorpusOptions): Promise<CorpusResult> {
  const r = corpusRenderer();
  const start = options.seed ?? 1;
  const failures: Failure[] = [];
  const byRule = new Map<Rule, number[]>();
  let readBack = 0;
  for (let i = 0; i < options.cases; i++) {
    const seed = start + i;
    const c = corpusCase(seed, options.type);
    const request = { case: c, documentNumber: DOCUMENT_NUMBER, verifyUrl: VERIFY_URL };
    let problems: Problem[];
    try {
      const laid: LaidOutDocument = r.layout(request);
      problems = layoutProblems(laid);
      if (options.pdfEvery && i % options.pdfEvery === 0) {
        const doc = await r.render(request);
        problems.push(...pdfProblems(doc, await readPdf(doc.pdf)));
        readBack++;
      }
    } catch (e) {
      problems = [{ rule: 'render: no error', detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }];
    }
    if (problems.length > 0) {
      failures.push({ seed, docType: c.docType, problems, case: c });
      for (const rule of new Set(problems.map((p) => p.rule))) byRule.set(rule, [...(byRule.get(rule) ?? []), seed]);
    }
  }
  return { checked: options.cases, readBack, failures, byRule };
}

/** A failure as a person reads it: the seed to reproduce it, what broke, and the case JSON. */
export function describeFailure(f: Failure): string {
  const lines = f.problems.slice(0, 6).map((p) => `  ${p.rule}: ${p.detail}`);
  if (f.problems.length > 6) lines.push(`  … ${f.problems.length - 6} more`);
  return `seed ${f.seed} (${f.docType}) — npm run fuzz -- --cases 1 --seed ${f.seed}${'\n'}${lines.join('\n')}\n  case: ${JSON.stringify(f.case)}`;
}
