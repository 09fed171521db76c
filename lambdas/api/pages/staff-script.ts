// The staff console's browser script, as text the page inlines under its CSP nonce. Plain ES2017
// for any current browser; DOM nodes are built with textContent, never innerHTML, so case data
// stays text. (No backticks or dollar-brace inside: this is a TypeScript template literal.)
export const STAFF_SCRIPT = String.raw`
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('console-config').textContent);
  var TOKEN = 'notice.staff.token', PKCE = 'notice.staff.pkce';
  var $ = function (id) { return document.getElementById(id); };
  var CODES = {
    UNAUTHENTICATED: '请先登录（令牌无效或已过期）',
    FORBIDDEN: '您的账号不在工作人员组，无权操作',
    CASE_NOT_FOUND: '未找到该案件',
    VERSION_NOT_FOUND: '未找到该版本',
    INVALID_INPUT: '填写的内容有误',
    NOT_ISSUED: '该案件尚未发文，无法重新生成',
    DOC_TYPE_MISMATCH: '文书类型与案件不符',
    NO_MATCHING_CASES: '没有符合条件的已发文案件',
    TOO_MANY_CASES: '符合条件的案件过多，请缩小成文日期范围',
    BULK_NOT_FOUND: '未找到该批量任务',
    PLAN_CHANGED: '符合条件的文书在预览后有变化，请重新预览并确认新的份数',
    CASE_CHANGED: '案件在预览后又有改动，请重新预览后再确认',
    BULK_FINISHED: '该批量任务已结束，没有可取消或继续的文书',
    REASON_MISSING: '请填写重新生成的原因',
    BODY_TOO_LARGE: '提交的内容过大'
  };
  var STATUS = { CURRENT: '现行有效', SUPERSEDED: '已被替换', ISSUED: '已发文', APPROVED: '已批准，待发文', FAILED: '发文失败', WITHDRAWN: '已撤回' };
  var FAILURES = {
    CASE_INVALID: '案件数据有误', MISSING_GLYPH: '字库缺字', MARKUP_INVALID: '模板错误', TEMPLATE_INVALID: '模板错误',
    LAYOUT_IMPOSSIBLE: '排版无法完成', CASE_NOT_APPROVED: '案件未处于已批准状态', REJECTED: '请求被拒绝', NO_OUTCOME: '多次排队仍无结果', CASE_NOT_FOUND: '案件已被删除',
    PHOTO_MISSING: '绿卡照片缺失', PHOTO_INVALID: '绿卡照片不可用'
  };
  var HTTP = { 401: '请先登录（登录已失效）', 403: '无权进行此操作', 429: '请求过于频繁，请稍后再试', 502: '服务暂时不可用，请稍后再试', 503: '服务暂时不可用，请稍后再试', 504: '服务响应超时，请稍后再试' };
  function requester(by) { return config.actors[by] || by; }
  /** A failure's reason under its heading: without the catalogue's own lead-in naming the case again. */
  function reasonOf(caseId, reason) { return reason.replace('案件 ' + caseId + ' 的数据有误：', ''); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }
  function badge(status) {
    var cls = status === 'CURRENT' || status === 'ISSUED' ? 'current' : status === 'SUPERSEDED' ? 'superseded' : status === 'FAILED' ? 'failed' : 'plain';
    return el('span', { 'class': 'badge ' + cls, 'data-status': status }, [STATUS[status] || '其他状态']);
  }
  function time(iso) {
    var d = new Date(Date.parse(iso) + 8 * 3600 * 1000);
    return isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 16).replace('T', ' ');
  }
  function say(text, isError) {
    var m = $('message');
    m.textContent = text; m.hidden = !text;
    m.style.borderColor = isError ? '#f4a7a3' : '';
  }
  function problem(error) {
    return error.messageZh || CODES[error.code] || HTTP[error.status] || '操作未完成，请重试；如仍失败请联系运维人员';
  }
  function wait(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }

  function api(method, path, body) {
    var headers = { Accept: 'application/json', Authorization: 'Bearer ' + sessionStorage.getItem(TOKEN) };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (r) {
        return r.text().then(function (text) {
          var data = null;
          try { data = text ? JSON.parse(text) : null; } catch (e) { data = { code: 'HTTP_' + r.status, message: text.slice(0, 200) }; }
          if (!r.ok) {
            if (r.status === 401) { signOutLocally(); $('signin').hidden = false; $('app').hidden = true; }
            throw (data && data.code ? data : { code: 'HTTP_' + r.status, status: r.status });
          }
          return data;
        });
      });
  }

  // ---- sign-in -------------------------------------------------------------------------
  function b64url(bytes) {
    var s = ''; bytes.forEach(function (b) { s += String.fromCharCode(b); });
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function randomText() { return b64url(crypto.getRandomValues(new Uint8Array(32))); }
  function startSignIn() {
    var verifier = randomText(), state = randomText();
    crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)).then(function (d) {
      sessionStorage.setItem(PKCE, JSON.stringify({ verifier: verifier, state: state }));
      var q = new URLSearchParams({
        response_type: 'code', client_id: config.oidc.clientId, redirect_uri: config.redirectUri,
        scope: config.oidc.scopes, state: state, code_challenge: b64url(new Uint8Array(d)), code_challenge_method: 'S256'
      });
      var url = config.oidc.authorizationEndpoint;
      location.assign(url + (url.indexOf('?') < 0 ? '?' : '&') + q.toString());
    });
  }
  /** Back from the provider with ?code&state (or ?error): exchange the code (PKCE) for tokens. */
  function finishSignIn(params) {
    var saved = JSON.parse(sessionStorage.getItem(PKCE) || 'null');
    sessionStorage.removeItem(PKCE);
    history.replaceState(null, '', location.pathname);
    if (params.get('error')) {
      var said = '登录服务返回：' + params.get('error') + ' ' + (params.get('error_description') || '');
      return Promise.reject({ code: 'SIGNIN_FAILED', message: said, messageZh: '未能登录，' + said });
    }
    if (!saved || saved.state !== params.get('state')) return Promise.reject({ code: 'SIGNIN_STATE', message: '登录状态不符，请重新登录' });
    var form = new URLSearchParams({
      grant_type: 'authorization_code', client_id: config.oidc.clientId, code: params.get('code'),
      redirect_uri: config.redirectUri, code_verifier: saved.verifier
    });
    return fetch(config.oidc.tokenEndpoint, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString()
    }).then(function (r) {
      if (!r.ok) throw { code: 'SIGNIN_FAILED', message: '登录服务拒绝了授权码（' + r.status + '）' };
      return r.json();
    }).then(function (tokens) {
      if (!tokens.id_token) throw { code: 'SIGNIN_FAILED', message: '登录服务没有返回 ID 令牌（请检查 scope 是否含 openid）' };
      // The ID token: its audience is this client, and it carries the e-mail and groups the API reads.
      sessionStorage.setItem(TOKEN, tokens.id_token);
    });
  }
  function signOutLocally() { sessionStorage.removeItem(TOKEN); }
  function signOut() {
    var idToken = sessionStorage.getItem(TOKEN);
    signOutLocally();
    if (config.oidc && config.oidc.endSessionEndpoint && idToken) {
      // OpenID Connect RP-Initiated Logout: end the provider's session too, then come back here.
      var q = new URLSearchParams({ client_id: config.oidc.clientId, id_token_hint: idToken, post_logout_redirect_uri: config.redirectUri });
      var url = config.oidc.endSessionEndpoint;
      location.assign(url + (url.indexOf('?') < 0 ? '?' : '&') + q.toString());
    } else { show(); }
  }
  function show() {
    var signedIn = !!sessionStorage.getItem(TOKEN);
    $('signin').hidden = signedIn; $('app').hidden = !signedIn;
    if (!signedIn) return;
    api('GET', '/me').then(function (me) { $('who').textContent = me.name; listRuns(); find(new URLSearchParams()); }, function (e) { say(problem(e), true); show(); });
  }

  // ---- cases ---------------------------------------------------------------------------
  var current = null; // the case on screen: { caseId, docType }
  function findQuery() {
    var f = $('find-form'), q = new URLSearchParams();
    ['q', 'docType', 'status', 'from', 'to'].forEach(function (name) {
      var v = f.elements[name].value.trim(); if (v) q.set(name, v);
    });
    return q;
  }
  var findSeq = 0; // only the latest search may fill the list
  /** A new search clears the old results, the open case and old errors first. */
  function find(q) {
    var mine = ++findSeq;
    say(''); fieldError('find-error', null);
    var body = $('results').querySelector('tbody'); body.textContent = '';
    $('results').hidden = true; $('results-note').hidden = true; $('case').hidden = true; current = null;
    $('results-title').textContent = q.toString() ? '查找结果' : '最近更新的案件';
    $('find-submit').disabled = true;
    return api('GET', '/cases' + (q.toString() ? '?' + q.toString() : '')).then(function (found) {
      if (mine !== findSeq) return;
      found.cases.forEach(function (c) {
        var open = el('button', { type: 'button', 'class': 'secondary', 'data-open-case': c.caseId }, ['查看']);
        open.addEventListener('click', function () { openCase(c.caseId); });
        body.appendChild(el('tr', { 'data-case-id': c.caseId }, [el('td', {}, [c.caseId]), el('td', {}, [c.typeName]), el('td', {}, [c.recipientMasked]),
          el('td', {}, [c.documentNumber || '—']), el('td', {}, [badge(c.status)]), el('td', {}, [open])]));
      });
      $('results').hidden = found.cases.length === 0;
      $('results-note').hidden = !(found.truncated || found.cases.length === 0);
      $('results-note').textContent = found.cases.length === 0 ? '没有找到匹配的案件。' : '结果较多，仅显示最近更新的 ' + found.cases.length + ' 件，请增加条件缩小范围。';
      if (found.cases.length === 1 && q.get('q')) return openCase(found.cases[0].caseId);
    }, function (e) { fieldError('find-error', e); })
      .then(function () { $('find-submit').disabled = false; });
  }
  function showHistory(caseId) {
    return api('GET', '/cases/' + encodeURIComponent(caseId) + '/history').then(function (h) {
      if (!current || current.caseId !== caseId) return;
      var body = $('history').querySelector('tbody'); body.textContent = '';
      h.events.forEach(function (e) {
        var what = [e.code ? (FAILURES[e.code] || '失败') : '', reasonOf(caseId, e.reason || '')].filter(Boolean).join('：');
        body.appendChild(el('tr', { 'data-event': e.type }, [el('td', {}, [time(e.at)]), el('td', {}, [config.eventLabels[e.type] || '其他']),
          el('td', {}, [requester(e.by || '—')]), el('td', {}, [e.version ? '第' + e.version + '版' : '']), el('td', {}, [what])]));
      });
      if (h.events.length === 0) body.appendChild(el('tr', {}, [el('td', { colspan: '5', 'class': 'muted' }, ['尚无记录。'])]));
    }, function (e) { fieldError('regenerate-error', e); });
  }
  function retryIssue() {
    var caseId = current.caseId, since = new Date().toISOString();
    $('case-retry').disabled = true; fieldError('case-retry-error', null);
    $('case-retry-status').textContent = '已提交，等待签发……';
    return api('POST', '/cases/' + encodeURIComponent(caseId) + '/issue').then(function () {
      var deadline = Date.now() + 180000;
      function poll() {
        return api('GET', '/cases/' + encodeURIComponent(caseId) + '/documents').then(function (data) {
          // The version is recorded a moment before the case is marked ISSUED (which clears the failure): wait for both.
          if (data.versions.length > 0 && data.case.status !== 'FAILED') { renderCase(data); say('已签发第1版。'); return; }
          if (data.case.failure && data.case.failure.at >= since) { renderCase(data); fieldError('case-retry-error', { messageZh: '仍未通过：' + reasonOf(caseId, data.case.failure.reason) }); return; }
          if (Date.now() > deadline) { $('case-retry-status').textContent = '仍在排队处理，请稍后刷新。'; return; }
          return wait(1000).then(poll);
        });
      }
      return poll();
    }, function (e) { $('case-retry-status').textContent = ''; fieldError('case-retry-error', e); })
      .then(function () { $('case-retry').disabled = false; });
  }
  function openVersion(v) {
    api('GET', '/cases/' + encodeURIComponent(current.caseId) + '/documents/' + v.version + '/download?docType=' + encodeURIComponent(v.docType))
      // The S3 object is an attachment: the browser saves it and the console stays open.
      .then(function (r) { location.assign(r.url); }, function (e) { say(problem(e), true); });
  }
  function renderCase(data) {
    var c = data.case;
    current = { caseId: c.caseId, docType: c.docType };
    $('case').hidden = false;
    $('case-id').textContent = c.caseId;
    $('case-type').textContent = c.typeName;
    $('case-recipient').textContent = c.recipientName || '—';
    $('case-number').textContent = c.documentNumber || '（尚未编号）';
    var status = $('case-status'); status.textContent = ''; status.appendChild(badge(c.status));
    var issued = data.versions.length > 0;
    $('case-failure').hidden = !c.failure;
    $('case-failure-text').textContent = !c.failure ? '' : (issued ? '最近一次重新生成未成功，当前文书仍然有效。' : '文书尚未签发。') +
      '原因（' + time(c.failure.at) + '）：' + (FAILURES[c.failure.code] || '生成失败') + '。' + reasonOf(c.caseId, c.failure.reason) +
      (issued ? ' 修正案件后可再次重新生成。' : '');
    $('case-retry-row').hidden = !c.failure || issued;
    $('case-retry-status').textContent = ''; fieldError('case-retry-error', null); fieldError('regenerate-error', null);
    if (!preview || preview.caseId !== c.caseId) dropPreview();
    var body = $('versions').querySelector('tbody'); body.textContent = '';
    data.versions.forEach(function (v) {
      var open = el('button', { type: 'button', 'class': 'secondary', 'data-open-version': String(v.version) }, ['打开']);
      open.addEventListener('click', function () { openVersion(v); });
      var verify = el('a', { href: v.verifyUrl, target: '_blank', rel: 'noopener' }, ['核验页']);
      body.appendChild(el('tr', { 'data-version': String(v.version), 'data-request-id': v.requestId }, [
        el('td', {}, ['第' + v.version + '版']), el('td', {}, [badge(v.status)]), el('td', {}, [v.reason]),
        el('td', {}, [requester(v.requestedBy)]), el('td', {}, [time(v.issuedAt)]),
        el('td', { 'class': 'hash', title: v.sha256 }, [v.sha256.slice(0, 12) + '…']), el('td', {}, [open, ' ', verify])
      ]));
    });
    if (data.versions.length === 0) body.appendChild(el('tr', {}, [el('td', { colspan: '7', 'class': 'muted' }, ['尚无已生成的文书。'])]));
    $('regenerate').disabled = data.versions.length === 0;
    showHistory(c.caseId);
    return data;
  }
  function openCase(caseId) {
    $('regenerate-status').textContent = '';
    return api('GET', '/cases/' + encodeURIComponent(caseId) + '/documents').then(renderCase, function (e) { fieldError('find-error', e); });
  }
  /** Polls until the worker has recorded the request's version, or the case failed after it. */
  function watchRequest(caseId, requestId, since) {
    var deadline = Date.now() + 180000;
    function poll() {
      return api('GET', '/cases/' + encodeURIComponent(caseId) + '/documents').then(function (data) {
        var made = data.versions.filter(function (v) { return v.requestId === requestId; })[0];
        var failure = data.case.failure;
        if (made) { renderCase(data); $('regenerate-status').textContent = '第' + made.version + '版已生成。'; return; }
        if (failure && failure.at >= since) { renderCase(data); $('regenerate-status').textContent = '未能生成新版本，见上方原因；当前文书仍然有效。'; return; }
        if (Date.now() > deadline) { $('regenerate-status').textContent = '仍在排队处理，请稍后刷新。'; return; }
        return wait(1000).then(poll);
      });
    }
    return poll();
  }
  /** Commits the previewed regeneration; the server refuses it if the case changed since the preview. */
  function regenerate(reason) {
    var caseId = current.caseId, since = new Date().toISOString(), seen = preview;
    if (!seen || seen.caseId !== caseId) return;
    $('regenerate').disabled = true; $('regenerate-confirm').disabled = true;
    $('regenerate-status').textContent = '已提交，等待生成……'; fieldError('regenerate-error', null);
    var body = { reason: reason, docType: current.docType };
    if (seen.caseUpdatedAt) body.previewedCaseAt = seen.caseUpdatedAt;
    return api('POST', '/cases/' + encodeURIComponent(caseId) + '/regenerate', body)
      .then(function (accepted) { $('reason').value = ''; dropPreview(); return watchRequest(caseId, accepted.requestId, since); })
      .catch(function (e) {
        $('regenerate-status').textContent = '';
        if (e.code === 'CASE_CHANGED') dropPreview(); else $('regenerate-confirm').disabled = false;
        fieldError('regenerate-error', e);
      })
      .then(function () { $('regenerate').disabled = false; });
  }

  // ---- previews ------------------------------------------------------------------------
  // The server renders the would-be PDF (a 样本, stored nowhere); pdf.js, served from our own
  // origin, draws its first page here, since neither a phone's browser nor headless chromium
  // shows a PDF inside a page. The PDF itself opens from a blob: link.
  var pdfjs = null, preview = null; // preview: { caseId, caseUpdatedAt } of the preview on screen
  function pdfLib() {
    if (!pdfjs) {
      pdfjs = import(config.pdfViewer + '/pdf.min.mjs').then(function (lib) {
        lib.GlobalWorkerOptions.workerSrc = config.pdfViewer + '/pdf.worker.min.mjs';
        return lib;
      });
      pdfjs.catch(function () { pdfjs = null; });
    }
    return pdfjs;
  }
  function bytesOf(base64) {
    var s = atob(base64), bytes = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
    return bytes;
  }
  /** Links the PDF and draws its first page into the canvas, as wide as the canvas is shown. */
  function showPdf(base64, canvas, link) {
    if (link.href) URL.revokeObjectURL(link.href);
    canvas.removeAttribute('data-drawn');
    if (!base64) { link.removeAttribute('href'); return Promise.resolve(); }
    var bytes = bytesOf(base64);
    link.href = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
    return pdfLib().then(function (lib) { return lib.getDocument({ data: bytes, isEvalSupported: false }).promise; }).then(function (doc) {
      return doc.getPage(1).then(function (page) {
        var width = Math.max(canvas.clientWidth || canvas.parentNode.clientWidth, 240) * (window.devicePixelRatio || 1);
        var viewport = page.getViewport({ scale: width / page.getViewport({ scale: 1 }).width });
        canvas.width = Math.floor(viewport.width); canvas.height = Math.floor(viewport.height);
        return page.render({ canvasContext: canvas.getContext('2d'), canvas: canvas, viewport: viewport }).promise;
      }).then(function () { canvas.setAttribute('data-drawn', 'true'); return doc.destroy(); });
    });
  }
  function dropPreview() {
    preview = null; $('regen-preview').hidden = true; $('regenerate-confirm').disabled = true;
  }
  function showChanges(p) {
    var body = $('regen-changes').querySelector('tbody'); body.textContent = '';
    (p.changes || []).forEach(function (c) {
      body.appendChild(el('tr', { 'data-path': c.path }, [el('td', {}, [c.label]), el('td', {}, [c.before === null ? '（无）' : c.before]), el('td', {}, [c.after === null ? '（删除）' : c.after])]));
    });
    $('regen-changes').hidden = !p.changes || p.changes.length === 0;
    var note = p.changes === null ? '当前版本生成时未记录案件内容，无法列出改动；请对照下面两个版本。'
      : p.changes.length === 0 ? '案件内容与当前版本相同。' : '';
    if (p.templateChanged || p.fontsChanged) note += (note ? '' : '另：') + '文书模板或字体已更新，版式和文字可能与当前版本不同。';
    $('regen-changes-note').textContent = note; $('regen-changes-note').hidden = !note;
  }
  /** Shows the would-be new version beside the current one; only then may it be confirmed. */
  function previewRegeneration() {
    var caseId = current.caseId;
    dropPreview(); fieldError('regenerate-error', null);
    $('regenerate').disabled = true; $('regenerate-status').textContent = '正在生成预览……';
    return api('POST', '/cases/' + encodeURIComponent(caseId) + '/regenerate/preview', { docType: current.docType }).then(function (p) {
      if (!current || current.caseId !== caseId) return;
      preview = { caseId: caseId, caseUpdatedAt: p.caseUpdatedAt };
      $('regenerate-status').textContent = '';
      $('regen-preview-summary').textContent = '新版本沿用发文字号 ' + p.documentNumber + '，确认后替换当前第' + p.current.version +
        '版（当前版本标为“已被替换”）。预览带“样本”水印和样本印章，未经电子签名，不作为正式文书。';
      $('regen-current-title').textContent = '当前版本（第' + p.current.version + '版，' + time(p.current.issuedAt) + '）';
      showChanges(p);
      $('regen-preview').hidden = false; $('regen-draw-note').hidden = true;
      $('regenerate-confirm').disabled = false;
      return Promise.all([
        showPdf(p.current.pdfBase64, $('regen-current-page'), $('regen-current-pdf')),
        showPdf(p.preview.pdfBase64, $('regen-new-page'), $('regen-new-pdf'))
      ]).catch(function () { $('regen-draw-note').hidden = false; });
    }, function (e) { $('regenerate-status').textContent = ''; fieldError('regenerate-error', e); })
      .then(function () { $('regenerate').disabled = false; });
  }
  /** The dry run's first document as it would be made now: a mistake shows before the run starts. */
  function previewFirstOfPlan(p) {
    var first = p.examples[0];
    $('bulk-preview').hidden = true; fieldError('bulk-preview-error', null);
    if (!first) return;
    return api('POST', '/cases/' + encodeURIComponent(first.caseId) + '/regenerate/preview', { docType: p.docType }).then(function (r) {
      if (plan !== p) return;
      $('bulk-preview-title').textContent = '第一份（案件 ' + first.caseId + '）的新版本预览（样本，未签名）';
      $('bulk-preview').hidden = false;
      return showPdf(r.preview.pdfBase64, $('bulk-preview-page'), $('bulk-preview-pdf'));
    }).catch(function (e) {
      if (plan !== p) return;
      fieldError('bulk-preview-error', { messageZh: '第一份（案件 ' + first.caseId + '）无法预览：' + problem(e) });
    });
  }

  // ---- bulk ----------------------------------------------------------------------------
  // A run goes dry run → typed confirmation of the count → start; the plan is then dropped, so
  // starting again needs a new dry run (whose count and fingerprint the server checks).
  var plan = null, shownRun = null;
  function fieldError(id, e) {
    var box = $(id);
    box.textContent = e ? problem(e) : ''; box.hidden = !e;
  }
  function bulkFilters() {
    var f = $('bulk-form'), body = { docType: f.docType.value };
    if (f.approvedFrom.value) body.approvedFrom = f.approvedFrom.value;
    if (f.approvedTo.value) body.approvedTo = f.approvedTo.value;
    return body;
  }
  function dropPlan() {
    plan = null; $('bulk-plan').hidden = true; $('bulk-start').disabled = true; $('bulk-preview').hidden = true;
    $('bulk-reason').value = ''; $('bulk-confirm-count').value = ''; fieldError('bulk-confirm-error', null);
  }
  function hideRun() {
    shownRun = null; $('bulk-progress').hidden = true; $('bulk-counts').removeAttribute('data-finished');
  }
  function dryRun() {
    dropPlan(); hideRun(); fieldError('bulk-error', null);
    $('bulk-dry-run').disabled = true;
    return api('POST', '/regenerations/dry-run', bulkFilters()).then(function (p) {
      if (p.count === 0) { fieldError('bulk-error', { code: 'NO_MATCHING_CASES' }); return; }
      plan = p;
      $('bulk-plan').hidden = false;
      $('bulk-plan-summary').textContent = '将以新版本替换 ' + p.count + ' 份《' + p.typeName + '》，成文日期 ' + p.earliest + ' 至 ' + p.latest +
        '。原发文字号不变，旧版本标为“已被替换”。' + (p.count > p.examples.length ? '以下为其中 ' + p.examples.length + ' 份：' : '');
      var body = $('bulk-examples').querySelector('tbody'); body.textContent = '';
      p.examples.forEach(function (e) {
        body.appendChild(el('tr', {}, [el('td', {}, [e.caseId]), el('td', {}, [e.documentNumber || '—']), el('td', {}, [e.recipientMasked]), el('td', {}, [e.approvedOn || '—'])]));
      });
      $('bulk-confirm-count').setAttribute('placeholder', '输入 ' + p.count);
      $('bulk-start').textContent = '确认替换 ' + p.count + ' 份并开始';
      previewFirstOfPlan(p);
    }, function (e) { fieldError('bulk-error', e); })
      .then(function () { $('bulk-dry-run').disabled = false; });
  }
  function startBulk() {
    var chosen = plan, reason = $('bulk-reason').value.trim();
    if (!chosen) return;
    if (!reason) { fieldError('bulk-confirm-error', { code: 'REASON_MISSING' }); return; }
    var body = bulkFilters();
    body.reason = reason; body.expectedCount = chosen.count; body.fingerprint = chosen.fingerprint;
    $('bulk-start').disabled = true; fieldError('bulk-confirm-error', null); hideRun();
    return api('POST', '/regenerations', body).then(function (accepted) {
      dropPlan();
      say(accepted.started ? '已开始：' + accepted.enqueued + ' 份文书排队生成。' : '这批文书已在处理中，未重复提交。');
      return watchBulk(accepted.bulkId);
    }, function (e) {
      // A changed set needs a new dry run; anything else may be corrected and confirmed again.
      if (e.code === 'PLAN_CHANGED') dropPlan();
      else $('bulk-start').disabled = false;
      fieldError(e.code === 'PLAN_CHANGED' ? 'bulk-error' : 'bulk-confirm-error', e);
    });
  }
  function runState(p) { return p.cancelledAt ? '已取消' : p.finished ? '已完成' : '进行中'; }
  function showProgress(p) {
    shownRun = p.bulkId;
    $('bulk-progress').hidden = false;
    $('bulk-progress').setAttribute('data-bulk-id', p.bulkId);
    $('bulk-run-title').textContent = '《' + p.typeName + '》批量重新生成 · ' + time(p.createdAt) + ' · ' + p.requestedBy + ' · 原因：' + p.reason;
    $('bulk-bar-done').style.width = (100 * p.done / p.total) + '%';
    $('bulk-bar-failed').style.width = (100 * p.failed / p.total) + '%';
    $('bulk-counts').textContent = '已完成 ' + p.done + ' · 失败 ' + p.failed + ' · 等待 ' + p.waiting + (p.cancelled ? ' · 未执行 ' + p.cancelled : '') +
      '（共 ' + p.total + ' 件）· ' + runState(p);
    $('bulk-counts').setAttribute('data-finished', String(p.finished));
    $('bulk-cancel').hidden = p.finished;
    $('bulk-resume').hidden = !p.cancelledAt;
    $('bulk-report').hidden = p.failed === 0;
    var list = $('bulk-failures'); list.textContent = '';
    p.failures.forEach(function (f) { list.appendChild(el('li', {}, [f.caseId + '：' + (FAILURES[f.code] || '失败') + '。' + reasonOf(f.caseId, f.reason)])); });
  }
  function watchBulk(bulkId) {
    fieldError('bulk-run-error', null);
    return api('GET', '/regenerations/' + encodeURIComponent(bulkId)).then(function (p) {
      if (shownRun && shownRun !== bulkId) return; // another run was opened meanwhile
      showProgress(p);
      if (!p.finished) return wait(1500).then(function () { return watchBulk(bulkId); });
      listRuns();
      // The open case may have been part of the run: show its new version.
      if (current) return openCase(current.caseId);
    }, function (e) { fieldError('bulk-run-error', e); });
  }
  function runAction(action) {
    var bulkId = shownRun;
    fieldError('bulk-run-error', null);
    return api('POST', '/regenerations/' + encodeURIComponent(bulkId) + '/' + action).then(function (p) {
      showProgress(p); listRuns();
      if (!p.finished) return watchBulk(bulkId);
    }, function (e) { fieldError('bulk-run-error', e); });
  }
  function downloadReport() {
    var bulkId = shownRun;
    fieldError('bulk-run-error', null);
    fetch('/regenerations/' + encodeURIComponent(bulkId) + '/failures.csv', { headers: { Authorization: 'Bearer ' + sessionStorage.getItem(TOKEN) } })
      .then(function (r) { if (!r.ok) throw { code: 'HTTP_' + r.status }; return r.blob(); })
      .then(function (blob) {
        var a = el('a', { href: URL.createObjectURL(blob), download: '批量重新生成失败清单-' + bulkId.slice(0, 8) + '.csv' });
        document.body.appendChild(a); a.click(); a.remove();
      })
      .catch(function (e) { fieldError('bulk-run-error', e); });
  }
  function listRuns() {
    return api('GET', '/regenerations').then(function (found) {
      var body = $('bulk-runs').querySelector('tbody'); body.textContent = '';
      found.runs.forEach(function (p) {
        var open = el('button', { type: 'button', 'class': 'secondary', 'data-open-run': p.bulkId }, ['查看']);
        open.addEventListener('click', function () { shownRun = p.bulkId; watchBulk(p.bulkId); });
        body.appendChild(el('tr', { 'data-bulk-id': p.bulkId }, [
          el('td', {}, [time(p.createdAt)]), el('td', {}, [p.requestedBy + (p.source === 'cli' ? '（命令行）' : '')]), el('td', {}, [p.typeName]),
          el('td', {}, [p.reason]), el('td', {}, [(p.done + p.failed) + '/' + p.total + (p.failed ? '（失败 ' + p.failed + '）' : '')]),
          el('td', {}, [runState(p)]), el('td', {}, [open])
        ]));
      });
      $('bulk-runs').hidden = found.runs.length === 0;
      $('bulk-runs-note').hidden = found.runs.length > 0;
    }, function (e) { fieldError('bulk-run-error', e); });
  }

  // ---- wiring --------------------------------------------------------------------------
  config.docTypes.forEach(function (t) { $('bulk-type').appendChild(el('option', { value: t.id }, [t.name])); });
  config.docTypes.forEach(function (t) { $('find-type').appendChild(el('option', { value: t.id }, [t.name])); });
  $('find-form').addEventListener('submit', function (e) { e.preventDefault(); find(findQuery()); });
  $('case-retry').addEventListener('click', retryIssue);
  $('regenerate-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var reason = $('reason').value.trim();
    if (!reason) { fieldError('regenerate-error', { code: 'REASON_MISSING' }); return; }
    previewRegeneration();
  });
  $('regenerate-confirm').addEventListener('click', function () {
    var reason = $('reason').value.trim();
    if (!reason) { fieldError('regenerate-error', { code: 'REASON_MISSING' }); return; }
    regenerate(reason);
  });
  $('regenerate-discard').addEventListener('click', dropPreview);
  $('bulk-form').addEventListener('submit', function (e) { e.preventDefault(); dryRun(); });
  // A changed filter makes the shown plan stale: it must be previewed again.
  ['bulk-type', 'bulk-from', 'bulk-to'].forEach(function (id) { $(id).addEventListener('change', dropPlan); });
  $('bulk-confirm-count').addEventListener('input', function () {
    $('bulk-start').disabled = !plan || $('bulk-confirm-count').value.trim() !== String(plan.count);
  });
  $('bulk-confirm-form').addEventListener('submit', function (e) { e.preventDefault(); startBulk(); });
  $('bulk-discard').addEventListener('click', dropPlan);
  $('bulk-cancel').addEventListener('click', function () { runAction('cancel'); });
  $('bulk-resume').addEventListener('click', function () { runAction('resume'); });
  $('bulk-report').addEventListener('click', downloadReport);
  $('signout').addEventListener('click', signOut);
  if (config.oidc) {
    $('signin-oidc').addEventListener('click', startSignIn);
  } else {
    $('signin-dev').addEventListener('click', function () {
      var token = $('dev-token').value.trim();
      if (!token) { say('请粘贴开发令牌。', true); return; }
      sessionStorage.setItem(TOKEN, token); $('dev-token').value = ''; say(''); show();
    });
  }
  var params = new URLSearchParams(location.search);
  if (config.oidc && (params.get('code') || params.get('error'))) {
    finishSignIn(params).catch(function (e) { say(problem(e), true); }).then(show);
  } else {
    show();
  }
})();
`;
