// The render worker's asset as `cdk synth` builds it (esbuild on this machine, then the command
// hooks): what it holds, how big it is, and that a copy of it alone — no project, no
// node_modules above it — starts and issues documents from SQS events against the local stack.
import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { App } from 'aws-cdk-lib';
import type * as fontkit from 'fontkit';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../cdk/app.js';
import type { NoticeStack } from '../../cdk/notice-stack.js';
import { ASSET_PATHS } from '../../cdk/worker-asset.js';
import { DOC_TYPES, exampleCase, type DocTypeId } from '../../lambdas/catalogue/index.js';
import { issueMessage } from '../../lambdas/pipeline/messages.js';
import { defaultFontPackConfig, loadFontPack, readFontPackConfig } from '../../lambdas/render/fonts.js';
import { pdfkitOutputProfile } from '../../lambdas/render/pdf-file.js';
import { createRenderer } from '../../lambdas/render/render-document.js';
import { PRECOMPILED_FILE, precompileTemplates } from '../../lambdas/render/template-compiler.js';
import { renderConfig } from '../../lambdas/config.js';
import type { FontRole } from '../../lambdas/render/model.js';
import { CasesTable } from '../../lambdas/stores/cases-table.js';
import { freshResources } from '../local/fixture.js';
import type { TestResources } from '../local/fixture.js';
import { tempDir } from '../support/temp-dirs.js';
import { localWorkerEnvironment, runWorkerAlone, sqsEvent, workerAssetOf } from './worker-run.js';

let outdir: string;
let copyDir: string;
let assetDir: string;
let workerEnvironment: Record<string, unknown>;
let synthMs: number;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

const FONT_ROLES: readonly FontRole[] = ['title', 'body', 'heading', 'kai', 'song'];

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

beforeAll(() => {
  outdir = tempDir('notice-cdk-out-');
  const app = new App({ outdir });
  const stack: NoticeStack = buildApp(app);
  const started = performance.now();
  const assembly = app.synth();
  synthMs = performance.now() - started;
  ({ assetDir, variables: workerEnvironment } = workerAssetOf(assembly, stack));
  // A copy outside the repository: Node's module lookup walks up from here and finds nothing.
  copyDir = tempDir('notice-worker-asset-');
  cpSync(assetDir, copyDir, { recursive: true });
}, 180_000);

