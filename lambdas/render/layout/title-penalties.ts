// Where a title may break, and how badly (TITLE-1, TITLE-4, TITLE-5 in docs/layout.md): each
// gap between units gets a penalty from ICU's word boundaries, the phrases a title is made of
// (关于…, an organisation, a person before 同志) and the names the case gives; a break inside
// a long name may fall at one of its own finer points.
import { EPS } from './geometry.js';
import { CLOSING } from './kinsoku.js';
import type { Unit } from './segment.js';

/** Document kinds (文种) whose `的…` ending starts a good last line. */
const KIND_ENDINGS = ['通知', '批复', '决定', '意见', '函', '复函', '报告', '请示', '通报', '公告', '通告', '决议', '命令', '纪要', '议案'];
const CONJUNCTIONS = '并和及与暨';
/** Ends of an organisation's name. A break right after one keeps the name whole. */
const ORGANISATION_ENDINGS = ['公司', '集团', '大学', '学院', '学校', '医院', '研究院', '研究所', '中心', '委员会', '团队'];
/** A person addressed as 同志: the name before it is kept whole with it. */
const COMRADE = '同志';
/** Roles that may stand before a person's name in a title (“万人计划”专家赵一鸣同志). */
const ROLES = /专家|院士|教授|博士|研究员|工程师|技师|人才/gu;
/** 关于 with its verbs and 向 (关于同意给予, 关于向): a break after them starts the line with the addressee. */
export const OPENING = /^关于(?:同意|核准|给予|授予|印发|转发|向)*/u;
/** Break penalties up to this fall between phrases; above it, between words inside a phrase (TITLE-1). */
export const PHRASE = 2;
/** Penalties from here to SPLIT break a long name at one of its own finer points (TITLE-5). */
export const NAME_PART = 6;
/** A name longer than this many characters (half a line of 二号) may break at its finer points (TITLE-5). */
const LONG_NAME = 10;
/** A person's name with `·` of at least this many characters may break after a `·` (TITLE-5). */
const LONG_PERSON = 9;
/** Where an organisation's own words end (TITLE-5): a break after one, inside a long name, starts the next unit of it. */
const ORGANISATION_UNITS = [...ORGANISATION_ENDINGS, '研究室', '工作站', '流动站', '实验室', '工作部', '管理部', '事业部'];
/** Place names an organisation's name starts with (山西省|太原市小店区|…示范区): a coarser finer point. */
const PLACES = ['省', '市', '区', '县'];
/** Legal forms, longest first: they go with the words before them (never …科技 | 有限公司, 集团 | 有限公司). */
const LEGAL_FORMS = ['集团股份有限公司', '集团有限责任公司', '集团有限公司', '股份有限公司', '有限责任公司', '有限公司', '集团公司'];
/**
 * Words ICU's dictionary cuts (博士|后, 国|家级, 实验|室, 综合管理|部) that the policy's titles
 * print: an organisation's units and the catalogue's own terms. A break inside one splits a word (TITLE-1).
 */
const POLICY_TERMS = ['博士后科研流动站', '博士后科研工作站', '国家级', '省级', '市级', '院士工作站', '技能大师工作室', '企业技术中心'];
const TERMS = [...ORGANISATION_UNITS, ...POLICY_TERMS];
/** After a person's name that runs into a longer word (张建军 | 焊接): between words of a phrase (TITLE-4). */
const AFTER_PERSON = 3;
/** A break penalty from here on splits a word (TITLE-1). */
export const SPLIT = 10;

/**
 * Word boundaries from ICU's Chinese dictionary (Node ships full ICU). ICU cuts a name it does
 * not know into single characters (张|建|军), so a boundary between two single ideographs is
 * taken as inside a word. The dictionary belongs to the runtime: a Node upgrade may move an
 * unforced title break; templates that must not move give the title as <line>s.
 */
const words = new Intl.Segmenter('zh', { granularity: 'word' });

/** A single ideograph (or a name's `·`) as ICU cuts an unknown name: 张|建|军. */
const isSingle = (segment: string) => Array.from(segment).length === 1 && /[\p{Script=Han}·]/u.test(segment);

interface Words {
  /** Offsets where a word starts: ICU's boundaries, less those between two single ideographs. */
  starts: Set<number>;
  /** Offsets right after a run of two or more single ideographs (a name) and before a longer word. */
  afterName: Set<number>;
}

function wordsOf(text: string): Words {
  const segments = Array.from(words.segment(text));
  const single = (i: number) => isSingle(segments[i]?.segment ?? '');
  const starts = new Set(segments.filter((_, i) => i === 0 || !(single(i - 1) && single(i))).map((seg) => seg.index));
  const afterName = new Set(segments.filter((_, i) => i >= 2 && single(i - 1) && single(i - 2) && !single(i)).map((seg) => seg.index));
  return { starts, afterName };
}

/** An organisation's name may go on to a unit of it: 集团公司 + 第三十三研究所. */
const MAX_UNIT_GAP = 5;

