// The 人才服务“绿卡” (第十二条): an ID-1 card, front and back, and an A4 sheet to cut out.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleCase, safeParseCase, type CaseInput } from '../../lambdas/catalogue/index.js';
import { cardViolations } from '../../lambdas/render/card/checks.js';
import { CARD_BLEED, CARD_TRIM, layoutCard } from '../../lambdas/render/card/layout.js';
import type { CardModel } from '../../lambdas/render/card/model.js';
import { MM } from '../../lambdas/render/layout/geometry.js';
import { renderer } from '../../lambdas/render/render-document.js';
import { readPdf } from '../support/pdf.js';
import { tempDir } from '../support/temp-dirs.js';

const NUMBER = '并人才卡〔2026〕000123号';
const VERIFY = 'https://notice.taiyuan.gov.cn/v/4f3a9c2e8b7d6a5f1e0c9b8a7d6e5f4a';
/** A 1 × 1 grey PNG: enough to show the photo is placed. */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==', 'base64');

function card(change: (c: CaseInput<'talent-green-card'>) => void = () => {}): CaseInput<'talent-green-card'> {
  const c = exampleCase('talent-green-card');
  change(c);
  return c;
}

async function render(c: unknown, photo?: Buffer) {
  return renderer().render({ case: c, documentNumber: NUMBER, verifyUrl: VERIFY, photo });
}

describe('the green card', () => {
  it('is two ID-1 pages with a 2 mm bleed, trim and bleed boxes marked for the printer', async () => {
    const doc = await render(card());
    const pages = await readPdf(doc.pdf);
    expect(pages).toHaveLength(2);
    for (const p of pages) {
      expect(p.width).toBeCloseTo(CARD_TRIM.width + 2 * CARD_BLEED, 2);
      expect(p.height).toBeCloseTo(CARD_TRIM.height + 2 * CARD_BLEED, 2);
    }
    const dir = tempDir('card-');
    writeFileSync(join(dir, 'card.pdf'), doc.pdf);
    const boxes = execFileSync('pdfinfo', ['-box', join(dir, 'card.pdf')], { encoding: 'utf8' });
    expect(boxes).toMatch(/TrimBox:\s+5\.67\s+5\.67\s+248\.31\s+158\.68/);
    expect(boxes).toMatch(/BleedBox:\s+0\.00\s+0\.00\s+253\.98\s+164\.35/);
    execFileSync('qpdf', ['--check', join(dir, 'card.pdf')]);
  });

  it('carries the holder, the card number, the validity, the services and the verification address', async () => {
    const doc = await render(card());
    const [front, back] = await readPdf(doc.pdf);
    const flat = (s: string) => s.replace(/\s/g, '');
    expect(flat(front!.text)).toContain('阿依古丽·买买提');
    expect(flat(front!.text)).toContain(NUMBER);
    expect(flat(front!.text)).toContain('2026年9月1日至2031年8月31日');
    for (const s of ['落户', '社保缴纳', '子女入学', '住房保障', '扫码核验']) expect(flat(back!.text)).toContain(s);
    expect(flat(back!.text)).toContain(VERIFY);
  });

  it('passes the printer checks: safe area, no text below 6 pt, QR quiet zone, backgrounds to the bleed', async () => {
    const doc = await render(card());
    expect(cardViolations(doc.layout, renderer().fonts.measure)).toEqual([]);
  });

  it('keeps long names, categories and addresses inside the card, shrinking then wrapping them', async () => {
    const longName = `${'阿卜杜热合曼'}·${'买买提艾力'}·${'吐尔逊巴克'}·${'热合曼江'}`;
    const c = card((x) => {
      x.recipient.name = longName;
      x.details.category = '高级职称专业技术人员（急需紧缺）';
    });
    expect(safeParseCase(c).success).toBe(true);
    const doc = await renderer().render({ case: c, documentNumber: NUMBER, verifyUrl: `${VERIFY}/${'x'.repeat(60)}` });
    expect(cardViolations(doc.layout, renderer().fonts.measure)).toEqual([]);
    const front = (await readPdf(doc.pdf))[0]!;
    expect(front.text.replace(/\s/g, '')).toContain(longName);
  });

  it('finds a mark inside the safe margin and a QR without its quiet zone', () => {
    const model: CardModel = {
      meta: { title: 't', subject: 's', keywords: 'k', author: 'a', lang: 'zh-CN' },
      front: { brand: '绿卡', issuer: '发卡机关', holder: '张三', fields: [], photo: false },
      back: { heading: '可优先办理', services: ['落户'], notes: [], qr: { url: VERIFY, caption: '扫码核验' }, issued: '发卡机关' },
    };
    const layout = layoutCard(model, renderer().fonts.measure);
    const back = layout.pages[1]!;
    const qr = back.items.find((i) => i.kind === 'qr')!;
    back.items.push({
      kind: 'text',
      text: '贴边',
      x: CARD_BLEED + 1 * MM,
      baseline: 80,
      size: 5,
      role: 'body',
      colour: 'black',
      characterSpacing: 0,
      horizontalScale: 100,
      features: [],
    });
    if (qr.kind === 'qr') back.items.push({ kind: 'box', x: qr.x - 2, y: qr.y, width: 1, height: 1, radius: 0, stroke: 'black' });
    const v = cardViolations(layout, renderer().fonts.measure);
    expect(v).toContain('card page 2: “贴边” is set at 5.00 pt, below 6 pt');
    expect(v).toContain('card page 2: “贴边” leaves the safe area (3 mm inside the trim)');
    expect(v).toContain("card page 2: box is inside the QR code's quiet zone");
  });

  it('draws a photo box only when the case names a photo, and refuses to issue without the photo it names', async () => {
    const without = await render(card());
    expect(without.layout.pages[0]!.items.some((i) => i.kind === 'image')).toBe(false);
    const named = card((x) => (x.details.photoKey = 'photos/TY-2026-000120.png'));
    const withPhoto = await render(named, PHOTO);
    expect(withPhoto.layout.pages[0]!.items.filter((i) => i.kind === 'image')).toHaveLength(1);
    expect(cardViolations(withPhoto.layout, renderer().fonts.measure)).toEqual([]);
    await expect(render(named)).rejects.toMatchObject({ code: 'PHOTO_MISSING' });
  });

  it('gives byte-identical PDFs for the same case', async () => {
    const a = await render(card());
    const b = await render(card());
    expect(a.sha256).toBe(b.sha256);
  });

  it('prints front and back on an A4 sheet at actual size, with crop marks, to cut out', async () => {
    const doc = await render(card());
    const sheet = await renderer().cardSheet(doc);
    const [page, ...rest] = await readPdf(sheet);
    expect(rest).toHaveLength(0);
    expect(page!.width).toBeCloseTo(595.28, 1);
    expect(page!.text.replace(/\s/g, '')).toContain('阿依古丽·买买提');
    expect(page!.text).toContain('扫码核验');
    // Eight crop marks a card: two per corner.
    expect(page!.strokes.filter((s) => s.width <= 0.3 + 1e-6).length).toBeGreaterThanOrEqual(16);
  });
});

