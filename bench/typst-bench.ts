// The typesetter to beat: Typst (the Rust typesetter, through @myriaddreamin/typst-ts-node-compiler)
// on the same documents, with the same Noto fonts (handed to the compiler once, as blobs) and the
// same GB/T 9704 geometry (bench/typst.ts), interleaved with this renderer in one process so
// their ratio is measured under the same load. Each side renders a different recipient every
// time, and none comes back within the run (warm-up included): a memo of whole documents would
// otherwise answer a repeated recipient from memory.
// Typst's time starts from the parsed document model (template, markup and validation excluded,
// in Typst's favour: it would need them too) and ends with the PDF bytes; ours is the whole
// render from the stored case. Typst keeps its memoisation cache between documents (a warm
// compiler: what did not change since earlier documents comes from memory); a second, shorter
// series of `renders` documents times it with that cache emptied before each one. Wall and CPU milliseconds are both reported: Typst may use more than
// one thread, so its CPU time can exceed its wall time.
// The Typst sources of the example case are written to bench/typst/<doc>.typ for a look.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beijingMidnight } from '../lambdas/beijing-time.js';
import { documentModel, renderer } from '../lambdas/render/render-document.js';
import { signingStage } from '../lambdas/render/sign/index.js';
import { unsignedRevision } from '../lambdas/render/sign/pdf-signature.js';
import type { FontRole } from '../lambdas/render/model.js';
import { checkoutRenderer } from './checkouts.js';
import type { BenchContext, Table } from './context.js';
import { benchCase, benchNumber } from './documents.js';
import { median, round } from './stats.js';
import { documentTypst, type TypstOptions } from './typst.js';

const SOURCES = fileURLToPath(new URL('./typst/', import.meta.url));
const ROLES: readonly FontRole[] = ['title', 'body', 'heading', 'kai', 'song'];

// The parts of the package's API the bench uses, typed here so the bench reads the same whether or not the package loads.
interface TypstDiagnostics {
  shortDiagnostics: unknown[];
}
interface TypstCompiled {
  result: unknown;
  takeDiagnostics(): TypstDiagnostics | null;
}
export interface TypstCompiler {
  compile(args: { mainFileContent: string }): TypstCompiled;
  pdf(document: unknown, opts?: { creationTimestamp?: number }): Buffer;
  /** Drops memoised results older than `maxAge` compilations; 0 drops them all. */
  evictCache(maxAge: number): void;
  /** Makes `content` readable to the compiled source at `path`. */
  mapShadow(path: string, content: Buffer): void;
}

/** Source → PDF bytes; a compile error is thrown with Typst's own diagnostics. */
export function typstPdf(compiler: TypstCompiler, source: string): Buffer {
  const compiled = compiler.compile({ mainFileContent: source });
  if (compiled.result === null) throw new Error(`typst: ${JSON.stringify(compiled.takeDiagnostics()?.shortDiagnostics ?? [])}`);
  return compiler.pdf(compiled.result);
}

/** Where Typst finds the operator's seal image outside demo mode (a shadow file of the compiler). */
const SEAL_SHADOW = '/seal.png';

/** Typst's family and weight of each of the pack's fonts, as fontkit reads them from the file; outside demo mode, the seal image to map. */
export function typstOptions(): { options: TypstOptions; blobs: Buffer[]; sealImage?: Buffer } {
  const r = renderer();
  const face = (role: FontRole) => {
    const f = r.fonts.role(role).font;
    return { family: f.familyName, weight: /bold/i.test(f.subfamilyName) ? ('bold' as const) : ('regular' as const) };
  };
  const own = new Set(ROLES.map((role) => r.fonts.role(role)));
  const fallback = [...new Set(r.fonts.fonts.filter((f) => !own.has(f)).map((f) => f.font.familyName))];
  const fonts = Object.fromEntries(ROLES.map((role) => [role, face(role)])) as TypstOptions['fonts'];
  const seal = !r.config.demo && r.config.sealImagePath ? readFileSync(r.config.sealImagePath) : undefined;
  return {
    options: { fonts, fallback, red: r.config.red, demo: r.config.demo, ...(seal ? { sealImage: SEAL_SHADOW } : {}) },
    blobs: r.fonts.fonts.map((f) => readFileSync(f.file)),
    ...(seal ? { sealImage: seal } : {}),
  };
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

/** PDF page objects, without parsing the file. */
function countPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
}