/** Where the first organisation ending at most `gap` characters after `from` ends; `from` if none (Infinity if none and from is Infinity). */
function organisationEnd(text: string, from: number, gap: number): number {
  if (!Number.isFinite(from)) return from;
  let best = Infinity;
  for (const e of ORGANISATION_ENDINGS) {
    const i = text.indexOf(e, from);
    if (i >= 0 && i - from <= gap) best = Math.min(best, i + e.length);
  }
  return Number.isFinite(best) ? best : gap === Infinity ? Infinity : from;
}

/**
 * Phrases a break must not split (offsets in UTF-16 units; `starts`: where a break is welcome):
 * the opening (关于|同意), an organisation named after it (up to 公司, 大学 …), a person before
 * 同志 (from the opening, a closing mark or a role such as 专家, whichever is last).
 */
function phrases(text: string, names: readonly MarkedName[]): { inside: (offset: number) => boolean; starts: Set<number>; finer: Map<number, number> } {
  const opening = OPENING.exec(text)?.[0].length ?? 0;
  const spans: [number, number][] = [[0, opening]];
  /** TITLE-5: offsets inside a long name where it may break, with their penalty. */
  const finer = new Map<number, number>();
  if (opening > 0) {
    // The first ending, then any that follows within a few characters (集团公司第三十三研究所).
    let end = organisationEnd(text, opening, Infinity);
    for (let next = organisationEnd(text, end, MAX_UNIT_GAP); next > end; next = organisationEnd(text, end, MAX_UNIT_GAP)) end = next;
    // The name ends before a term of the policy (Université Paris-Saclay | 国家级企业技术中心).
    for (const t of POLICY_TERMS) {
      const i = text.indexOf(t, opening + 1);
      if (i > opening && i < end && Number.isFinite(end)) end = i;
    }
    if (Number.isFinite(end) && !/[“”‘’《》（）]/u.test(text.slice(opening, end))) {
      spans.push([opening, end]);
      if (end - opening > LONG_NAME) organisationParts(text, opening, end, finer);
    }
  }
  for (let i = text.indexOf(COMRADE); i >= 0; i = text.indexOf(COMRADE, i + 1)) {
    // The name runs from the opening or the last mark before 同志, after a role (专家赵一鸣).
    let start = Math.max(opening, ...Array.from(text.slice(0, i).matchAll(/[”’》）〕]/gu), (m) => m.index + 1));
    const role = Array.from(text.slice(start, i).matchAll(ROLES)).at(-1);
    if (role) start += role.index + role[0].length;
    spans.push([Math.min(start, i - 2), i + COMRADE.length]);
    // A long minority name breaks after a `·`, its own break point (clreq: · never starts a line).
    if (Array.from(text.slice(start, i)).length >= LONG_PERSON) {
      for (let k = text.indexOf('·', start); k >= 0 && k < i; k = text.indexOf('·', k + 1)) finer.set(k + 1, NAME_PART + 2);
    }
  }
  // A name the case gives is one word whatever the guesses above found in it, with TITLE-5's points.
  for (const n of names) {
    spans.push([n.from, n.to]);
    for (const k of finer.keys()) if (k > n.from && k < n.to) finer.delete(k);
    nameParts(text, n, finer);
  }
  const terms: [number, number][] = [];
  for (const t of TERMS) for (let i = text.indexOf(t); i >= 0; i = text.indexOf(t, i + 1)) terms.push([i, i + t.length]);
  const unbroken = [...spans, ...terms];
  return {
    inside: (offset) => text[offset] === '·' || text[offset - 1] === '·' || unbroken.some(([a, b]) => offset > a && offset < b),
    starts: new Set(spans.slice(1).map(([a]) => a)),
    finer,
  };
}

/**
 * TITLE-5: where a long organisation's name (from `a` to `b`) may break between its own words, at
 * an ICU word boundary (never 省 | 级) two characters or more from either end: after a unit
 * (公司 | 太原分公司, 研究院 | 工程技术研究中心), else after a place (山西省 | 并州…); never before
 * or inside a legal form (…科技 | 有限公司, 集团 | 有限公司), which reads as a name of its own.
 */
function organisationParts(text: string, a: number, b: number, finer: Map<number, number>): void {
  const name = text.slice(a, b);
  const forms: [number, number][] = [];
  for (const form of LEGAL_FORMS) {
    for (let i = name.indexOf(form); i >= 0; i = name.indexOf(form, i + 1)) {
      // A bracketed word right before the form belongs to it: 太原钢铁（集团）有限公司.
      const start = /（[^（）]*）$/u.exec(name.slice(0, i))?.index ?? i;
      if (!forms.some(([f, g]) => i < g && i + form.length > f)) forms.push([start, i + form.length]);
    }
  }
  // Never inside brackets: （集团）, （太原）.
  for (const m of name.matchAll(/[（(][^（）()]*[）)]/gu)) forms.push([m.index + 1, m.index + m[0].length]);
  for (const { index: o } of words.segment(name)) {
    if (o < 2 || name.length - o < 2 || forms.some(([f, g]) => o >= f && o < g)) continue;
    const before = name.slice(0, o);
    // A unit's bracketed qualifier closes the unit: 检测实验室（CNAS） | 第一研究室.
    if (ORGANISATION_UNITS.some((e) => before.endsWith(e) || new RegExp(`${e}（[^（）]*）$`, 'u').test(before))) finer.set(a + o, NAME_PART);
    else if (PLACES.some((e) => before.endsWith(e))) finer.set(a + o, NAME_PART + 1);
  }
}

