// The generated corpus in every test run: a few thousand cases checked on the layout, every twelfth
// also rendered and read back from the PDF (docs/layout.md lists the rules; `npm run fuzz` runs
// any number). A rule listed in KNOWN_GAPS is one the layout does not keep yet: its test is
// expected to fail, and starts failing — so the entry must go — the day the layout keeps it.
import { beforeAll, describe, expect, it } from 'vitest';
import { RULES, type Rule } from './checks.js';
import { describeFailure, runCorpus, type CorpusResult } from './run.js';

const CASES = 2_040;
const PDF_EVERY = 12;

/** Rules the layout breaks today, with what breaks; test/corpus/KNOWN-GAPS.md has the seeds. */
const KNOWN_GAPS: Partial<Record<Rule, string>> = {};

/** The rules of the layout's own checks (checkFit, justificationViolations, titleShapeViolations), by id. */
const LAYOUT_RULES: Rule[] = ['FIT-4', 'FIT-6', 'TABLE-1', 'TABLE-2', 'JUST-2', 'TITLE-1', 'TITLE-2', 'TITLE-3', 'TITLE-6'];

describe('the generated corpus', () => {
  let result: CorpusResult;
  beforeAll(async () => {
    result = await runCorpus({ cases: CASES, seed: 1, pdfEvery: PDF_EVERY });
  }, 900_000);

  function seedsBreaking(rule: Rule): string {
    const failures = result.failures.filter((f) => f.problems.some((p) => p.rule === rule));
    const shown = failures.slice(0, 3).map((f) => describeFailure({ ...f, problems: f.problems.filter((p) => p.rule === rule) }));
    return `${failures.length} case(s) break “${rule}”; seeds ${failures.map((f) => f.seed).join(', ')}\n${shown.join('\n')}`;
  }

  it('checks every case on the layout and reads every twelfth back from the PDF', () => {
    expect(result.checked).toBe(CASES);
    expect(result.readBack).toBe(CASES / PDF_EVERY);
  });

  it('reports failures only under the rules listed here', () => {
    expect([...result.byRule.keys()].filter((r) => !([...RULES, ...LAYOUT_RULES] as Rule[]).includes(r))).toEqual([]);
  });

  for (const rule of [...RULES, ...LAYOUT_RULES] as Rule[]) {
    const gap = KNOWN_GAPS[rule];
    if (gap) {
      it.fails(`every document keeps “${rule}” (known gap: ${gap})`, () => {
        expect(result.byRule.get(rule) ?? [], seedsBreaking(rule)).toEqual([]);
      });
    } else {
      it(`every document keeps “${rule}”`, () => {
        expect(result.byRule.get(rule) ?? [], seedsBreaking(rule)).toEqual([]);
      });
    }
  }
});
