// The card model: what a card template's markup means. Produced by card/markup.ts, consumed by
// the pure card layout. No fonts, no positions here.
//
// Markup (what templates emit for a card; XML):
//   <card title="…" subject="…" keywords="…" author="…" lang="zh-CN">
//     <front>
//       <brand>人才服务“绿卡”</brand>  <issuer>太原市人才工作领导小组办公室</issuer>
//       <holder>张三</holder>
//       <field label="卡号">并人才卡〔2026〕000123号</field> …
//       <photo/>                                  (optional: a photo box, filled from the case's photo)
//     </front>
//     <back>
//       <heading>凭卡优先办理</heading>  <service>落户</service> …
//       <note>本卡限持卡人本人使用。</note> …
//       <qr caption="扫码核验">https://…/v/…</qr>   (optional)
//       <issued>太原市人才工作领导小组办公室　2026年9月1日发</issued>
//     </back>
//   </card>
import type { DocumentMeta, FontRole } from '../model.js';

interface CardField {
  label: string;
  value: string;
}

export interface CardModel {
  meta: DocumentMeta;
  front: { brand: string; issuer: string; holder: string; fields: CardField[]; photo: boolean };
  back: { heading: string; services: string[]; notes: string[]; qr?: { url: string; caption: string }; issued: string };
}

/** Every text of a card with the font role the card layout sets it in and where it stands, for the glyph check. */
export function cardTexts(model: CardModel): { text: string; role: FontRole; where: string }[] {
  const { front, back } = model;
  return [
    { text: front.brand, role: 'title', where: '<brand>' },
    { text: front.issuer, role: 'body', where: '<issuer>' },
    { text: front.holder, role: 'title', where: '<holder>' },
    ...front.fields.flatMap((f, i) => [
      { text: f.label, role: 'heading' as const, where: `<field> #${i + 1} label` },
      { text: f.value, role: 'body' as const, where: `<field> #${i + 1}` },
    ]),
    { text: back.heading, role: 'title', where: '<heading>' },
    ...back.services.map((s, i) => ({ text: s, role: 'body' as const, where: `<service> #${i + 1}` })),
    ...back.notes.map((n, i) => ({ text: n, role: 'body' as const, where: `<note> #${i + 1}` })),
    ...(back.qr
      ? [
          { text: back.qr.caption, role: 'body' as const, where: '<qr caption>' },
          { text: back.qr.url, role: 'body' as const, where: '<qr>' },
        ]
      : []),
    { text: back.issued, role: 'body', where: '<issued>' },
  ];
}
