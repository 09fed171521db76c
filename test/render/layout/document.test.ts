import { describe, expect, it } from 'vitest';
import {
  BLOCK_BOTTOM,
  BLOCK_CENTRE_X,
  BLOCK_TOP,
  BODY_SIZE,
  HEADER_TOP,
  LINE_PITCH,
  MM,
  NO_END,
  NO_START,
  PAGE_NUMBER_CENTRE_Y,
  IMPRINT_THICK,
  IMPRINT_THIN,
  MIN_TIGHT_PITCH,
  SEPARATOR_GAP,
  checkFit,
  gridLineTop,
  layoutDocument,
} from '../../../lambdas/render/layout/index.js';
import type { Block } from '../../../lambdas/render/model.js';
import type { Line, SealItem } from '../../../lambdas/render/layout/types.js';
import {
  C,
  L,
  MASTHEAD,
  R,
  IMPRINT,
  SEAL_42,
  SIGNATURE,
  fullParagraph,
  generatedParagraph,
  han,
  lay,
  linesOf,
  model,
  paragraph,
  ruleViolations,
  testMeasure,
  thrown,
  lineCentre,
  lineRight,
  lineText,
  ruleItems as rules,
  textItems as texts,
} from './fixtures.js';

const P = LINE_PITCH;
const kindOf = (blocks: Block[]) => (b: number) => blocks[b]!.kind;

describe('running text on the grid', () => {
  const blocks: Block[] = [...MASTHEAD, ...Array.from({ length: 8 }, (_, i) => paragraph(generatedParagraph(i + 1, 500)))];
  const layout = lay(blocks);
  const body = linesOf(layout, (b) => blocks[b]!.kind === 'paragraph');

  it('keeps R1–R13 on every line of long mixed paragraphs', () => {
    expect(body.length).toBeGreaterThan(100);
    expect(ruleViolations(body)).toEqual([]);
  });

  it('keeps R1–R13 with GB/T 15834 punctuation and without orphan control', () => {
    for (const options of [{ punctuation: 'gb15834' as const }, { orphanControl: false }]) {
      expect(ruleViolations(linesOf(lay(blocks, options), (b) => blocks[b]!.kind === 'paragraph'))).toEqual([]);
    }
  });

  it('sets line-end marks at half width and still fills the line in GB/T 15834 mode', () => {
    const gb = linesOf(lay(blocks, { punctuation: 'gb15834' }), (b) => blocks[b]!.kind === 'paragraph');
    // A mark beside another squeezed mark (PUNCT-1) or a Latin run (PUNCT-2) keeps its full cell.
    const ending = gb.filter((l) => !l.last && '，。、；：”）'.includes(l.units.at(-1)!.text) && l.units.at(-2)!.kind === 'han');
    expect(ending.length).toBeGreaterThan(5);
    for (const l of ending) {
      expect(l.units.at(-1)!.width).toBeCloseTo(C / 2, 6);
      expect(lineRight(l)).toBeCloseTo(R, 6);
    }
  });

  it('loses no character, astral ones included', () => {
    blocks.forEach((b, i) => {
      if (b.kind !== 'paragraph') return;
      const got = body
        .filter((l) => l.block === i)
        .map(lineText)
        .join('');
      expect(got).toBe(b.spans[0]!.text);
    });
    expect(body.some((l) => lineText(l).includes('𬱖'))).toBe(true);
  });

  // An odd digit run (`5年`, `〔2018〕2号`) takes half a cell more or less than whole cells: what
  // follows it leaves the grid (clreq §2.3.1), and a full line ends with half a cell to spread.
  const oddRun = (l: Line) => l.units.some((u) => u.kind === 'latin' && Math.abs((u.width / C) % 1) > 0.01);
  const full = body.filter((l) => !l.last);

  it('puts exactly 28 cells on every unadjusted full line without an odd digit run, each unit on a cell boundary', () => {
    const plain = full.filter((l) => !l.adjusted && !oddRun(l));
    expect(plain.length).toBeGreaterThan(full.length / 5);
    for (const l of plain) {
      const start = l.first ? 2 : 0;
      const cells = l.units.reduce((w, u) => w + u.width, 0) / C;
      expect(cells).toBeCloseTo(28 - start, 6);
      for (const u of l.units) {
        const k = (u.x - L) / C;
        expect(Math.abs(k - Math.round(k))).toBeLessThan(0.01 / C);
      }
    }
  });

  it('starts and ends every full line with an odd digit run on the block edges, adjusting it when half a cell is left', () => {
    const odd = full.filter(oddRun);
    expect(odd.length).toBeGreaterThan(10);
    for (const l of odd) {
      expect(l.units[0]!.x).toBeCloseTo(L + (l.first ? 2 * C : 0), 6);
      expect(lineRight(l)).toBeCloseTo(R, 6);
      const used = l.units.reduce((w, u) => w + u.width, 0);
      if (Math.abs(used - (R - l.units[0]!.x)) > 1e-6) expect(l.adjusted).toBe(true);
    }
  });

  it('puts 22 lines on a full page, on the grid from the block top to the block bottom', () => {
    // One long paragraph: no paragraph ends near a page end, so no orphan or widow shortens a page.
    const page2 = lay([paragraph(generatedParagraph(7, 2000))]).pages[1]!.lines;
    expect(page2).toHaveLength(22);
    page2.forEach((l, i) => expect(l.top).toBeCloseTo(gridLineTop(i), 6));
    expect(page2[21]!.top + BODY_SIZE).toBeCloseTo(BLOCK_BOTTOM, 6);
  });

  it('continues a paragraph from the last grid line of one page on the first of the next', () => {
    const last = layout.pages[0]!.lines.at(-1)!;
    const next = layout.pages[1]!.lines[0]!;
    expect(last.top).toBeCloseTo(gridLineTop(21), 6);
    expect(next.block).toBe(last.block);
    expect(next.first).toBe(false);
    expect(next.top).toBeCloseTo(BLOCK_TOP, 6);
  });

  it('keeps every text show inside the block except the page number', () => {
    for (const page of layout.pages) {
      for (const t of texts(page)) {
        if (t.role === 'song' || t.colour === 'red') continue;
        // Advance as a PDF reader counts it: character spacing after every glyph.
        const advance = testMeasure.advance(t.text, t.role, t.size, t.features) + t.characterSpacing * Array.from(t.text).length;
        expect(t.x).toBeGreaterThanOrEqual(L - 0.5);
        expect(t.x + advance).toBeLessThanOrEqual(R + 0.5);
      }
    }
  });

  it('gives the same layout for the same input', () => {
    expect(lay(blocks)).toEqual(layout);
  });
});

