// Case → PDF, through the stages the design keeps apart:
// validate → template → markup → layout → paint. Fonts and the seal image are loaded once per
// process by the renderer; each document only does the per-document work.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { parseCase, docTypeOf, type Case } from '../catalogue/index.js';
import { renderConfig, type Issuer, type RenderConfig } from '../config.js';
import { ConfigError, NoticeError } from '../errors.js';
import { assertCaseDrawable, assertModelDrawable } from './coverage.js';
import { fontPack, type FontPack } from './fonts.js';
import { layoutDocument } from './layout/index.js';
import { MM } from './layout/geometry.js';
import type { Layout } from './layout/types.js';
import type { DocumentModel } from './model.js';
import { layoutCard, layoutCardSheet } from './card/layout.js';
import { parseCardElement } from './card/markup.js';
import { beijingMidnight } from '../beijing-time.js';
import { cardTexts, type CardModel } from './card/model.js';
import type { Element } from 'domhandler';
import { markupRoot, parseDocumentElement } from './markup.js';
import { paint } from './paint.js';
import { prepareSealImage, sealStreamsPath } from './seal-image.js';
import { qrCaptionTexts, withQrCaption } from './qr-caption.js';
import { signingStage } from './sign/index.js';
import { renderParsedMarkup, templateHash } from './template.js';
import { templatePath } from './template-compiler.js';

interface RenderRequest {
  /** The case as stored: validated here. */
  case: unknown;
  /** 发文字号, allocated by the pipeline on first issue. */
  documentNumber: string;
  /** Verification page of this document, encoded as a QR code when given. */
  verifyUrl?: string | undefined;
  /** The card holder's photo (PNG or JPEG), when the case names one. */
  photo?: Buffer | undefined;
}

export interface RenderedDocument {
  case: Case;
  pdf: Buffer;
  sha256: string;
  pages: number;
  title: string;
  templateHash: string;
  fontPackHash: string;
  /** A 公文's document model, or a card's. */
  model: DocumentModel | CardModel;
  layout: Layout;
  markup: string;
}

/** A document up to its layout: what render() paints, and what layout checks read without painting. */
export type LaidOutDocument = Pick<RenderedDocument, 'case' | 'model' | 'layout' | 'markup'>;

export interface Renderer {
  render(request: RenderRequest): Promise<RenderedDocument>;
  /** Validate → template → markup → layout, without painting. */
  layout(request: RenderRequest): LaidOutDocument;
  /** A card's front and back on an A4 sheet, to print and cut out (PDF). */
  cardSheet(document: RenderedDocument): Promise<Buffer>;
  fonts: FontPack;
  config: RenderConfig;
}

/** The seal image configured for real documents, read once, and its streams file if it has one; none when not configured. */
function readSealImage(config: RenderConfig): { image: Buffer; streams: Buffer | undefined } | undefined {
  if (!config.sealImagePath) return undefined;
  let image: Buffer;
  try {
    image = readFileSync(config.sealImagePath);
  } catch (e) {
    throw new ConfigError(`NOTICE_SEAL_IMAGE: cannot read ${config.sealImagePath} (${(e as Error).message})`);
  }
  const streamsPath = sealStreamsPath(config.sealImagePath);
  return { image, streams: existsSync(streamsPath) ? readFileSync(streamsPath) : undefined };
}

/** The case's markup, from its type's template. */
function markupOf(c: Case, request: RenderRequest, issuer: Issuer): string {
  return renderParsedMarkup({
    case: c,
    type: docTypeOf(c.docType),
    issuer,
    document: { number: request.documentNumber, date: c.approvedOn, ...(request.verifyUrl ? { verifyUrl: request.verifyUrl } : {}) },
  });
}

