// The one page shell: Chinese, mobile first, system fonts, inline CSS, no external asset (the
// verification page opens from a QR code on any phone, on any network).
import { POLICY_NUMBER } from '../../catalogue/index.js';
import { html, raw } from './html.js';
import type { Html } from './html.js';

const STYLE = `
:root{--red:#c8161d;--ink:#1f2329;--muted:#646a73;--line:#dee0e3;--ok:#1a7f37;--warn:#b54708;--bg:#f5f6f7}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.6 "PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif;-webkit-text-size-adjust:100%}
header.bar{background:var(--red);color:#fff;padding:12px 16px}
header.bar h1{margin:0;font-size:18px;font-weight:600;letter-spacing:.05em}
header.bar p{margin:2px 0 0;font-size:13px;opacity:.9}
main{max-width:760px;margin:0 auto;padding:16px}
main.wide{max-width:1080px}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px;margin:0 0 16px}
.card h2{margin:0 0 12px;font-size:17px}
.verdict{display:flex;gap:12px;align-items:center;font-size:18px;font-weight:600}
.verdict .mark{flex:none;width:40px;height:40px;border-radius:50%;display:grid;place-items:center;color:#fff;font-size:22px}
.ok .mark{background:var(--ok)} .ok{color:var(--ok)}
.warn .mark{background:var(--warn)} .warn{color:var(--warn)}
.bad .mark{background:var(--red)} .bad{color:var(--red)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:8px 16px;margin:0}
dl.facts dt{color:var(--muted)} dl.facts dd{margin:0;word-break:break-all}
@media (max-width:480px){dl.facts{grid-template-columns:1fr;gap:0}dl.facts dd{margin-bottom:8px}}
.hash{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}
.badge{display:inline-block;padding:0 8px;border-radius:10px;font-size:13px;line-height:22px;white-space:nowrap}
.badge.current{background:#dafbe1;color:var(--ok)} .badge.superseded{background:#fff1e5;color:var(--warn)}
.badge.failed{background:#ffebe9;color:var(--red)} .badge.plain{background:#eef0f2;color:var(--muted)}
.notice{background:#fff8e6;border:1px solid #f5d48a;border-radius:6px;padding:8px 12px;font-size:14px}
.muted{color:var(--muted);font-size:14px}
.field-error{color:var(--red);font-size:14px;margin:4px 0}
a{color:#1456f0}
label{display:block;margin:8px 0 4px;font-size:14px;color:var(--muted)}
input,select,textarea,button{font:inherit}
input[type=text],input[type=date],select,textarea{width:100%;padding:8px;border:1px solid var(--line);border-radius:6px;background:#fff}
input[type=text],input[type=date],select{height:40px}
textarea{min-height:64px}
button{padding:8px 16px;border:0;border-radius:6px;background:var(--red);color:#fff;cursor:pointer}
button.secondary{background:#fff;color:var(--ink);border:1px solid var(--line)}
button:disabled{opacity:.5;cursor:default}
.row{display:flex;gap:8px;flex-wrap:wrap;align-items:flex-end}
.row>*{flex:1 1 180px}
.row>button{flex:0 0 auto}
table{width:100%;border-collapse:collapse;font-size:14px}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--muted);font-weight:normal;white-space:nowrap}
.scroll{overflow-x:auto}
.progress{height:10px;background:#eef0f2;border-radius:5px;overflow:hidden;display:flex}
.progress .done{background:var(--ok)} .progress .failed{background:var(--red)}
[hidden]{display:none!important}
footer{color:var(--muted);font-size:12px;text-align:center;padding:16px}
`;

export interface PageOptions {
  title: string;
  subtitle?: string;
  body: Html;
  /** Wider main column for tables (the staff console). */
  wide?: boolean;
  /** Inline script, allowed by the response's CSP nonce. */
  script?: { nonce: string; source: string };
}

export function page(options: PageOptions): string {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${options.title}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<header class="bar"><h1>${options.title}</h1>${options.subtitle ? html`<p>${options.subtitle}</p>` : ''}</header>
<main${options.wide ? html` class="wide"` : ''}>
${options.body}
</main>
<footer>太原市人才政策文书 · 依据${POLICY_NUMBER}</footer>
${options.script ? html`<script nonce="${options.script.nonce}">${raw(options.script.source)}</script>` : ''}
</body>
</html>`.text;
}