describe('page 1 版头', () => {
  const layout = lay([...MASTHEAD, paragraph(han(40))], { seal: SEAL_42 }, 'https://example.org/v/DOC1');
  const page = layout.pages[0]!;

  it('sets the red 标志 with its top edge 35 mm below the block top, centred and compressed to the block width', () => {
    const header = texts(page).find((t) => t.colour === 'red')!;
    expect(header.size).toBe(42);
    expect(header.baseline - 0.88 * 42).toBeCloseTo(HEADER_TOP, 6);
    const width = (16 * 42 * header.horizontalScale) / 100;
    expect(header.horizontalScale).toBeLessThan(100);
    expect(width).toBeCloseTo(R - L, 6);
    expect(header.x + width / 2).toBeCloseTo(BLOCK_CENTRE_X, 6);
  });

  it('leaves a short 标志 at full width', () => {
    const short = lay([{ kind: 'header', text: '太原市人民政府文件' }, { kind: 'title', lines: ['通知'] }, paragraph(han(3))]);
    expect(texts(short.pages[0]!).find((t) => t.colour === 'red')!.horizontalScale).toBe(100);
  });

  it('puts 份号 flush left on grid line 0 and the 发文字号 centred on grid line 7', () => {
    const [copy, number] = page.lines;
    expect(lineText(copy!)).toBe('000123');
    expect(copy!.top).toBeCloseTo(gridLineTop(0), 6);
    expect(copy!.units[0]!.x).toBeCloseTo(L, 6);
    expect(lineText(number!)).toBe('并人才奖〔2026〕17号');
    expect(number!.top).toBeCloseTo(gridLineTop(7), 6);
    expect(lineCentre(number!)).toBeCloseTo(BLOCK_CENTRE_X, 6);
  });

  it('draws the red separator across the block 4 mm below the 发文字号', () => {
    const red = rules(page).filter((r) => r.colour === 'red');
    expect(red).toHaveLength(1);
    expect(red[0]!.y).toBeCloseTo(gridLineTop(7) + BODY_SIZE + SEPARATOR_GAP, 6);
    expect([red[0]!.x1, red[0]!.x2]).toEqual([L, R]);
  });

  it('centres the 二号 title on grid lines 10 and 11, then 主送 flush left after one blank line', () => {
    const title = page.lines.filter((l) => l.role === 'title');
    expect(title).toHaveLength(2);
    title.forEach((l, i) => {
      expect(l.size).toBe(22);
      expect(l.top + 11).toBeCloseTo(gridLineTop(10 + i) + BODY_SIZE / 2, 6);
      expect(lineCentre(l)).toBeCloseTo(BLOCK_CENTRE_X, 6);
    });
    const to = page.lines.find((l) => lineText(l) === '张三：')!;
    expect(to.top).toBeCloseTo(gridLineTop(13), 6);
    expect(to.units[0]!.x).toBeCloseTo(L, 6);
    const first = page.lines.find((l) => l.block === 5)!;
    expect(first.top).toBeCloseTo(gridLineTop(14), 6);
    expect(first.units[0]!.x).toBeCloseTo(L + 2 * C, 6);
  });

  it('draws the separator 4 mm below the 标志 when there is no 发文字号', () => {
    const p = lay([MASTHEAD[1]!, { kind: 'title', lines: ['通知'] }, paragraph(han(3))]).pages[0]!;
    const rule = rules(p).find((r) => r.colour === 'red')!;
    expect(rule.y).toBeCloseTo(HEADER_TOP + 42 + SEPARATOR_GAP, 6);
    expect(p.lines.find((l) => l.role === 'title')!.top).toBeGreaterThan(rule.y + P);
  });

  it('puts the verification QR code in the top margin, clear of the block', () => {
    const qr = page.items.find((i) => i.kind === 'qr')!;
    expect(qr).toMatchObject({ url: 'https://example.org/v/DOC1' });
    if (qr.kind !== 'qr') throw new Error('not a qr');
    expect(qr.y + qr.size).toBeLessThan(BLOCK_TOP);
    expect(qr.x + qr.size).toBeCloseTo(R, 6);
  });

  it('refuses a first page with no body text', () => {
    const e = thrown(() => lay([...MASTHEAD.slice(0, 3), { kind: 'title', lines: [han(300)] }, paragraph(han(10))]));
    expect(e.code).toBe('LAYOUT_IMPOSSIBLE');
    expect(e.message).toContain('page 1');
  });
});

