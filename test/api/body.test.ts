import { describe, expect, it } from 'vitest';
import { multipartParts } from '../../lambdas/api/body.js';
import { ApiError } from '../../lambdas/api/http.js';
import { html, jsonForScript } from '../../lambdas/api/pages/html.js';
import { lookupRoute } from '../../lambdas/api/routes.js';

describe('multipart forms', () => {
  it('reads named fields and a binary file part byte for byte', () => {
    const file = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x0d, 0x0a, 0x00, 0xff]);
    const body = Buffer.concat([
      Buffer.from('--b1\r\nContent-Disposition: form-data; name="sha256"\r\n\r\nabc\r\n'),
      Buffer.from('--b1\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n'),
      file,
      Buffer.from('\r\n--b1--\r\n'),
    ]);
    const parts = multipartParts(body, 'multipart/form-data; boundary=b1');
    expect(parts.map((p) => p.name)).toEqual(['sha256', 'file']);
    expect(parts[0]!.data.toString()).toBe('abc');
    expect(parts[1]).toMatchObject({ filename: 'a.pdf', contentType: 'application/pdf' });
    expect(parts[1]!.data.equals(file)).toBe(true);
  });

  it('refuses a body cut off inside a part', () => {
    const body = Buffer.from('--b1\r\nContent-Disposition: form-data; name="file"\r\n\r\nhalf');
    expect(() => multipartParts(body, 'multipart/form-data; boundary=b1')).toThrow(ApiError);
  });
});

describe('pages', () => {
  it('escapes every interpolated value', () => {
    expect(html`<p>${'<script>alert("x")</script>'}</p>`.text).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>');
    expect(jsonForScript({ a: '</script><script>' }).text).not.toContain('</script>');
  });
});

describe('routes', () => {
  it('matches path parameters, decodes them, and tells a wrong method from an unknown path', () => {
    const found = lookupRoute('GET', '/cases/TY-1/documents/2/download');
    expect(found.kind === 'matched' && [found.match.route.id, found.match.params]).toEqual(['downloadVersion', { caseId: 'TY-1', version: '2' }]);
    expect(lookupRoute('post', '/v/%41B').kind === 'matched').toBe(true);
    expect(lookupRoute('PUT', '/v/AB')).toEqual({ kind: 'method-not-allowed', allowed: ['GET', 'POST'] });
    expect(lookupRoute('GET', '/cases/a/b/c')).toEqual({ kind: 'not-found' });
  });
});