describe('the green card case', () => {
  const problems = (change: (c: CaseInput<'talent-green-card'>) => void) => {
    const r = safeParseCase(card(change));
    return r.success ? [] : r.error.issues.map((i) => `${i.path}: ${i.message}`);
  };

  it('is valid as given in the example', () => {
    expect(problems(() => {})).toEqual([]);
  });

  it('lists each service once, from those 第十二条 names', () => {
    expect(problems((c) => (c.details.services = ['落户', '落户']))).toEqual(['details.services: names a service twice; list each once']);
    expect(problems((c) => Object.assign(c.details, { services: ['医疗'] }))[0]).toContain(
      'details.services[0]: "医疗" is not one of 落户, 社保缴纳, 子女入学, 住房保障',
    );
  });

  it('is valid for at most five years, from its issue', () => {
    expect(problems((c) => (c.details.validity = { from: '2026-09-01', to: '2032-08-31', years: 6 }))).toEqual([
      'details.validity.years: 6 years is longer than the 5 a 绿卡 is valid; issue a new card when it expires',
    ]);
    expect(problems((c) => (c.details.validity = { from: '2026-08-01', to: '2031-07-31', years: 5 }))).toEqual([
      'details.validity.from: 2026-08-01 is before approvedOn 2026-09-01; a card is valid from its issue',
    ]);
  });

  it('takes a photo only as a key in the documents bucket', () => {
    expect(problems((c) => (c.details.photoKey = '../etc/passwd'))).toEqual(['details.photoKey: a photo key such as photos/TY-2026-000120.jpg']);
  });
});