describe('headings', () => {
  it('sets heading levels in 黑体, 楷体 and 仿宋, indented two cells', () => {
    const blocks: Block[] = [1, 2, 3, 4].map((level) => ({ kind: 'heading', level: level as 1 | 2 | 3 | 4, text: `${level}.标题` }));
    const lines = lay(blocks).pages[0]!.lines;
    expect(lines.map((l) => l.role)).toEqual(['heading', 'kai', 'body', 'body']);
    for (const l of lines) expect(l.units[0]!.x).toBeCloseTo(L + 2 * C, 6);
  });

  it('never leaves a heading as the last line of a page', () => {
    const blocks: Block[] = [fullParagraph(21), { kind: 'heading', level: 1, text: '一、奖励内容' }, paragraph(han(30))];
    const layout = lay(blocks);
    expect(layout.pages[0]!.lines.at(-1)!.block).toBe(0);
    expect(layout.pages[1]!.lines[0]).toMatchObject({ block: 1, top: gridLineTop(0) });
  });
});

describe('signature and seal', () => {
  const blocks: Block[] = [
    paragraph(han(60)),
    { kind: 'attachments', items: ['奖励资金拨付明细表', '并州英才证书'] },
    SIGNATURE,
    { kind: 'note', text: '（此件公开发布）' },
  ];
  const page = lay(blocks).pages[0]!;
  const seal = page.items.find((i): i is SealItem => i.kind === 'seal')!;
  const [issuer, date] = page.lines.filter((l) => l.block === 2);
  const lastBody = page.lines.filter((l) => l.block === 1).at(-1)!;

  it('lays out 附件说明 one line below the body with numbered names aligned', () => {
    const att = page.lines.filter((l) => l.block === 1);
    const body = page.lines.filter((l) => l.block === 0);
    expect(att[0]!.top).toBeCloseTo(body.at(-1)!.top + 2 * P, 6);
    expect(lineText(att[0]!)).toBe('附件：1.奖励资金拨付明细表');
    expect(att[0]!.units[0]!.x).toBeCloseTo(L + 2 * C, 6);
    expect(lineText(att[1]!)).toBe('2.并州英才证书');
    expect(att[1]!.units[0]!.x).toBeCloseTo(att[0]!.units[3]!.x, 6);
  });

  it('puts the 署名 on the third grid line after the last body line and the date on the next', () => {
    expect(issuer!.top).toBeCloseTo(lastBody.top + 3 * P, 6);
    expect(date!.top).toBeCloseTo(lastBody.top + 4 * P, 6);
    expect(lineText(date!)).toBe('2026年11月24日');
  });

  it('ends the date 4 cells inside the block and centres the 署名 on it', () => {
    expect(lineRight(date!)).toBeCloseTo(R - 4 * C, 6);
    expect(Math.abs(lineCentre(issuer!) - lineCentre(date!))).toBeLessThanOrEqual(0.5);
  });

  it('presses the seal on 署名 and date within one line below the body, centred on the date', () => {
    const sealTop = seal.cy - seal.diameter / 2;
    const gap = sealTop - (lastBody.top + BODY_SIZE);
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThanOrEqual(P);
    expect(seal.cy).toBeLessThan((issuer!.top + date!.top + BODY_SIZE) / 2);
    expect(Math.abs(seal.cx - lineCentre(date!))).toBeLessThanOrEqual(0.5);
    expect(seal.diameter).toBeCloseTo(42 * MM, 6);
    expect(seal.issuer).toBe('太原市人才工作领导小组办公室');
    expect(page.items.at(-1)).toBe(seal);
  });

  it('puts 署名 and date in the lower half of the seal, both pressed by it', () => {
    expect(issuer!.top).toBeGreaterThanOrEqual(seal.cy - 1e-6);
    expect(date!.top + BODY_SIZE).toBeLessThanOrEqual(seal.cy + seal.diameter / 2);
  });

  it('adds a blank line above the 署名 when a large seal would otherwise reach into the body', () => {
    const p = lay(blocks, { seal: { diameter: 60 * MM } }).pages[0]!;
    const big = p.items.find((i): i is SealItem => i.kind === 'seal')!;
    const [i] = p.lines.filter((l) => l.block === 2);
    expect(i!.top).toBeCloseTo(lastBody.top + 4 * P, 6);
    const gap = big.cy - big.diameter / 2 - (lastBody.top + BODY_SIZE);
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThanOrEqual(P);
  });

  it('puts the 附注 on the line after the date, indented two cells', () => {
    const note = page.lines.find((l) => l.block === 3)!;
    expect(note.top).toBeCloseTo(date!.top + P, 6);
    expect(note.units[0]!.x).toBeCloseTo(L + 2 * C, 6);
  });

  it('lays a signature out unsealed when no seal will be drawn', () => {
    const p = lay([paragraph(han(10)), SIGNATURE], { seal: null }).pages[0]!;
    const [i, d] = p.lines.filter((l) => l.block === 1);
    expect(p.items.some((x) => x.kind === 'seal')).toBe(false);
    expect(i!.top).toBeCloseTo(gridLineTop(2), 6);
    expect(lineRight(i!)).toBeCloseTo(R - 2 * C, 6);
    expect(d!.units[0]!.x).toBeCloseTo(i!.units[0]!.x + 2 * C, 6);
  });

  it('moves the 署名 left when the unsealed date is the longer', () => {
    const p = lay([paragraph(han(10)), { kind: 'signature', issuer: '某局', date: '2026年11月24日', sealed: false }]).pages[0]!;
    const [i, d] = p.lines.filter((l) => l.block === 1);
    expect(lineRight(d!)).toBeCloseTo(R - 2 * C, 6);
    expect(i!.units[0]!.x).toBeCloseTo(d!.units[0]!.x - 2 * C, 6);
  });
});

