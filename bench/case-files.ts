// Cases on disk for child processes: the CLI reads one case file, the worker a list of variants.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchCase, type BenchDocumentId } from './documents.js';

/** Recipients a warm loop cycles through (variant 0, the example itself, is the first render). */
const VARIANTS = 32;

/** `<tmp>/<doc>.json`: the example case, as `notice render` takes it. */
export function exampleCaseFile(tmp: string, doc: BenchDocumentId): string {
  const file = join(tmp, `${doc}.json`);
  if (!existsSync(file)) writeFileSync(file, JSON.stringify(benchCase(doc, 0), null, 2));
  return file;
}

/** `<tmp>/<doc>.variants.json`: variants 0 … VARIANTS, for the worker. */
export function variantsFile(tmp: string, doc: BenchDocumentId): string {
  const file = join(tmp, `${doc}.variants.json`);
  if (!existsSync(file)) writeFileSync(file, JSON.stringify(Array.from({ length: VARIANTS + 1 }, (_, i) => benchCase(doc, i))));
  return file;
}