/** A name the case gives (a <name> of the title), where it stands in the title's text (UTF-16 offsets). */
export interface MarkedName {
  from: number;
  to: number;
  /** Wider than a line of the title: a Latin name may then break at a space (TITLE-5). */
  overLong: boolean;
}

/**
 * TITLE-5 for a name the case gives: a long name with `·` after a `·`; a long organisation's
 * name after its units or its place; a Latin name wider than a line at a space. Nowhere else.
 */
export function nameParts(text: string, n: MarkedName, finer: Map<number, number>): void {
  const name = text.slice(n.from, n.to);
  if (name.includes('·')) {
    if (Array.from(name).length < LONG_PERSON) return;
    for (let k = name.indexOf('·'); k >= 0; k = name.indexOf('·', k + 1)) finer.set(n.from + k + 1, NAME_PART + 2);
  } else if (/\p{Script=Han}/u.test(name) && name.length > LONG_NAME) {
    organisationParts(text, n.from, n.to, finer);
    // A name that starts with a person's (ICU cuts it into three or more single characters) breaks
    // after it as between two words of a phrase, not as a finer point (张建军 | 焊接技能大师工作室);
    // two (扎|西|多吉) may be half a name ICU half-recognises.
    const segments = Array.from(words.segment(name));
    const person = segments.findIndex((seg) => !isSingle(seg.segment));
    if (person >= 3) finer.set(n.from + segments[person]!.index, AFTER_PERSON);
  }
  if (n.overLong) for (let k = name.indexOf(' '); k > 0; k = name.indexOf(' ', k + 1)) finer.set(n.from + k + 1, NAME_PART);
}

/** Where each of `names` stands in the title's units (every occurrence), and whether it is wider than a line. */
export function markedNames(units: readonly Unit[], offsets: readonly number[], names: readonly string[], maxWidth: number): MarkedName[] {
  const joined = units.map((u) => u.text).join('');
  const out: MarkedName[] = [];
  for (const name of names) {
    for (let i = joined.indexOf(name); name !== '' && i >= 0; i = joined.indexOf(name, i + name.length)) {
      const width = units.reduce((w, u, k) => (offsets[k]! >= i && offsets[k]! < i + name.length ? w + u.width : w), 0);
      out.push({ from: i, to: i + name.length, overLong: width > maxWidth + EPS });
    }
  }
  return out;
}

/** How bad a break before unit b is (lower is better; SPLIT and more splits a word); undefined where no break may fall. */
export function penalties(units: readonly Unit[], names: readonly string[], maxWidth: number): (number | undefined)[] {
  const text = units.map((u) => u.text);
  const joined = text.join('');
  const { starts, afterName } = wordsOf(joined);
  const offsets = [0];
  for (const t of text) offsets.push(offsets[offsets.length - 1]! + t.length);
  const phrase = phrases(joined, markedNames(units, offsets, names, maxWidth));
  const out: (number | undefined)[] = [];
  let depth = 0;
  for (let b = 0; b <= units.length; b++) {
    if (b > 0) {
      const prev = units[b - 1]!;
      if (prev.blank === 'before') depth++;
      else if (CLOSING.includes(prev.text)) depth = Math.max(0, depth - 1);
    }
    if (b === 0 || b === units.length) {
      out.push(undefined);
      continue;
    }
    const u = units[b]!;
    const prev = units[b - 1]!;
    if (u.noStart || prev.noEnd || prev.glue === 'always') {
      out.push(undefined);
      continue;
    }
    const before = text.slice(0, b).join('');
    const after = text.slice(b).join('');
    if (KIND_ENDINGS.some((k) => after === `的${k}`)) out.push(0);
    else if (phrase.inside(offsets[b]!)) out.push(phrase.finer.get(offsets[b]!) ?? SPLIT);
    else if (depth === 0 && phrase.starts.has(offsets[b]!)) out.push(2);
    else if (depth === 0 && (u.blank === 'before' || prev.blank === 'after')) out.push(1);
    else if (depth === 0 && prev.kind === 'han' && [...ORGANISATION_ENDINGS, COMRADE].some((e) => before.endsWith(e))) out.push(1);
    else if (OPENING.test(before) && OPENING.exec(before)![0] === before) out.push(2);
    else if (depth === 0 && CONJUNCTIONS.includes(u.text) && prev.kind === 'han') out.push(2);
    // Inside quotation marks or a 书名号 a break splits a name.
    else if (depth === 0 && afterName.has(offsets[b]!)) out.push(AFTER_PERSON);
    else out.push(depth > 0 ? SPLIT + 10 : starts.has(offsets[b]!) ? 5 : SPLIT);
  }
  return out;
}