describe('a signature that does not fit under the last body line', () => {
  // Page 1 holds the 版头 and 9 body lines (13 … 21), page 2 holds 21: the body ends on page 2's line 20.
  const body: Block[] = Array.from({ length: 10 }, (_, i) => fullParagraph(3, i));
  const blocks: Block[] = [...MASTHEAD.slice(0, 4), ...body, SIGNATURE];

  it('raises the 署名 to the seal’s clearance, then tightens the line pitch of that page, rather than leave the signature alone on a new page (FIT-1, FIT-3)', () => {
    const layout = lay(blocks);
    expect(layout.pages).toHaveLength(2);
    const page = layout.pages[1]!;
    const lines = page.lines.filter((l) => blocks[l.block]!.kind === 'paragraph');
    expect(lines).toHaveLength(21);
    const pitch = lines[1]!.top - lines[0]!.top;
    expect(pitch).toBeLessThan(P);
    expect(pitch).toBeGreaterThanOrEqual(MIN_TIGHT_PITCH - 1e-9);
    const [issuer, date] = page.lines.filter((l) => blocks[l.block]!.kind === 'signature');
    expect(date!.top - issuer!.top).toBeCloseTo(pitch, 6);
    const seal = page.items.find((i): i is SealItem => i.kind === 'seal')!;
    // The loosest pitch that fits: the seal's edge on the block bottom, 1 mm under the last body line.
    expect(seal.cy + seal.diameter / 2).toBeCloseTo(BLOCK_BOTTOM, 3);
    const gap = seal.cy - seal.diameter / 2 - (lines.at(-1)!.top + BODY_SIZE);
    expect(gap).toBeCloseTo(MM, 6);
    expect(checkFit(layout, model(blocks))).toEqual([]);
  });

  it('carries body lines to a new page when even the tightest pitch would run a large seal out of the block', () => {
    const layout = lay(blocks, { seal: { diameter: 60 * MM } });
    expect(layout.pages).toHaveLength(3);
    const page = layout.pages[2]!;
    const lines = page.lines.filter((l) => blocks[l.block]!.kind === 'paragraph');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const seal = page.items.find((i): i is SealItem => i.kind === 'seal')!;
    const gap = seal.cy - seal.diameter / 2 - (lines.at(-1)!.top + BODY_SIZE);
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThanOrEqual(P);
    expect(checkFit(layout, model(blocks))).toEqual([]);
  });

  it('never leaves the signature on a page with fewer than two body lines, taking lines from the page before (FIT-4)', () => {
    // 22 + 1 lines: “此复。” alone on page 2 would fit its signature; it takes a line of page 1 with it.
    const short: Block[] = [fullParagraph(22), paragraph('此复。'), SIGNATURE];
    const layout = lay(short, { seal: null });
    expect(layout.pages).toHaveLength(2);
    expect(layout.pages[1]!.lines.filter((l) => l.block < 2)).toHaveLength(3);
    expect(layout.pages[0]!.lines).toHaveLength(20);
    expect(checkFit(layout, model(short))).toEqual([]);
  });
});

