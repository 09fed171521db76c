// Reading a finished PDF's structure, as far as signing needs it: the last trailer, object
// dictionaries found through the classic cross-reference tables (ISO 32000-1 7.5.4), the page tree.

export class PdfStructureError extends Error {
  readonly code = 'PDF_STRUCTURE';
}

/** A file's last trailer: its dictionary's text, and where its xref table starts. */
export interface Trailer {
  body: string;
  startxref: number;
}

/** The file's last trailer, read from the text after the last `trailer` keyword. */
export function lastTrailer(text: string): Trailer {
  const at = text.lastIndexOf('trailer');
  const m = /^trailer\s*<<([\s\S]*?)>>\s*startxref\s+(\d+)/.exec(text.slice(at));
  if (at < 0 || !m) throw new PdfStructureError('PDF 末尾找不到 trailer（只支持传统交叉引用表）');
  return { body: m[1]!, startxref: Number(m[2]) };
}

const refPatterns = new Map<string, RegExp>();

export function ref(dict: string, key: string): number | undefined {
  let re = refPatterns.get(key);
  if (!re) refPatterns.set(key, (re = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`)));
  const m = re.exec(dict);
  return m ? Number(m[1]) : undefined;
}

/** Reads one object's dictionary where the cross-reference table says the object starts. */
export type ObjectDicts = (id: number) => string;

const XREF_SUBSECTION = /(\d+)\s+(\d+)[ \t]*\r?\n/y;
const XREF_ENTRY = /(\d{10}) (\d{5}) ([nf])[ \t]*\r?\n?/y;
const OBJECT_DICT = /(\d+) 0 obj\s*(<<[\s\S]*?>>)\s*(?:endobj|stream)/y;

/** A sticky pattern matched exactly at `at`. */
function stickyAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/**
 * The file's objects by id, from its cross-reference tables (the last one first, then each /Prev):
 * one pass over the tables instead of a search of the whole file for every object looked up.
 * An object defined again in a later update is read where its last definition starts.
 */
export function objectDicts(text: string, startxref: number): ObjectDicts {
  const offsets = new Map<number, number>();
  const seen = new Set<number>();
  let at: number | undefined = startxref;
  while (at !== undefined && !seen.has(at)) {
    seen.add(at);
    if (!text.startsWith('xref', at)) throw new PdfStructureError(`PDF 偏移 ${at} 处不是交叉引用表（只支持传统交叉引用表）`);
    let pos: number = at + 'xref'.length;
    while (text[pos] === '\r' || text[pos] === '\n') pos++;
    for (;;) {
      const sub = stickyAt(XREF_SUBSECTION, text, pos);
      if (!sub) break;
      pos = XREF_SUBSECTION.lastIndex;
      const first = Number(sub[1]);
      for (let i = 0; i < Number(sub[2]); i++) {
        const entry = stickyAt(XREF_ENTRY, text, pos);
        if (!entry) throw new PdfStructureError(`PDF 交叉引用表在偏移 ${pos} 处损坏`);
        pos = XREF_ENTRY.lastIndex;
        // A newer table comes first, so an id it lists keeps that offset.
        if (entry[3] === 'n' && !offsets.has(first + i)) offsets.set(first + i, Number(entry[1]));
      }
    }
    const prev: string | undefined = /\/Prev\s+(\d+)/.exec(trailerAfter(text, pos))?.[1];
    at = prev === undefined ? undefined : Number(prev);
  }
  return (id) => {
    const offset = offsets.get(id);
    const m = offset === undefined ? null : stickyAt(OBJECT_DICT, text, offset);
    if (!m || Number(m[1]) !== id) throw new PdfStructureError(`PDF 中找不到对象 ${id}`);
    return m[2]!;
  };
}

/** The trailer dictionary that follows a cross-reference table ending at `from`. */
function trailerAfter(text: string, from: number): string {
  const m = /^\s*trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(text.slice(from, text.indexOf('startxref', from) + 'startxref'.length));
  if (!m) throw new PdfStructureError(`PDF 偏移 ${from} 处的交叉引用表后没有 trailer`);
  return m[1]!;
}

/** Page object ids in page order, walking the page tree from the catalog's /Pages. */
export function pageIds(objectDict: ObjectDicts, node: number): number[] {
  const dict = objectDict(node);
  if (/\/Type\s*\/Page\b(?!s)/.test(dict)) return [node];
  const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict);
  if (!kids) throw new PdfStructureError(`页面树节点 ${node} 没有 /Kids`);
  return [...kids[1]!.matchAll(/(\d+)\s+0\s+R/g)].flatMap((k) => pageIds(objectDict, Number(k[1])));
}
