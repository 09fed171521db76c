// Case → PDF, through the stages the design keeps apart:
// validate → template → markup → layout → paint. Fonts and the seal image are loaded once per
// process by the renderer; each document only does the per-document work.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseCase, docTypeOf, type Case } from '../catalogue/index.js';
import { renderConfig, type Issuer, type RenderConfig } from '../config.js';
import { ConfigError } from '../errors.js';
import { assertCaseDrawable, assertModelDrawable } from './coverage.js';
import { fontPack, type FontPack } from './fonts.js';
import { layoutDocument } from './layout/index.js';
import { MM } from './layout/geometry.js';
import type { Layout } from './layout/types.js';
import type { DocumentModel } from './model.js';
import { parseMarkup } from './markup.js';
import { paint } from './paint.js';
import { signingStage } from './sign/index.js';
import { renderMarkup, templateHash, templatePath } from './template.js';

export interface RenderRequest {
  /** The case as stored: validated here. */
  case: unknown;
  /** 发文字号, allocated by the pipeline on first issue. */
  documentNumber: string;
  /** Verification page of this document, encoded as a QR code when given. */
  verifyUrl?: string | undefined;
}

export interface RenderedDocument {
  case: Case;
  pdf: Buffer;
  sha256: string;
  pages: number;
  title: string;
  templateHash: string;
  fontPackHash: string;
  model: DocumentModel;
  layout: Layout;
  markup: string;
}

/** A document up to its layout: what render() paints, and what layout checks read without painting. */
export type LaidOutDocument = Pick<RenderedDocument, 'case' | 'model' | 'layout' | 'markup'>;

export interface Renderer {
  render(request: RenderRequest): Promise<RenderedDocument>;
  /** Validate → template → markup → layout, without painting. */
  layout(request: RenderRequest): LaidOutDocument;
  fonts: FontPack;
  config: RenderConfig;
}

/** 成文日期 at midnight Beijing time: the only date the PDF carries, so output is deterministic. */
function documentDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00+08:00`);
}

export function createRenderer(config: RenderConfig = renderConfig(), fonts: FontPack = fontPack()): Renderer {
  let sealImage: Buffer | undefined;
  if (config.sealImagePath) {
    try {
      sealImage = readFileSync(config.sealImagePath);
    } catch (e) {
      throw new ConfigError(`NOTICE_SEAL_IMAGE: cannot read ${config.sealImagePath} (${(e as Error).message})`);
    }
  }
  const sealed = config.demo || sealImage !== undefined;
  const issuer: Issuer = config.issuer;
  const sign = signingStage(config);

  function layOut(request: RenderRequest): LaidOutDocument {
    const c = parseCase(request.case);
    assertCaseDrawable(c, fonts);
    const type = docTypeOf(c.docType);
    const markup = renderMarkup({
      case: c,
      type,
      issuer,
      document: { number: request.documentNumber, date: c.approvedOn, ...(request.verifyUrl ? { verifyUrl: request.verifyUrl } : {}) },
    });
    const source = templatePath(c.docType);
    const model = parseMarkup(markup, source);
    assertModelDrawable(model, fonts, source);
    const layout = layoutDocument(model, fonts.measure, { seal: sealed ? { diameter: config.sealDiameterMm * MM } : null });
    return { case: c, model, layout, markup };
  }

  return {
    fonts,
    config,
    layout: layOut,
    async render(request) {
      const { case: c, model, layout, markup } = layOut(request);
      const date = documentDate(c.approvedOn);
      const painted = await paint(layout, model.meta, fonts, {
        date,
        demo: config.demo,
        sealImage,
        red: config.red,
      });
      const pdf = await sign(painted, layout, date);
      return {
        case: c,
        pdf,
        sha256: createHash('sha256').update(pdf).digest('hex'),
        pages: layout.pages.length,
        title: model.meta.title,
        templateHash: templateHash(c.docType),
        fontPackHash: fonts.hash,
        model,
        layout,
        markup,
      };
    },
  };
}

let shared: Renderer | undefined;

/** The process's renderer (fonts parsed on first use, then kept for every document). */
export function renderer(): Renderer {
  shared ??= createRenderer();
  return shared;
}