describe('a signature that does not fit on page 1', () => {
  const titleCentre = (layout: ReturnType<typeof lay>) => layout.pages[0]!.lines.find((l) => l.role === 'title')!.top + 11;
  /** An unsealed notice with `lines` body lines, fitted on page 1: the 版头 stays, the title moves up one line. */
  const fittedPage1 = (lines: number) => {
    const blocks: Block[] = [...MASTHEAD, fullParagraph(lines), SIGNATURE];
    const layout = lay(blocks, { seal: null });
    expect(layout.pages).toHaveLength(1);
    expect(checkFit(layout, model(blocks))).toEqual([]);
    const page = layout.pages[0]!;
    expect(page.lines.find((l) => lineText(l).startsWith('并人才奖'))!.top).toBeCloseTo(gridLineTop(7), 6);
    expect(titleCentre(layout)).toBeCloseTo(gridLineTop(9) + BODY_SIZE / 2, 6);
    const title = page.lines.filter((l) => l.block === 3).at(-1)!;
    const to = page.lines.find((l) => l.block === 4)!;
    const body = page.lines.filter((l) => l.block === 5);
    const date = page.lines.filter((l) => l.block === 6).at(-1)!;
    return { pitch: body[1]!.top - body[0]!.top, titleGap: to.top - (title.top + 11 - BODY_SIZE / 2), dateBottom: date.top + BODY_SIZE };
  };

  it('moves the title up one line and halves the blank line under it, keeping the 版头 on the standard grid, before it tightens the pitch (FIT-2)', () => {
    // Unsealed: one blank line, 署名, date — a 6-line body leaves them one grid line short.
    const { pitch, titleGap, dateBottom } = fittedPage1(6);
    expect(pitch).toBeCloseTo(P, 6);
    expect(titleGap).toBeCloseTo(1.5 * P, 6);
    expect(dateBottom).toBeLessThanOrEqual(BLOCK_BOTTOM + 1e-6);
  });

  it('then tightens only the lines from the title on (FIT-3)', () => {
    const { pitch, dateBottom } = fittedPage1(7);
    expect(pitch).toBeLessThan(P);
    expect(pitch).toBeGreaterThanOrEqual(MIN_TIGHT_PITCH - 1e-9);
    expect(dateBottom).toBeCloseTo(BLOCK_BOTTOM, 3);
  });

  it('carries body lines over when page 1 cannot be fitted, keeping body text on page 1 and page 1 as the grid has it (FIT-5)', () => {
    const blocks: Block[] = [...MASTHEAD, fullParagraph(8), SIGNATURE];
    const layout = lay(blocks);
    expect(layout.pages).toHaveLength(2);
    expect(titleCentre(layout)).toBeCloseTo(gridLineTop(10) + BODY_SIZE / 2, 6);
    expect(layout.pages[0]!.lines.filter((l) => l.block === 5)).toHaveLength(6);
    expect(layout.pages[1]!.lines.filter((l) => l.block === 5)).toHaveLength(2);
    expect(layout.pages[1]!.lines.filter((l) => l.block === 6)).toHaveLength(2);
    expect(checkFit(layout, model(blocks))).toEqual([]);
  });
});

