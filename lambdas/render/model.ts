// The document model: what a template's markup means, as typed blocks.
// Produced by markup.ts, consumed by the pure layout. No fonts, no positions here.
//
// Markup (what templates emit; XML, one element per block):
//   <document format="letter" title="…" subject="…" keywords="…" lang="zh-CN">   format: document (default) | letter
//     <copy-number>000123</copy-number>            份号 (optional)
//     <header>太原市人才工作领导小组办公室文件</header>  发文机关标志 (red)
//     <number>并人才奖〔2026〕17号</number>          发文字号
//     <title>关于核准<name>张三</name>同志……的通知</title>  标题 (<name>: a name the case gives; several <line> children force title line breaks)
//     <to>张三：</to>                                主送机关
//     <p>…</p>                                      body paragraph
//     <h1>一、…</h1> <h2>（一）…</h2> <h3>1.…</h3> <h4>（1）…</h4>
//     <table widths="2,12,6,8"><tr><th>…</th></tr><tr><td align="right">…</td></tr></table>  widths in cells
//     <attachments><item>名称</item></attachments>   附件说明
//     <signature date="2026年11月24日" sealed="true">署名</signature>
//     <note>（此件公开发布）</note>                    附注
//     <imprint><copy-to>抄送：…。</copy-to><printed-by date="2026年11月24日印发">印发机关</printed-by></imprint>  版记
//     <qr>https://…/v/DOC123</qr>                   verification QR (optional)
//   </document>

export type FontRole = 'title' | 'body' | 'heading' | 'kai' | 'song';

/** A run of text in one font role. A paragraph may mix roles (e.g. a bold lead-in). */
export interface Span {
  text: string;
  role: FontRole;
}

export interface DocumentMeta {
  title: string;
  subject: string;
  keywords: string;
  author: string;
  lang: string;
}

export type Block =
  | { kind: 'copyNumber'; text: string }
  | { kind: 'header'; text: string }
  | { kind: 'number'; text: string }
  /** `lines`: one entry when the layout may choose the breaks; `names`: the case's names in them, each one word (TITLE-1). */
  | { kind: 'title'; lines: string[]; names?: string[] }
  | { kind: 'to'; text: string }
  | { kind: 'paragraph'; spans: Span[] }
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string }
  | { kind: 'table'; widths: number[]; rows: TableRow[] }
  | { kind: 'attachments'; items: string[] }
  | { kind: 'signature'; issuer: string; date: string; sealed: boolean }
  | { kind: 'note'; text: string }
  | { kind: 'imprint'; copyTo?: string; printedBy: string; printedDate: string };

export interface TableRow {
  header: boolean;
  cells: TableCell[];
}

export interface TableCell {
  text: string;
  align: 'left' | 'center' | 'right';
}

/**
 * GB/T 9704 文件格式 (the full 版头: 标志 35 mm below the block top, red separator) or
 * 信函格式 (§10.1: 标志 30 mm from the paper top between red double rules, 发文字号 flush
 * right, no page number on page 1), which leaves more of page 1 for the body.
 */
export type DocumentFormat = 'document' | 'letter';

export interface DocumentModel {
  format: DocumentFormat;
  meta: DocumentMeta;
  blocks: Block[];
  /** Verification URL to encode as a QR code, when the document has one. */
  qr?: string;
}
