// The staff console (GET /staff): one server-rendered page and a small script that calls the
// same staff routes with the same Bearer token as any other client. Sign-in is the configured
// OpenID Connect provider (authorization code + PKCE, no client secret in the page; endpoints
// from its discovery document) when there is one, else the development token `npm start` prints. The token lives in sessionStorage: closing the tab
// signs out.
import { DOC_TYPES } from '../../catalogue/index.js';
import type { OidcClient, OidcEndpoints } from '../oidc-discovery.js';
import { ACTOR_LABELS, EVENT_LABELS } from '../audit.js';
import { PDF_VIEWER_PATH } from './pdf-viewer.js';
import { consoleScript } from './console-script.js';
import type { ConsoleConfig } from './console/config.js';
import { RECIPIENT_LINK_PANEL } from './recipient-link-panel.js';
import { CARD_PANEL } from './card-panel.js';
import { html, jsonForScript } from './html.js';
import { page } from './layout.js';

export interface ConsoleSettings {
  signIn?: { client: OidcClient; endpoints: OidcEndpoints };
  /** Where the provider sends the browser back: `<public base>/staff`. */
  redirectUri: string;
}

/** Finding cases: by id, name or 发文字号, type, status and 成文日期. */
const SEARCH_SECTION = html`<section class="card" id="search">
<h2>查找案件</h2>
<form id="find-form">
<div class="row">
<div><label for="q">案件编号、受文者姓名或发文字号（可只填一部分）</label><input type="text" id="q" name="q" maxlength="60" placeholder="如 000102、张三 或 并人才奖〔2026〕"></div>
<div><label for="find-type">文书类型</label><select id="find-type" name="docType"><option value="">全部</option></select></div>
<div><label for="find-status">案件状态</label><select id="find-status" name="status"><option value="">全部</option><option value="ISSUED">已发文</option><option value="FAILED">发文失败</option><option value="APPROVED">已批准，待发文</option><option value="WITHDRAWN">已撤回</option></select></div>
</div>
<div class="row">
<div><label for="find-from">成文日期自</label><input type="date" id="find-from" name="from"></div>
<div><label for="find-to">至</label><input type="date" id="find-to" name="to"></div>
<button type="submit" id="find-submit">查找</button>
</div>
<p class="field-error" id="find-error" role="alert" hidden></p>
</form>
<p class="muted" id="results-title">最近更新的案件</p>
<div class="scroll"><table id="results" hidden><thead><tr><th>案件编号</th><th>文书类型</th><th>受文者</th><th>发文字号</th><th>状态</th><th></th></tr></thead><tbody></tbody></table></div>
<p class="muted" id="results-note" hidden></p>
</section>`;