describe('the render worker asset', () => {
  it('holds the bundle with pdfkit and fontkit inlined, the output profile, the templates and the font pack', () => {
    const at = (p: string) => join(assetDir, p);
    expect(statSync(at('index.mjs')).isFile()).toBe(true);
    // Nothing is loaded from beside the bundle: every package is inlined, but for brotli and
    // @noble/ciphers, whose stand-ins it carries instead, and node:http comes through require
    // (cdk/bundling.ts).
    expect(readdirSync(assetDir)).not.toContain('node_modules');
    const bundle = readFileSync(at('index.mjs'), 'utf8');
    expect(bundle).toContain('WOFF2 fonts cannot be read here');
    expect(bundle).toContain('PDF encryption is not used by this renderer');
    expect(bundle).not.toMatch(/node_modules\/(brotli|@noble\/ciphers)\//);
    expect(bundle).not.toMatch(/(from |import\()"(node:)?http"/);
    expect(readFileSync(at(ASSET_PATHS.outputProfile)).equals(readFileSync(pdfkitOutputProfile()))).toBe(true);
    for (const info of Object.values(DOC_TYPES)) expect(statSync(at(join(ASSET_PATHS.templates, info.template))).isFile()).toBe(true);
    // Their code, compiled when the asset was built, so the first document does not compile them.
    expect(readFileSync(at(join(ASSET_PATHS.templates, PRECOMPILED_FILE)), 'utf8')).toBe(precompileTemplates());
    const pack = readFontPackConfig(at(ASSET_PATHS.fontPack));
    for (const file of [pack.title, pack.body, pack.heading, pack.kai, pack.song, ...pack.fallback]) {
      expect(file.startsWith(at(ASSET_PATHS.fonts))).toBe(true);
      expect(statSync(file).size).toBeGreaterThan(100_000);
    }
  });

  it('draws every character the full pack draws, in every role, and none with an empty glyph', () => {
    const fullPack = loadFontPack(defaultFontPackConfig());
    const assetPack = loadFontPack(readFontPackConfig(join(assetDir, ASSET_PATHS.fontPack)));
    const chars = new Set(fullPack.fonts.flatMap((f) => f.font.characterSet));
    // A glyph has ink when its glyf entry is not empty (loca's offsets differ): no outline decoding needed.
    const hasInk = (f: fontkit.Font, cp: number) => {
      const { offsets } = (f as unknown as { loca: { offsets: ArrayLike<number> } }).loca;
      const id = f.glyphForCodePoint(cp).id;
      return offsets[id + 1]! > offsets[id]!;
    };
    const lost: string[] = [];
    let checked = 0;
    for (const role of FONT_ROLES) {
      for (const cp of chars) {
        const before = fullPack.fontFor(role, cp);
        if (!before) continue;
        const after = assetPack.fontFor(role, cp);
        if (!after || (hasInk(before.font, cp) && !hasInk(after.font, cp))) lost.push(`U+${cp.toString(16)} in ${role}`);
        checked++;
      }
    }
    expect(lost).toEqual([]);
    expect(checked).toBeGreaterThan(5 * 30_000);
  });

  it('renders every example byte for byte as the full pack does', async () => {
    const full = createRenderer(renderConfig({}), loadFontPack(defaultFontPackConfig()));
    const asset = createRenderer(renderConfig({}), loadFontPack(readFontPackConfig(join(assetDir, ASSET_PATHS.fontPack))));
    for (const docType of Object.keys(DOC_TYPES) as DocTypeId[]) {
      const request = { case: exampleCase(docType), documentNumber: '并人才奖〔2026〕17号', verifyUrl: 'https://notice.example.gov.cn/v/1' };
      const [a, b] = [await full.render(request), await asset.render(request)];
      expect(a.pdf.equals(b.pdf), docType).toBe(true);
    }
  }, 60_000);

  it('reports its size, unzipped and as the zip CDK uploads', () => {
    const all = files(assetDir);
    const bytes = all.reduce((sum, f) => sum + statSync(f).size, 0);
    // CDK zips assets with deflate level 9; the sum of per-file deflated sizes is that zip within headers.
    const zipped = all.reduce((sum, f) => sum + deflateRawSync(readFileSync(f), { level: 9 }).length, 0);
    const part = (p: string) => files(join(assetDir, p)).reduce((sum, f) => sum + statSync(f).size, 0);
    console.log(
      `[worker asset] ${mb(bytes)} unzipped (${all.length} files), ≈${mb(zipped)} zipped; ` +
        `bundle ${mb(statSync(join(assetDir, 'index.mjs')).size)}, ` +
        `fonts ${mb(part(ASSET_PATHS.fonts))}, templates ${mb(part(ASSET_PATHS.templates))}; synth with bundling ${(synthMs / 1000).toFixed(1)} s`,
    );
    // Lambda's limit for a function's unzipped code (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).
    expect(bytes).toBeLessThan(250 * 1024 * 1024);
    // Our own budget: a smaller asset unpacks and loads faster on a cold start. 41 MB today, of
    // which 32 MB fonts; the title face stays whole so rare names print in it (docs/operations.md).
    expect(bytes).toBeLessThan(45 * 1024 * 1024);
    expect(zipped).toBeLessThan(bytes);
  });
});

describe('a copy of the worker asset, run alone', () => {
  let resources: TestResources;

  beforeAll(async () => {
    resources = await freshResources();
  });

  it('starts, finds its fonts and templates, and issues documents for SQS events', async () => {
    const cases = new CasesTable(resources.clients.documents, resources.config.tableName);
    const examples = [exampleCase('talent-scout-award'), exampleCase('graduate-living-subsidy')];
    for (const example of examples) await cases.putCase({ ...example, status: 'APPROVED' });
    const events = examples.map((example, i) => sqsEvent(JSON.stringify(issueMessage(example.caseId)), `m-${i}`, resources.resources.renderQueueArn));
    // With the NOTICE_FONT_PACK variable unset the renderer would fall back to the npm fonts,
    // which do not exist beside the copy: the asset must name its own pack.
    const env = localWorkerEnvironment(workerEnvironment, copyDir, inject('localStack'), resources.config);
    expect(env.NOTICE_FONT_PACK).toBe(join(copyDir, ASSET_PATHS.fontPack));

    const started = performance.now();
    const result = await runWorkerAlone(copyDir, env, events);
    const wallMs = performance.now() - started;
    const [first, second] = [result.invocations[0]!, result.invocations[1]!];
    // The target (docs/scale.md "Cold start"): init + first event ≤ 400 ms. CPU time in brackets.
    console.log(
      `[worker cold start] process ${wallMs.toFixed(0)} ms in all; import (init: config, clients, font pack) ${result.importMs.toFixed(0)} ms (CPU ${result.importCpuMs.toFixed(0)}); ` +
        `first event ${first.ms.toFixed(0)} ms (CPU ${first.cpuMs.toFixed(0)}); init + first event ${(result.importMs + first.ms).toFixed(0)} ms (CPU ${(result.importCpuMs + first.cpuMs).toFixed(0)}); ` +
        `second event ${second.ms.toFixed(0)} ms (CPU ${second.cpuMs.toFixed(0)})`,
    );

    for (const invocation of result.invocations) expect(invocation.response).toEqual({ batchItemFailures: [] });
    for (const example of examples) {
      expect((await cases.getCase(example.caseId))?.status).toBe('ISSUED');
      const listed = await resources.clients.s3.send(new ListObjectsV2Command({ Bucket: resources.config.bucketName, Prefix: `documents/${example.caseId}/` }));
      expect(listed.Contents).toHaveLength(1);
      const object = await resources.clients.s3.send(new GetObjectCommand({ Bucket: resources.config.bucketName, Key: listed.Contents![0]!.Key! }));
      const pdf = Buffer.from(await object.Body!.transformToByteArray());
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // The CJK fonts are embedded as subsets: the bundle found the asset's font files.
      expect(pdf.includes(Buffer.from('/FontFile2'))).toBe(true);
    }
  }, 150_000);
});
