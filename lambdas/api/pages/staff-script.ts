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
    BODY_TOO_LARGE: '提交的内容过大'
  };
  var STATUS = { CURRENT: '现行有效', SUPERSEDED: '已被替换', ISSUED: '已发文', APPROVED: '已批准', FAILED: '生成失败' };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }
  function badge(status) {
    var cls = status === 'CURRENT' || status === 'ISSUED' ? 'current' : status === 'SUPERSEDED' ? 'superseded' : status === 'FAILED' ? 'failed' : 'plain';
    return el('span', { 'class': 'badge ' + cls, 'data-status': status }, [(STATUS[status] || status) + ' ' + status]);
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
    return (CODES[error.code] || '操作失败') + (error.message ? '：' + error.message : '');
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
            throw (data && data.code ? data : { code: 'HTTP_' + r.status, message: '' });
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
    if (params.get('error')) return Promise.reject({ code: 'SIGNIN_FAILED', message: '登录服务返回：' + params.get('error') + ' ' + (params.get('error_description') || '') });
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
    api('GET', '/me').then(function (me) { $('who').textContent = me.name; }, function (e) { say(problem(e), true); show(); });
  }

  // ---- cases ---------------------------------------------------------------------------
  var current = null; // the case on screen: { caseId, docType }
  function find(q) {
    say('');
    return api('GET', '/cases?q=' + encodeURIComponent(q)).then(function (found) {
      var body = $('results').querySelector('tbody'); body.textContent = '';
      found.cases.forEach(function (c) {
        var open = el('button', { type: 'button', 'class': 'secondary', 'data-open-case': c.caseId }, ['查看']);
        open.addEventListener('click', function () { openCase(c.caseId); });
        body.appendChild(el('tr', {}, [el('td', {}, [c.caseId]), el('td', {}, [c.typeName]), el('td', {}, [c.recipientMasked]), el('td', {}, [badge(c.status)]), el('td', {}, [open])]));
      });
      $('results').hidden = found.cases.length === 0;
      $('results-note').hidden = !(found.truncated || found.cases.length === 0);
      $('results-note').textContent = found.cases.length === 0 ? '没有找到匹配的案件。' : '结果较多，仅显示前 ' + found.cases.length + ' 条，请输入更完整的姓名。';
      if (found.cases.length === 1) return openCase(found.cases[0].caseId);
    }, function (e) { say(problem(e), true); });
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
    $('case-failure').hidden = !c.failure;
    $('case-failure').textContent = c.failure ? '最近一次失败（' + time(c.failure.at) + '）：' + c.failure.reason : '';
    var body = $('versions').querySelector('tbody'); body.textContent = '';
    data.versions.forEach(function (v) {
      var open = el('button', { type: 'button', 'class': 'secondary', 'data-open-version': String(v.version) }, ['打开']);
      open.addEventListener('click', function () { openVersion(v); });
      var verify = el('a', { href: v.verifyUrl, target: '_blank', rel: 'noopener' }, ['核验页']);
      body.appendChild(el('tr', { 'data-version': String(v.version), 'data-request-id': v.requestId }, [
        el('td', {}, ['第' + v.version + '版']), el('td', {}, [badge(v.status)]), el('td', {}, [v.reason]),
        el('td', {}, [v.requestedBy]), el('td', {}, [time(v.issuedAt)]),
        el('td', { 'class': 'hash', title: v.sha256 }, [v.sha256.slice(0, 12) + '…']), el('td', {}, [open, ' ', verify])
      ]));
    });
    if (data.versions.length === 0) body.appendChild(el('tr', {}, [el('td', { colspan: '7', 'class': 'muted' }, ['尚无已生成的文书。'])]));
    $('regenerate').disabled = data.versions.length === 0;
    return data;
  }
  function openCase(caseId) {
    return api('GET', '/cases/' + encodeURIComponent(caseId) + '/documents').then(renderCase, function (e) { say(problem(e), true); });
  }
  /** Polls until the worker has recorded the request's version, or the case failed after it. */
  function watchRequest(caseId, requestId, since) {
    var deadline = Date.now() + 180000;
    function poll() {
      return api('GET', '/cases/' + encodeURIComponent(caseId) + '/documents').then(function (data) {
        var made = data.versions.filter(function (v) { return v.requestId === requestId; })[0];
        var failure = data.case.failure;
        if (made) { renderCase(data); $('regenerate-status').textContent = '第' + made.version + '版已生成。'; return; }
        if (failure && failure.at >= since) { renderCase(data); $('regenerate-status').textContent = '生成失败：' + failure.reason; return; }
        if (Date.now() > deadline) { $('regenerate-status').textContent = '仍在排队处理，请稍后刷新。'; return; }
        return wait(1000).then(poll);
      });
    }
    return poll();
  }
  function regenerate(reason) {
    var caseId = current.caseId, since = new Date().toISOString();
    $('regenerate').disabled = true;
    $('regenerate-status').textContent = '已提交，等待生成……';
    return api('POST', '/cases/' + encodeURIComponent(caseId) + '/regenerate', { reason: reason, docType: current.docType })
      .then(function (accepted) { $('reason').value = ''; return watchRequest(caseId, accepted.requestId, since); })
      .catch(function (e) { $('regenerate-status').textContent = ''; say(problem(e), true); })
      .then(function () { $('regenerate').disabled = false; });
  }

  // ---- bulk ----------------------------------------------------------------------------
  function showProgress(p) {
    $('bulk-progress').hidden = false;
    $('bulk-bar-done').style.width = (100 * p.done / p.total) + '%';
    $('bulk-bar-failed').style.width = (100 * p.failed / p.total) + '%';
    $('bulk-counts').textContent = '已完成 ' + p.done + ' · 失败 ' + p.failed + ' · 等待 ' + p.waiting + '（共 ' + p.total + ' 件）' + (p.finished ? ' · 已结束' : '');
    $('bulk-counts').setAttribute('data-finished', String(p.finished));
    var list = $('bulk-failures'); list.textContent = '';
    p.failures.forEach(function (f) { list.appendChild(el('li', {}, [f.caseId + '：' + f.reason])); });
  }
  function watchBulk(bulkId) {
    return api('GET', '/regenerations/' + encodeURIComponent(bulkId)).then(function (p) {
      showProgress(p);
      if (!p.finished) return wait(1500).then(function () { return watchBulk(bulkId); });
      // The open case may have been part of the run: show its new version.
      if (current) return openCase(current.caseId);
    });
  }
  function startBulk(form) {
    var body = { docType: form.docType.value, reason: form.reason.value };
    if (form.approvedFrom.value) body.approvedFrom = form.approvedFrom.value;
    if (form.approvedTo.value) body.approvedTo = form.approvedTo.value;
    $('bulk-start').disabled = true;
    return api('POST', '/regenerations', body)
      .then(function (accepted) { say('已提交 ' + accepted.enqueued + ' 件。'); return watchBulk(accepted.bulkId); })
      .catch(function (e) { say(problem(e), true); })
      .then(function () { $('bulk-start').disabled = false; });
  }

  // ---- wiring --------------------------------------------------------------------------
  config.docTypes.forEach(function (t) { $('bulk-type').appendChild(el('option', { value: t.id }, [t.name])); });
  $('find-form').addEventListener('submit', function (e) { e.preventDefault(); find($('q').value.trim()); });
  $('regenerate-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var reason = $('reason').value.trim();
    if (!reason) { say('请填写重新生成的原因。', true); return; }
    regenerate(reason);
  });
  $('bulk-form').addEventListener('submit', function (e) { e.preventDefault(); startBulk(e.target); });
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