describe('page numbers', () => {
  const layout = lay([fullParagraph(60)]);

  it('numbers every page `— N —` in 四号 宋体, its centre 7 mm below the block', () => {
    expect(layout.pages.length).toBe(3);
    layout.pages.forEach((page, i) => {
      expect(page.number).toBe(i + 1);
      const n = texts(page).filter((t) => t.role === 'song');
      expect(n).toHaveLength(1);
      expect(n[0]!.text).toMatch(/^— \d+ —$/);
      expect(n[0]!.text).toBe(`— ${i + 1} —`);
      expect(n[0]!.size).toBe(14);
      expect(n[0]!.baseline - 0.88 * 14 + 7).toBeCloseTo(PAGE_NUMBER_CENTRE_Y, 6);
      expect(PAGE_NUMBER_CENTRE_Y).toBeCloseTo(BLOCK_BOTTOM + 7 * MM, 6);
    });
  });

  it('puts odd page numbers 1 字 in from the right and even ones 1 字 in from the left', () => {
    layout.pages.forEach((page) => {
      const n = texts(page).find((t) => t.role === 'song')!;
      const width = testMeasure.advance(n.text, 'song', 14, n.features);
      if (page.number! % 2 === 1) expect(n.x + width).toBeCloseTo(R - 14, 6);
      else expect(n.x).toBeCloseTo(L + 14, 6);
    });
  });
});