export async function benchTypst(ctx: BenchContext, renders: number): Promise<Table> {
  let NodeCompiler: { create(args: { fontArgs: { fontBlobs: Buffer[] }[] }): TypstCompiler };
  try {
    ({ NodeCompiler } = (await import('@myriaddreamin/typst-ts-node-compiler')) as unknown as { NodeCompiler: typeof NodeCompiler });
  } catch (e) {
    return { typst: { available: false, note: `@myriaddreamin/typst-ts-node-compiler cannot be loaded here: ${(e as Error).message}` } };
  }
  const { options, blobs, sealImage } = typstOptions();
  const created = performance.now();
  const compiler = NodeCompiler.create({ fontArgs: [{ fontBlobs: blobs }] });
  // The compiler's root is the working directory: a source's "/seal.png" is that file there.
  if (sealImage) compiler.mapShadow(join(process.cwd(), SEAL_SHADOW), sealImage);
  const table: Table = { typst: { available: true, createWithFontsMs: round(performance.now() - created) } };
  const r = renderer();
  // Typst neither signs nor timestamps: for a second ratio, each of our documents is signed again
  // from its painted bytes (the same stage, a signer of the same kind) and that time taken off.
  const sign = signingStage(r.config);
  // With --baseline, the baseline's renderer takes turns too: its ratio to Typst from the same run.
  const baseline = ctx.checkouts[1];
  const before = baseline ? await checkoutRenderer(baseline) : undefined;
  mkdirSync(SOURCES, { recursive: true });

  for (const doc of ctx.documents) {
    const number = benchNumber(doc);
    // Variant 0 (the example), then the warm-up's recipients, then one new recipient per timed render.
    const timedFrom = 1 + ctx.warmup;
    const cases = Array.from({ length: timedFrom + ctx.warm }, (_, i) => benchCase(doc, i));
    const models = cases.map((c) => documentModel(r.layout({ case: c, documentNumber: number })));
    const example = documentTypst(models[0]!, options);
    writeFileSync(join(SOURCES, `${doc}.typ`), example);
    const first = typstPdf(compiler, example);
    writeFileSync(join(ctx.tmp, `${doc}.typst.pdf`), first);
    for (let k = 1; k < timedFrom; k++) {
      typstPdf(compiler, documentTypst(models[k]!, options));
      await r.render({ case: cases[k], documentNumber: number });
      await before?.render({ case: cases[k], documentNumber: number });
    }
    const typst = { wall: [] as number[], cpu: [] as number[] };
    const typstNoMemo = { wall: [] as number[], cpu: [] as number[] };
    const ours = { wall: [] as number[], cpu: [] as number[] };
    const theirs = { wall: [] as number[], cpu: [] as number[] };
    /** CPU ms of signing each of our documents, in the order of `ours`. */
    const signing: number[] = [];
    /** One render of ours or the baseline's, timed into `into`. */
    const timed = async <T>(into: typeof ours, render: () => Promise<T>): Promise<T> => {
      const a = performance.now();
      const c = process.cpuUsage();
      const result = await render();
      into.cpu.push(cpuMs(c));
      into.wall.push(performance.now() - a);
      return result;
    };
    ctx.log(`typst: ${doc}, ${ctx.warm} recipients`);
    for (let i = timedFrom; i < cases.length; i++) {
      const a = performance.now();
      const c = process.cpuUsage();
      typstPdf(compiler, documentTypst(models[i]!, options));
      typst.cpu.push(cpuMs(c));
      typst.wall.push(performance.now() - a);
      const request = { case: cases[i], documentNumber: number };
      // Ours and the baseline's in turn, each going first every other time.
      if (before && i % 2 === 1) await timed(theirs, () => before.render(request));
      const rendered = await timed(ours, () => r.render(request));
      const painted = unsignedRevision(rendered.pdf);
      const signingStarted = process.cpuUsage();
      const signed = await sign(painted, rendered.layout, beijingMidnight(rendered.case.approvedOn));
      signing.push(cpuMs(signingStarted));
      // Same signer kind, same reserved space: the same length (the demo key may differ from the renderer's).
      if (signed.length !== rendered.pdf.length) throw new Error(`typst bench: signing ${doc} again gave ${signed.length} bytes, not ${rendered.pdf.length}`);
      if (before && i % 2 === 0) await timed(theirs, () => before.render(request));
    }
    // Then a shorter series of Typst with nothing memoised from earlier documents (its fonts stay loaded).
    for (let i = timedFrom; i < timedFrom + Math.min(renders, ctx.warm); i++) {
      compiler.evictCache(0);
      const a = performance.now();
      const c = process.cpuUsage();
      typstPdf(compiler, documentTypst(models[i]!, options));
      typstNoMemo.cpu.push(cpuMs(c));
      typstNoMemo.wall.push(performance.now() - a);
    }
    const ourFirst = await r.render({ case: cases[0], documentNumber: number });
    const unsigned = ours.cpu.map((t, i) => t - signing[i]!);
    table[doc] = {
      typstMedianMs: round(median(typst.wall)),
      typstCpuMedianMs: round(median(typst.cpu)),
      typstBytes: first.length,
      typstPages: countPages(first),
      pdfkitMedianMsSameRun: round(median(ours.wall)),
      pdfkitCpuMedianMsSameRun: round(median(ours.cpu)),
      pdfkitBytes: ourFirst.pdf.length,
      pdfkitPages: ourFirst.pages,
      pdfkitOverTypst: round(median(ours.wall) / median(typst.wall)),
      pdfkitCpuOverTypstCpu: round(median(ours.cpu) / median(typst.cpu)),
      typstNothingMemoisedMedianMs: round(median(typstNoMemo.wall)),
      typstNothingMemoisedCpuMedianMs: round(median(typstNoMemo.cpu)),
      pdfkitCpuOverTypstNothingMemoisedCpu: round(median(ours.cpu) / median(typstNoMemo.cpu)),
      // Not the main ratio: ours with its signing stage taken off, since Typst does not sign.
      signingCpuMedianMs: round(median(signing)),
      pdfkitUnsignedCpuMedianMs: round(median(unsigned)),
      pdfkitUnsignedCpuOverTypstCpu: round(median(unsigned) / median(typst.cpu)),
      ...(baseline && theirs.cpu.length > 0
        ? {
            [`baselineCpuMedianMsSameRun@${baseline.name}`]: round(median(theirs.cpu)),
            [`baselineCpuOverTypstCpu@${baseline.name}`]: round(median(theirs.cpu) / median(typst.cpu)),
            [`baselineCpuOverTypstNothingMemoisedCpu@${baseline.name}`]: round(median(theirs.cpu) / median(typstNoMemo.cpu)),
          }
        : {}),
      renders: typst.wall.length,
    };
  }
  return table;
}
