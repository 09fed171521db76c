// The fetch the staff console's panels share (recipient link, card): the staff token from
// sessionStorage, JSON both ways, and a refusal thrown as {status, code, message, messageZh}.
// Script source, inlined into each panel's script (plain ES2017, no backticks or dollar-brace).
export const STAFF_CALL = String.raw`
  function call(method, path, body) {
    var headers = { Accept: 'application/json', Authorization: 'Bearer ' + sessionStorage.getItem('notice.staff.token') };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        if (!r.ok) throw { status: r.status, code: data.code, message: data.message || ('请求失败（' + r.status + '）'), messageZh: data.messageZh };
        return data;
      });
    });
  }`;