/** One case: its facts, its versions, a recipient link, a card's standing, regeneration with a preview, its history. */
const CASE_SECTION = html`<section class="card" id="case" hidden>
<h2>案件 <span id="case-id"></span></h2>
<dl class="facts">
<dt>文书类型</dt><dd id="case-type"></dd>
<dt>受文者</dt><dd id="case-recipient"></dd>
<dt>发文字号</dt><dd id="case-number"></dd>
<dt>案件状态</dt><dd id="case-status"></dd>
</dl>
<div class="notice" id="case-failure" hidden><p id="case-failure-text" style="margin:0"></p>
<p id="case-retry-row" hidden style="margin:8px 0 0"><button type="button" id="case-retry">已修正，重新签发</button> <span class="muted" id="case-retry-status" role="status"></span></p>
<p class="field-error" id="case-retry-error" role="alert" hidden></p></div>
<h2 style="margin-top:16px">文书版本</h2>
<div class="scroll"><table id="versions"><thead><tr><th>版本</th><th>状态</th><th>原因</th><th>申请人</th><th>生成时间（北京时间）</th><th>SHA-256</th><th></th></tr></thead><tbody></tbody></table></div>
${RECIPIENT_LINK_PANEL}
${CARD_PANEL}
<form id="regenerate-form" style="margin-top:16px">
<label for="reason">重新生成的原因（必填）</label>
<textarea id="reason" name="reason" required maxlength="1000" placeholder="如：更正受文者姓名"></textarea>
<p><button type="submit" id="regenerate">预览新版本</button> <span id="regenerate-status" class="muted" role="status"></span></p>
<p class="field-error" id="regenerate-error" role="alert" hidden></p>
</form>
<div id="regen-preview" hidden>
<p class="notice" id="regen-preview-summary" role="status"></p>
<p style="font-weight:600;margin:12px 0 4px">案件改动（与当前版本相比）</p>
<div class="scroll"><table id="regen-changes"><thead><tr><th>项目</th><th>当前版本</th><th>新版本</th></tr></thead><tbody></tbody></table></div>
<p class="muted" id="regen-changes-note" hidden></p>
<div style="display:flex;gap:12px;flex-wrap:wrap;margin-top:12px">
<figure style="flex:1 1 260px;margin:0;min-width:0"><figcaption class="muted" id="regen-current-title">当前版本</figcaption><canvas id="regen-current-page" style="display:block;width:100%;border:1px solid #d0d7de;background:#fff"></canvas><p><a id="regen-current-pdf" target="_blank" rel="noopener">打开当前版本 PDF</a></p></figure>
<figure style="flex:1 1 260px;margin:0;min-width:0"><figcaption class="muted">新版本预览（样本，未签名）</figcaption><canvas id="regen-new-page" style="display:block;width:100%;border:1px solid #d0d7de;background:#fff"></canvas><p><a id="regen-new-pdf" target="_blank" rel="noopener">打开预览 PDF</a></p></figure>
</div>
<p class="muted" id="regen-draw-note" hidden>此浏览器无法显示页面图像，请点击“打开 PDF”查看。</p>
<p><button type="button" id="regenerate-confirm" disabled>确认重新生成</button> <button type="button" class="secondary" id="regenerate-discard">放弃</button></p>
</div>
<h2 style="margin-top:16px">操作记录</h2>
<div class="scroll"><table id="history"><thead><tr><th>时间（北京时间）</th><th>事件</th><th>操作人</th><th>版本</th><th>说明</th></tr></thead><tbody></tbody></table></div>
</section>`;