/** A <card> root → the card's model and layout; every text checked drawable, the photo present if the case names one. */
function layOutCard(c: Case, root: Element, source: string, fonts: FontPack, photo: Buffer | undefined): Pick<LaidOutDocument, 'model' | 'layout'> {
  const card = parseCardElement(root, source);
  for (const t of cardTexts(card)) fonts.assertDrawable(t.text, t.role, `${source} ${t.where}`);
  if (card.front.photo && !photo) {
    throw new PhotoMissingError(
      `${source}: case ${c.caseId} names a photo (details.photoKey) but none was given to the renderer; upload it or remove photoKey`,
    );
  }
  return { model: card, layout: layoutCard(card, fonts.measure) };
}

/** A 公文 root → its model and layout (with room for the seal when the document is sealed); every text checked drawable. */
function layOutNotice(root: Element, source: string, fonts: FontPack, sealDiameter: number | null): Pick<LaidOutDocument, 'model' | 'layout'> {
  const model = parseDocumentElement(root, source);
  assertModelDrawable(model, fonts, source);
  if (model.qr) for (const t of qrCaptionTexts(model.qr)) fonts.assertDrawable(t.text, t.role, `${source} <qr> caption`);
  const layout = withQrCaption(layoutDocument(model, fonts.measure, { seal: sealDiameter === null ? null : { diameter: sealDiameter } }), fonts.measure);
  return { model, layout };
}

export function createRenderer(config: RenderConfig = renderConfig(), givenFonts?: FontPack): Renderer {
  // First, so a demo key is being made on another thread while the fonts parse (sign/signer.ts).
  const sign = signingStage(config);
  const fonts = givenFonts ?? fontPack();
  const seal = readSealImage(config);
  // At start, once, like the fonts: pdfkit's split of the seal's alpha channel (seal-image.ts).
  const sealReady = seal && prepareSealImage(seal.image, seal.streams);
  // Awaited by every render, which fails with its ConfigError; until then it is not unhandled.
  sealReady?.catch(() => undefined);
  const sealDiameter = config.demo || seal !== undefined ? config.sealDiameterMm * MM : null;

  function layOut(request: RenderRequest): LaidOutDocument {
    const c = parseCase(request.case);
    assertCaseDrawable(c, fonts);
    const markup = markupOf(c, request, config.issuer);
    const source = templatePath(c.docType);
    const root = markupRoot(markup, source);
    const laidOut = root.name === 'card' ? layOutCard(c, root, source, fonts, request.photo) : layOutNotice(root, source, fonts, sealDiameter);
    return { case: c, ...laidOut, markup };
  }

  return {
    fonts,
    config,
    layout: layOut,
    async render(request) {
      const { case: c, model, layout, markup } = layOut(request);
      // 成文日期 at midnight Beijing time: the only date the PDF carries, so output is deterministic.
      const date = beijingMidnight(c.approvedOn);
      const painted = await paint(layout, model.meta, fonts, {
        date,
        demo: config.demo,
        sealImage: await sealReady,
        red: config.red,
        photo: request.photo,
        blocks: 'blocks' in model ? model.blocks : undefined,
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
    async cardSheet(document) {
      if (!('front' in document.model)) throw new TypeError(`${document.case.docType} is a 公文, not a card: only a card has a cut-out sheet`);
      const sheet = layoutCardSheet(document.layout, fonts.measure, '沿裁切线剪下正面和背面，背对背塑封');
      return paint(sheet, document.model.meta, fonts, { date: beijingMidnight(document.case.approvedOn), demo: config.demo, red: config.red });
    },
  };
}

/** The 公文 model of a rendered document; a card has none (its model is a CardModel). */
export function documentModel(rendered: LaidOutDocument): DocumentModel {
  if ('front' in rendered.model) throw new TypeError(`${rendered.case.docType} is a card, not a 公文`);
  return rendered.model;
}

/** A card whose case names a photo, rendered without one. */
export class PhotoMissingError extends NoticeError {
  readonly code = 'PHOTO_MISSING';
}

let shared: Renderer | undefined;

/** The process's renderer (fonts parsed on first use, then kept for every document). */
export function renderer(): Renderer {
  shared ??= createRenderer();
  return shared;
}