describe('版记', () => {
  const blocks: Block[] = [...MASTHEAD, fullParagraph(30), SIGNATURE, IMPRINT];
  const layout = lay(blocks);
  const last = layout.pages.at(-1)!;

  it('sits on the last page with its last rule on the block bottom', () => {
    const rs = rules(last);
    const bottom = rs.find((r) => Math.abs(r.y - BLOCK_BOTTOM) < 1e-6)!;
    expect(bottom).toMatchObject({ x1: L, x2: R, width: IMPRINT_THICK, colour: 'black' });
    expect(rs.filter((r) => r.width === IMPRINT_THIN)).toHaveLength(1);
    expect(rs.find((r) => Math.abs(r.y - (BLOCK_BOTTOM - 2 * P)) < 1e-6)?.width).toBe(IMPRINT_THICK);
    for (const page of layout.pages.slice(0, -1)) expect(rules(page).some((r) => r.width === IMPRINT_THICK)).toBe(false);
  });

  it('sets 抄送 1 字 in from the left ending with 。 and the 印发 date 1 字 in from the right', () => {
    const rec = last.lines.filter((l) => blocks[l.block]!.kind === 'imprint');
    const copy = rec.find((l) => lineText(l).startsWith('抄送：'))!;
    expect(copy.units[0]!.x).toBeCloseTo(L + 14, 6);
    expect(lineText(copy).endsWith('。')).toBe(true);
    expect(copy.size).toBe(14);
    const date = rec.find((l) => lineText(l).endsWith('印发'))!;
    expect(lineRight(date)).toBeCloseTo(R - 14, 6);
    expect(date.top + 7).toBeCloseTo(BLOCK_BOTTOM - P / 2, 6);
  });

  it('aligns wrapped 抄送 lines after the colon', () => {
    const long = { ...IMPRINT, copyTo: `抄送：${'市委组织部，市财政局，'.repeat(5)}市人社局。` } as Block;
    const rec = lay([paragraph(han(10)), long]).pages[0]!.lines.filter((l) => l.block === 1);
    const copy = rec.filter((l) => !lineText(l).endsWith('印发') && !lineText(l).includes('办公室'));
    expect(copy.length).toBeGreaterThan(1);
    expect(copy[1]!.units[0]!.x).toBeCloseTo(L + 14 + 3 * 14, 6);
    expect(lineRight(copy[0]!)).toBeCloseTo(R - 14, 6);
  });

  const longImprint = { ...IMPRINT, copyTo: `抄送：${'市委组织部，市财政局，市人力资源和社会保障局，'.repeat(6)}市人社局。` } as Block;

  it('tightens a full last page to keep the 版记 on it (FIT-3)', () => {
    const full = lay([fullParagraph(22), IMPRINT]);
    expect(full.pages).toHaveLength(1);
    expect(checkFit(full, model([fullParagraph(22), IMPRINT]))).toEqual([]);
  });

  it('never stands alone on a page: body lines go with it when the last page cannot hold it (FIT-4, FIT-5)', () => {
    const blocks = [fullParagraph(22), longImprint];
    const full = lay(blocks);
    expect(full.pages).toHaveLength(2);
    expect(full.pages[1]!.lines.filter((l) => l.block === 0).length).toBeGreaterThanOrEqual(2);
    expect(full.pages[1]!.number).toBe(2);
    expect(checkFit(full, model(blocks))).toEqual([]);
  });

  it('follows on a page of its own only when too long to share one with the signature and two body lines', () => {
    const huge = { ...IMPRINT, copyTo: `抄送：${'市委组织部，市财政局，市人力资源和社会保障局，'.repeat(25)}市人社局。` } as Block;
    const blocks = [...MASTHEAD, fullParagraph(3), SIGNATURE, huge];
    const layout = lay(blocks);
    expect(layout.pages).toHaveLength(2);
    expect(layout.pages[0]!.lines.some((l) => l.block === 6)).toBe(true);
    expect(layout.pages[1]!.lines.every((l) => l.block === 7)).toBe(true);
    expect(checkFit(layout, model(blocks))).toEqual([]);
  });

  it('goes to an even page in duplex print, unnumbered after an added blank page', () => {
    const one = lay([paragraph(han(10)), IMPRINT], { duplex: true });
    expect(one.pages.map((p) => p.number)).toEqual([1, 2]);
    expect(one.pages[1]!.lines.every((l) => l.block === 1)).toBe(true);
    expect(checkFit(one, model([paragraph(han(10)), IMPRINT]), { duplex: true })).toEqual([]);
    expect(checkFit(one, model([paragraph(han(10)), IMPRINT]))).toEqual(['FIT-4 page 2: holds only the 版记']);
    // Page 2 is even: the 版记 is fitted under its body text.
    expect(lay([fullParagraph(43), IMPRINT], { duplex: true }).pages.map((p) => p.number)).toEqual([1, 2]);
    const two = lay([fullParagraph(44), longImprint], { duplex: true });
    expect(two.pages.map((p) => p.number)).toEqual([1, 2, null, null]);
    expect(two.pages[2]!.items).toEqual([]);
    expect(two.pages[3]!.lines.every((l) => l.block === 1)).toBe(true);
    expect(texts(two.pages[3]!).some((t) => t.role === 'song')).toBe(false);
  });
});

