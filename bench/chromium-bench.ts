// The alternative most teams would reach for: the same case, through the same template and
// markup, as HTML printed by headless Chromium (playwright-core, browser and page kept warm).
// Chromium and pdfkit renders alternate in this one process, so their ratio is measured under
// the same load. The Chromium time starts from the parsed document model (template and markup
// excluded, in Chromium's favour) and ends with the PDF bytes. A second, shorter series prints
// each document in a fresh browser context (isolated, as a service printing for many tenants
// would): Chromium then loads and decodes the 10–15 MB fonts again every time.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { documentModel, renderer } from '../lambdas/render/render-document.js';
import type { DocumentModel, FontRole } from '../lambdas/render/model.js';
import type { BenchContext, Table } from './context.js';
import { benchCase, benchNumber } from './documents.js';
import { documentHtml, type HtmlOptions } from './html.js';
import { median, round } from './stats.js';

const CHROMIUM_PATH = '/usr/bin/chromium';
const LAUNCH_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const ROLES: readonly FontRole[] = ['title', 'body', 'heading', 'kai', 'song'];
const FRESH_CONTEXT_RENDERS = 5;

function htmlOptions(): HtmlOptions {
  const r = renderer();
  const url = (file: string) => pathToFileURL(file).href;
  const fonts = Object.fromEntries(ROLES.map((role) => [role, url(r.fonts.role(role).file)])) as Record<FontRole, string>;
  const own = new Set(ROLES.map((role) => r.fonts.role(role)));
  return { fonts, fallback: r.fonts.fonts.filter((f) => !own.has(f)).map((f) => url(f.file)), red: r.config.red, demo: r.config.demo };
}

/** PDF page objects, without parsing the file: enough to show Chromium paginated like pdfkit. */
function countPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
}

/** Chromium: N pages in pdfkit's K-page document's place. */
export async function benchChromium(ctx: BenchContext, renders: number): Promise<Table> {
  if (!existsSync(CHROMIUM_PATH)) {
    return { chromium: { available: false, note: `${CHROMIUM_PATH} is not installed (apt-get install -y chromium): no comparison` } };
  }
  const { chromium } = await import('playwright-core');
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
    const page = await browser.newPage();
    // A file:// page, so the @font-face rules may load the font pack's files by file:// URL.
    const blank = join(ctx.tmp, 'blank.html');
    writeFileSync(blank, '<!DOCTYPE html><html><body></body></html>');
    await page.goto(pathToFileURL(blank).href);
    const options = htmlOptions();
    const r = renderer();

    const table: Table = { chromium: { available: true, version: browser.version() } };
    for (const doc of ctx.documents) {
      const number = benchNumber(doc);
      const models: DocumentModel[] = [];
      for (let i = 0; i <= renders; i++) models.push(documentModel(await r.render({ case: benchCase(doc, i), documentNumber: number })));
      const print = async (model: DocumentModel) => {
        await page.setContent(documentHtml(model, options), { waitUntil: 'load' });
        return page.pdf({ preferCSSPageSize: true, printBackground: true });
      };
      const first = await print(models[0]!);
      // Kept for a look: the HTML and Chromium's PDF of the example case.
      writeFileSync(join(ctx.tmp, `${doc}.html`), documentHtml(models[0]!, options));
      writeFileSync(join(ctx.tmp, `${doc}.chromium.pdf`), first);
      await print(models[1]!);
      // Warm-up recipients come after the timed ones: none is rendered twice.
      for (let i = 0; i < ctx.warmup; i++) await r.render({ case: benchCase(doc, renders + 1 + i), documentNumber: number });
      const chromiumMs: number[] = [];
      const pdfkitMs: number[] = [];
      for (let i = 1; i <= renders; i++) {
        ctx.log(`chromium: ${doc}, ${i}/${renders}`);
        let a = performance.now();
        await print(models[i]!);
        chromiumMs.push(performance.now() - a);
        a = performance.now();
        await r.render({ case: benchCase(doc, i), documentNumber: number });
        pdfkitMs.push(performance.now() - a);
      }
      const freshMs: number[] = [];
      for (let i = 1; i <= Math.min(FRESH_CONTEXT_RENDERS, renders); i++) {
        ctx.log(`chromium: ${doc}, fresh context ${i}`);
        const a = performance.now();
        const context = await browser.newContext();
        const fresh = await context.newPage();
        await fresh.goto(pathToFileURL(blank).href);
        await fresh.setContent(documentHtml(models[i]!, options), { waitUntil: 'load' });
        await fresh.pdf({ preferCSSPageSize: true, printBackground: true });
        await context.close();
        freshMs.push(performance.now() - a);
      }
      const c = median(chromiumMs);
      const p = median(pdfkitMs);
      table[doc] = {
        chromiumMedianMs: round(c),
        chromiumBytes: first.length,
        chromiumPages: countPages(first),
        pdfkitMedianMsSameRun: round(p),
        chromiumOverPdfkit: round(c / p),
        renders,
        chromiumFreshContextMedianMs: round(median(freshMs)),
        chromiumFreshContextOverPdfkit: round(median(freshMs) / p),
      };
    }
    return table;
  } finally {
    await browser?.close();
  }
}
