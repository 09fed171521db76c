// Cases on disk for child processes: the CLI reads one case file, the worker a list of variants.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchCase, type BenchDocumentId } from './documents.js';

/** `<tmp>/<doc>.json`: the example case, as `notice render` takes it. */
export function exampleCaseFile(tmp: string, doc: BenchDocumentId): string {
  const file = join(tmp, `${doc}.json`);
  if (!existsSync(file)) writeFileSync(file, JSON.stringify(benchCase(doc, 0), null, 2));
  return file;
}

/** `<tmp>/<doc>.variants.json`: variants 0 … count, for the worker (variant 0 first, then one recipient per render). */
export function variantsFile(tmp: string, doc: BenchDocumentId, count: number): string {
  const file = join(tmp, `${doc}.variants-${count}.json`);
  if (!existsSync(file)) writeFileSync(file, JSON.stringify(Array.from({ length: count + 1 }, (_, i) => benchCase(doc, i))));
  return file;
}
