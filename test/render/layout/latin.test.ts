// LATIN-1 … LATIN-4 and JUST-1/JUST-2 (docs/layout.md) with the real font pack: Latin names,
// company names, emails and URLs in Chinese running text.
import { describe, expect, it } from 'vitest';
import { fontPack } from '../../../lambdas/render/fonts.js';
import { BLOCK_WIDTH, CELL } from '../../../lambdas/render/layout/geometry.js';
import { justificationViolations } from '../../../lambdas/render/layout/justify.js';
import { breakLines, type LineBox } from '../../../lambdas/render/layout/linebreak.js';
import { LATIN_FEATURES, WORD_FEATURES, segmentText } from '../../../lambdas/render/layout/segment.js';
import type { Block } from '../../../lambdas/render/model.js';
import { layoutDocument, type Line } from '../../../lambdas/render/layout/index.js';
import { MASTHEAD, IMPRINT, SEAL_42, SIGNATURE, generatedParagraph, model, paragraph, ruleViolations } from './fixtures.js';

const measure = fontPack().measure;
const size = CELL;
const units = (text: string, maxWidth?: number) => segmentText(text, 'body', size, measure, maxWidth);
const body = { width: BLOCK_WIDTH, firstIndent: 2 * CELL, indent: 0 };
const lines = (text: string) => breakLines(units(text), body, { punctuation: 'grid', orphanControl: true });
const texts = (ls: LineBox[]) => ls.map((l) => l.units.map((u) => u.text).join(''));
/** Where each line ends, as the text before it and the text after it. */
const breaksOf = (ls: LineBox[]) =>
  texts(ls)
    .slice(0, -1)
    .map((t) => t.trimEnd());

