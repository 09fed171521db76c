// The pipeline's bench lives in bench/pipeline.ts (another engineer's): it exports
//   async function benchPipeline(opts: { log(line: string): void }): Promise<Record<string, number | string>>
// It runs with `npm run bench -- --pipeline`; by default only if the module exports
// `runByDefault = true` (meant for a run under two minutes: 1,000 documents took 3.5 minutes
// here). Its figures become the bench's `pipeline` table.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import type { Figures } from './context.js';

const PIPELINE_FILE = new URL('./pipeline.ts', import.meta.url);

const PipelineModule = z.object({
  benchPipeline: z.custom<(opts: { log(line: string): void }) => Promise<unknown>>(
    (v) => typeof v === 'function',
    'bench/pipeline.ts must export async function benchPipeline(opts)',
  ),
  runByDefault: z.boolean().optional(),
});

const PipelineFigures = z.record(z.string(), z.union([z.number(), z.string()]));

export interface PipelineBench {
  runByDefault: boolean;
  run(log: (line: string) => void): Promise<Figures>;
}

/** The pipeline bench when bench/pipeline.ts exists, else undefined. */
export async function loadPipelineBench(): Promise<PipelineBench | undefined> {
  if (!existsSync(fileURLToPath(PIPELINE_FILE))) return undefined;
  // Imported by URL: the file may not exist, so it cannot be a static import.
  const parsed = PipelineModule.safeParse(await import(PIPELINE_FILE.href));
  if (!parsed.success) throw new Error(`bench/pipeline.ts: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  const mod = parsed.data;
  return {
    runByDefault: mod.runByDefault ?? false,
    async run(log) {
      const figures = PipelineFigures.safeParse(await mod.benchPipeline({ log }));
      if (!figures.success) throw new Error(`benchPipeline() must resolve to { name: number | string }: ${figures.error.message}`);
      return figures.data;
    },
  };
}