describe('whole-document checks on a realistic notice', () => {
  const blocks: Block[] = [
    ...MASTHEAD,
    paragraph(`根据并发〔2018〕2号第十九条，经研究，决定授予你“并州英才”称号，并给予奖励资金人民币伍拾万元整（¥500,000.00）。身份证号码140105********000X。`),
    { kind: 'heading', level: 1, text: '一、资金用途' },
    paragraph(generatedParagraph(42, 300)),
    SIGNATURE,
    IMPRINT,
  ];
  const layout = layoutDocument(model(blocks), testMeasure, { seal: SEAL_42 });

  it('never starts a line with a NO_START mark nor ends one with a NO_END mark anywhere', () => {
    for (const l of linesOf(layout, (b) => kindOf(blocks)(b) !== 'title')) {
      expect(NO_START).not.toContain(Array.from(lineText(l))[0]);
      expect(NO_END).not.toContain(Array.from(lineText(l)).at(-1));
    }
  });

  it('draws all text black except the 标志', () => {
    const red = layout.pages.flatMap(texts).filter((t) => t.colour === 'red');
    expect(red.map((t) => t.text)).toEqual(['太原市人才工作领导小组办公室文件']);
  });

  it('draws a line of plain text as one text show', () => {
    const plain = lay([fullParagraph(30)]);
    for (const page of plain.pages) expect(texts(page).filter((t) => t.role === 'body')).toHaveLength(page.lines.length);
  });

  it('rejects options that make no sense, naming them', () => {
    const e = thrown(() => layoutDocument(model(blocks), testMeasure, { punctuation: 'loose' as 'grid' }));
    expect(e.code).toBe('LAYOUT_IMPOSSIBLE');
    expect(e.message).toContain('punctuation');
  });
});

describe('a title that would cost a page (TITLE-6)', () => {
  // The rules set this title in three lines, the opening alone; in two it breaks the name after its `·`.
  const TITLE = '关于核准穆罕默德·阿依古丽同志安家补贴的通知';
  const notice = (bodyLines: number) => [
    ...MASTHEAD.map((b) => (b.kind === 'title' ? { kind: 'title' as const, lines: [TITLE] } : b)),
    fullParagraph(bodyLines),
    SIGNATURE,
  ];
  const titleOf = (layout: ReturnType<typeof lay>) => layout.pages[0]!.lines.filter((l) => l.block === 3).map(lineText);

  it('sets the title in its fewest lines when that keeps the notice on one page', () => {
    const layout = lay(notice(7));
    expect(layout.pages).toHaveLength(1);
    expect(titleOf(layout)).toEqual(['关于核准穆罕默德·', '阿依古丽同志安家补贴的通知']);
    expect(checkFit(layout, model(notice(7)))).toEqual([]);
  });

  it('keeps the chosen three lines when the notice fits on one page with them', () => {
    const layout = lay(notice(6));
    expect(layout.pages).toHaveLength(1);
    expect(titleOf(layout)).toEqual(['关于核准', '穆罕默德·阿依古丽同志', '安家补贴的通知']);
  });

  it('keeps the chosen three lines when two lines would not save the page either', () => {
    const layout = lay(notice(8));
    expect(layout.pages).toHaveLength(2);
    expect(titleOf(layout)).toEqual(['关于核准', '穆罕默德·阿依古丽同志', '安家补贴的通知']);
  });

  it('lays out the same pages twice (the retry is deterministic)', () => {
    expect(JSON.stringify(lay(notice(7)))).toBe(JSON.stringify(lay(notice(7))));
  });
});