describe('Latin text (LATIN-1 … LATIN-4)', () => {
  it('measures a name with diacritics by the font’s own advances, not as ideographs', () => {
    const [jose] = units('José');
    expect(jose!.text).toBe('José');
    expect(jose!.kind).toBe('latin');
    expect(jose!.width).toBeCloseTo(measure.advance('José', 'body', size, WORD_FEATURES), 6);
    expect(jose!.width).toBeLessThan(3 * CELL);
  });

  it('keeps `Zoë O’Brien` one run with its apostrophe, broken only at the space', () => {
    const us = units('我市引进了Zoë O’Brien博士。');
    expect(us.filter((u) => u.kind === 'latin').map((u) => u.text)).toEqual(['Zoë ', 'O’Brien']);
    const [zoe] = us.filter((u) => u.kind === 'latin');
    expect(zoe!.trailing).toBeCloseTo(measure.advance(' ', 'body', size, WORD_FEATURES), 6);
    expect(zoe!.noEnd).toBe(false);
  });

  it('sets words proportionally and numbers, capitals and codes in half-width forms', () => {
    const features = (text: string) => units(text)[0]!.features;
    for (const word of ['José', 'Taiyuan', 'zoe.obrien@example.com']) expect(features(word)).toEqual(WORD_FEATURES);
    for (const code of ['2026', '¥500,000.00', 'GB/T', 'MCU', '140105********000X']) expect(features(code)).toEqual(LATIN_FEATURES);
  });

  it('takes a decomposed accent into the run of its letter', () => {
    const decomposed = 'Jose\u0301';
    expect(units(decomposed + '先生').map((u) => u.text)).toEqual([decomposed, '先', '生']);
  });

  it('breaks an English company name only between words, and never inside one', () => {
    const name = 'José Álvarez-Núñez Taiyuan Heavy Machinery International Holdings Limited';
    for (let pad = 0; pad < 28; pad++) {
      const ls = lines('经研究，同意' + '太'.repeat(pad) + name + '入驻。');
      expect(texts(ls).join('')).toBe('经研究，同意' + '太'.repeat(pad) + name + '入驻。');
      for (const end of breaksOf(ls)) {
        const words = name.split(' ');
        const last = end.split(/[^\p{Script=Latin}'’-]/u).at(-1)!;
        if (last !== '') expect(words).toContain(last);
      }
    }
  });

  it('lets a word’s trailing space take no room at a line end', () => {
    const ls = lines('经研究，同意' + '太'.repeat(14) + 'Taiyuan Heavy Machinery Group');
    const first = ls[0]!;
    const tail = first.units.at(-1)!;
    expect(tail.text.endsWith(' ')).toBe(true);
    expect(tail.width).toBeCloseTo(measure.advance(tail.text.trimEnd(), 'body', size, WORD_FEATURES), 6);
  });

  it('breaks a URL or an email only after its own marks (/ . @ …), whatever the line length', () => {
    const url = 'https://rc.taiyuan.gov.cn/policy/2018/bingfa-2.html';
    const email = 'zoe.obrien@tyhm-example.com';
    for (let pad = 0; pad < 28; pad++) {
      const text = '详见' + '太'.repeat(pad) + url + '，或致函' + email + '。';
      const ls = lines(text);
      expect(texts(ls).join('')).toBe(text);
      for (const end of breaksOf(ls)) {
        const last = Array.from(end).at(-1)!;
        if (/[A-Za-z0-9]/.test(last)) {
          // A line may end on a letter only where the address ends.
          expect(end.endsWith('html') || end.endsWith('com') || end.endsWith(url) || end.endsWith(email)).toBe(true);
        }
      }
    }
  });

  it('puts no justification space inside an address', () => {
    const ls = lines('详见' + '太'.repeat(20) + 'https://rc.taiyuan.gov.cn/policy/2018/bingfa-2.html' + '太'.repeat(30));
    const doc = layoutDocument(model([paragraph(texts(ls).join(''))]), measure, { seal: null });
    for (const line of doc.pages[0]!.lines.filter((l) => !l.last)) {
      line.units.forEach((u, i) => {
        const next = line.units[i + 1];
        if (next && u.kind === 'latin' && next.kind === 'latin' && !u.text.endsWith(' ')) expect(next.x - (u.x + u.width)).toBeCloseTo(0, 6);
      });
    }
  });

  it('splits a word wider than a line at its UAX #14 opportunities, then by characters', () => {
    const word = 'Pneumonoultramicroscopicsilicovolcanoconiosis-Supercalifragilisticexpialidocious-Antidisestablishmentarianism';
    const pieces = units(word, 20 * CELL);
    expect(pieces.map((u) => u.text).join('')).toBe(word);
    for (const p of pieces) expect(p.width).toBeLessThanOrEqual(20 * CELL + 1e-6);
    expect(pieces.slice(0, -1).every((p) => p.joined)).toBe(true);
  });
});

describe('justification limits (JUST-1, JUST-2)', () => {
  it('breaks the lines before a loose one earlier instead of spreading a pushed-out number over one line (JUST-1)', () => {
    // A masked ID number (9 cells) just misses the second line's end: greedy breaking leaves
    // that line 8 cells to spread over 19 gaps (0.42 cell each).
    const text = '太'.repeat(38) + '（公民身份号码：140105********000X）于' + '太'.repeat(40) + '。';
    const ls = lines(text);
    expect(texts(ls).join('')).toBe(text);
    expect(texts(ls)[1]!.endsWith('（公民身份号码：')).toBe(true);
    expect(ls[0]!.units.length).toBeLessThan(26);
    const laid = layoutDocument(model([paragraph(text)]), measure, { seal: null }).pages[0]!.lines;
    const widest = Math.max(...laid.filter((l) => !l.last).flatMap((l) => l.units.slice(1).map((u, i) => u.x - (l.units[i]!.x + l.units[i]!.width))));
    expect(widest / CELL).toBeLessThan(0.2);
    expect(justificationViolations(laid)).toEqual([]);
  });

  it('sets a line solid (JUST-2) when a word too long to share it would spread its gaps past half a cell', () => {
    const text = '经研究同意' + 'Pneumonoultramicroscopicsilicovolcanoconiosis' + '课题立项。';
    const ls = lines(text);
    expect(texts(ls)[0]).toBe('经研究同意');
    expect(texts(ls)[1]!.startsWith('Pneumonoultramicroscopicsilicovolcanoconiosis')).toBe(true);
    expect(ls[0]!.ragged).toBe(true);
    const laid = layoutDocument(model([paragraph(text)]), measure, { seal: null }).pages[0]!.lines;
    expect(laid[0]!.ragged).toBe(true);
    laid[0]!.units.slice(1).forEach((u, i) => expect(u.x).toBeCloseTo(laid[0]!.units[i]!.x + laid[0]!.units[i]!.width, 6));
    expect(justificationViolations(laid)).toEqual([]);
  });

  it.each([4, 11, 27, 58, 93])('keeps every gap within the limit in generated paragraph %i mixed with Latin names, emails and ID numbers', (seed) => {
    const extra = ['José Álvarez-Núñez', 'zoe.obrien@tyhm-example.com', 'Taiyuan Heavy Machinery Co. Ltd.', '140105********000X'];
    const text = generatedParagraph(seed, 300).replace(/(.{40})/gu, (s, _a, i: number) => s + extra[(seed + i) % extra.length]);
    const laid = layoutDocument(model([paragraph(text)]), measure, { seal: null }).pages.flatMap((p) => p.lines);
    expect(laid.map((l) => l.units.map((u) => u.text).join('')).join('')).toBe(text);
    expect(justificationViolations(laid)).toEqual([]);
  });

  it('reports a gap past half a cell on a justified line', () => {
    const line: Line = {
      block: 0,
      role: 'body',
      size,
      top: 0,
      baseline: 0,
      units: [
        { text: '太', kind: 'han', x: 0, width: size },
        { text: '原', kind: 'han', x: 1.6 * size, width: size },
      ],
      first: false,
      last: false,
      adjusted: true,
      ragged: false,
    };
    expect(justificationViolations([line])).toHaveLength(1);
    expect(justificationViolations([{ ...line, last: true }])).toEqual([]);
    expect(justificationViolations([{ ...line, ragged: true }])).toEqual([]);
  });

  it('keeps R1–R13 and the gap limit on a document full of Latin names, companies, emails and URLs', () => {
    const pieces = [
      '经研究，同意引进José Álvarez-Núñez博士（西班牙籍）和Zoë O’Brien教授，',
      '二人受聘于Taiyuan Heavy Machinery International Co. Ltd.研发中心，',
      '联系邮箱zoe.obrien@tyhm-example.com，申报网址https://rc.taiyuan.gov.cn/policy/apply?id=2026&type=expert，',
      '按照并发〔2018〕2号第十九条给予¥500,000.00科研经费，',
    ];
    const blocks: Block[] = [...MASTHEAD];
    for (let i = 0; i < 6; i++)
      blocks.push(
        paragraph(
          pieces
            .slice(i % 4)
            .concat(pieces.slice(0, i % 4))
            .join('') + '特此通知。',
        ),
      );
    blocks.push(SIGNATURE, IMPRINT);
    const doc = layoutDocument(model(blocks), measure, { seal: SEAL_42 });
    const paragraphs = doc.pages.flatMap((p) => p.lines).filter((l) => blocks[l.block]!.kind === 'paragraph');
    expect(justificationViolations(paragraphs)).toEqual([]);
    // R7's natural width of a Latin run is the test measure's; here the font's own is used.
    // A URL may end a line after its `/` (LATIN-3), which R2 forbids in Chinese text.
    expect(ruleViolations(paragraphs).filter((v) => !v.startsWith('R7 latin') && !(v.startsWith('R2') && v.endsWith('/”')))).toEqual([]);
  });
});
