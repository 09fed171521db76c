// Card markup (see model.ts) → card model, through the same XML reading as document markup.
import type { Element } from 'domhandler';
import { MarkupError } from '../../errors.js';
import { attr, elements, metaOf, text } from '../markup.js';
import type { CardModel } from './model.js';

function only(parent: Element, name: string, where: string): Element {
  const found = elements(parent, where).filter((e) => e.name === name);
  if (found.length !== 1) throw new MarkupError(`${where}: needs exactly one <${name}> (found ${found.length})`);
  return found[0]!;
}

function texts(parent: Element, name: string, where: string): string[] {
  return elements(parent, where)
    .filter((e) => e.name === name)
    .map((e) => text(e, `${where} <${name}>`));
}

function checkChildren(parent: Element, allowed: readonly string[], where: string): void {
  for (const e of elements(parent, where)) {
    if (!allowed.includes(e.name)) throw new MarkupError(`${where}: <${e.name}> is not allowed here; use ${allowed.map((a) => `<${a}>`).join(', ')}`);
  }
}

/** A <card> root → the card model. `source` names the template in error messages. */
export function parseCardElement(root: Element, source: string): CardModel {
  if (root.name !== 'card') throw new MarkupError(`${source}: the markup must be one <card> element`);
  checkChildren(root, ['front', 'back'], source);
  const front = only(root, 'front', source);
  const back = only(root, 'back', source);
  const f = `${source} <front>`;
  const b = `${source} <back>`;
  checkChildren(front, ['brand', 'issuer', 'holder', 'field', 'photo'], f);
  checkChildren(back, ['heading', 'service', 'note', 'qr', 'issued'], b);
  const qr = elements(back, b).find((e) => e.name === 'qr');
  return {
    meta: metaOf(root),
    front: {
      brand: text(only(front, 'brand', f), f),
      issuer: text(only(front, 'issuer', f), f),
      holder: text(only(front, 'holder', f), f),
      fields: elements(front, f)
        .filter((e) => e.name === 'field')
        .map((e) => ({ label: attr(e, 'label', f), value: text(e, f) })),
      photo: elements(front, f).some((e) => e.name === 'photo'),
    },
    back: {
      heading: text(only(back, 'heading', b), b),
      services: texts(back, 'service', b),
      notes: texts(back, 'note', b),
      ...(qr ? { qr: { url: text(qr, b), caption: attr(qr, 'caption', b) } } : {}),
      issued: text(only(back, 'issued', b), b),
    },
  };
}