/** Bulk regeneration: the dry run, the confirmation with the count, a run's progress, the runs. */
const BULK_SECTION = html`<section class="card" id="bulk">
<h2>批量重新生成</h2>
<form id="bulk-form">
<div class="row">
<div><label for="bulk-type">文书类型</label><select id="bulk-type" name="docType" required></select></div>
<div><label for="bulk-from">成文日期自（可选）</label><input type="date" id="bulk-from" name="approvedFrom"></div>
<div><label for="bulk-to">至（可选）</label><input type="date" id="bulk-to" name="approvedTo"></div>
</div>
<p><button type="submit" id="bulk-dry-run">预览将替换的文书</button> <span class="muted">预览不会改动任何文书。</span></p>
<p class="field-error" id="bulk-error" role="alert" hidden></p>
</form>
<div id="bulk-plan" hidden>
<p class="notice" id="bulk-plan-summary" role="status"></p>
<div class="scroll"><table id="bulk-examples"><thead><tr><th>案件编号</th><th>发文字号</th><th>受文者</th><th>成文日期</th></tr></thead><tbody></tbody></table></div>
<figure id="bulk-preview" hidden style="margin:12px 0;max-width:420px"><figcaption class="muted" id="bulk-preview-title"></figcaption><canvas id="bulk-preview-page" style="display:block;width:100%;border:1px solid #d0d7de;background:#fff"></canvas><p><a id="bulk-preview-pdf" target="_blank" rel="noopener">打开预览 PDF</a></p></figure>
<p class="field-error" id="bulk-preview-error" role="alert" hidden></p>
<form id="bulk-confirm-form">
<label for="bulk-reason">重新生成的原因（必填，记入每份文书的版本记录）</label>
<textarea id="bulk-reason" name="reason" required maxlength="1000" placeholder="如：模板更正"></textarea>
<label for="bulk-confirm-count">请输入将替换的文书份数以确认</label>
<input type="text" id="bulk-confirm-count" inputmode="numeric" autocomplete="off" required style="max-width:12em">
<p><button type="submit" id="bulk-start" disabled>确认并开始</button> <button type="button" class="secondary" id="bulk-discard">放弃</button></p>
<p class="field-error" id="bulk-confirm-error" role="alert" hidden></p>
</form>
</div>
<div id="bulk-progress" hidden>
<p id="bulk-run-title" style="font-weight:600"></p>
<div class="progress"><div class="done" id="bulk-bar-done"></div><div class="failed" id="bulk-bar-failed"></div></div>
<p id="bulk-counts" role="status"></p>
<p><button type="button" class="secondary" id="bulk-cancel" hidden>取消剩余</button> <button type="button" class="secondary" id="bulk-resume" hidden>继续执行</button> <button type="button" class="secondary" id="bulk-report" hidden>下载失败清单（CSV）</button></p>
<p class="field-error" id="bulk-run-error" role="alert" hidden></p>
<ul id="bulk-failures" class="muted"></ul>
</div>
<h3>批量任务记录</h3>
<div class="scroll"><table id="bulk-runs"><thead><tr><th>开始时间（北京时间）</th><th>申请人</th><th>文书类型</th><th>原因</th><th>进度</th><th>状态</th><th></th></tr></thead><tbody></tbody></table></div>
<p class="muted" id="bulk-runs-note" hidden>尚无批量任务。</p>
</section>`;

/** What the console's script is told: sign-in, the document types and the labels it shows. */
function consoleConfig(settings: ConsoleSettings): ConsoleConfig {
  return {
    oidc: settings.signIn
      ? {
          clientId: settings.signIn.client.clientId,
          scopes: settings.signIn.client.scopes,
          authorizationEndpoint: settings.signIn.endpoints.authorization,
          tokenEndpoint: settings.signIn.endpoints.token,
          endSessionEndpoint: settings.signIn.endpoints.endSession ?? null,
        }
      : null,
    redirectUri: settings.redirectUri,
    docTypes: Object.values(DOC_TYPES).map((t) => ({ id: t.id, name: t.nameZh })),
    eventLabels: EVENT_LABELS,
    pdfViewer: PDF_VIEWER_PATH,
    actors: ACTOR_LABELS,
  };
}

export function staffConsolePage(settings: ConsoleSettings, nonce: string): string {
  const config = consoleConfig(settings);
  const signIn = settings.signIn
    ? html`<p>请使用单位统一身份认证账号登录。</p><p><button type="button" id="signin-oidc">登录</button></p>`
    : html`<p class="muted">本地开发环境：粘贴 <code>npm start</code> 输出的开发令牌。</p>
<label for="dev-token">开发令牌</label>
<textarea id="dev-token" spellcheck="false" autocomplete="off"></textarea>
<p><button type="button" id="signin-dev">登录</button></p>`;
  return page({
    title: '公文管理 · 工作人员',
    subtitle: '查找案件、查看各版本文书、重新生成',
    wide: true,
    body: html`<script type="application/json" id="console-config">${jsonForScript(config)}</script>
<p class="notice" id="message" role="status" hidden></p>
<section class="card" id="signin" hidden><h2>登录</h2>${signIn}</section>
<div id="app" hidden>
<section class="card"><div class="row"><div>已登录：<strong id="who"></strong></div><button type="button" class="secondary" id="signout">退出登录</button></div></section>
${SEARCH_SECTION}
${CASE_SECTION}
${BULK_SECTION}
</div>`,
    script: { nonce, source: consoleScript() },
  });
}
