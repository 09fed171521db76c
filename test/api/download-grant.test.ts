import { describe, expect, it } from 'vitest';
import { checkDevToken, signDevToken } from '../../lambdas/api/dev-token.js';
import { checkDownloadGrant, downloadLink, signDownloadGrant } from '../../lambdas/api/download-grant.js';

const secret = Buffer.from('a-secret-of-at-least-thirty-two-characters');
const now = new Date('2026-11-25T10:00:00Z');
const tomorrow = new Date('2026-11-26T10:00:00Z');

describe('download grants', () => {
  it('accepts a grant for its document before it expires', () => {
    const token = signDownloadGrant('DOC1', tomorrow, secret);
    expect(checkDownloadGrant(token, 'DOC1', secret, now)).toEqual({ ok: true, expiresAt: tomorrow });
  });

  it('refuses a grant at and after its expiry, saying when it expired', () => {
    const token = signDownloadGrant('DOC1', tomorrow, secret);
    expect(checkDownloadGrant(token, 'DOC1', secret, tomorrow)).toEqual({ ok: false, why: 'expired', expiredAt: tomorrow });
  });

  it('refuses a grant for another document', () => {
    expect(checkDownloadGrant(signDownloadGrant('DOC2', tomorrow, secret), 'DOC1', secret, now)).toEqual({ ok: false, why: 'other-document' });
  });

  it('refuses a grant whose payload was edited to extend it, or whose MAC was changed', () => {
    const token = signDownloadGrant('DOC1', now, secret);
    const [payload, mac] = token.split('.') as [string, string];
    const extended = Buffer.from(JSON.stringify({ d: 'DOC1', e: tomorrow.getTime() / 1000 + 1e6 })).toString('base64url');
    expect(checkDownloadGrant(`${extended}.${mac}`, 'DOC1', secret, now)).toEqual({ ok: false, why: 'malformed-or-tampered' });
    const otherMac = mac.startsWith('A') ? `B${mac.slice(1)}` : `A${mac.slice(1)}`;
    expect(checkDownloadGrant(`${payload}.${otherMac}`, 'DOC1', secret, now).ok).toBe(false);
  });

  it('refuses a grant whose MAC differs only in the unused bits of its last character', () => {
    const token = signDownloadGrant('DOC1', tomorrow, secret);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(token.at(-1) ?? '');
    // The four characters whose values differ from the last one only in the two low bits.
    const sameBytes = [0, 1, 2, 3].map((low) => alphabet[(last & ~3) | low]).filter((c) => c !== token.at(-1));
    expect(sameBytes).toHaveLength(3);
    for (const c of sameBytes) {
      const edited = `${token.slice(0, -1)}${c}`;
      expect(Buffer.from(edited.split('.')[1] ?? '', 'base64url')).toEqual(Buffer.from(token.split('.')[1] ?? '', 'base64url'));
      expect(checkDownloadGrant(edited, 'DOC1', secret, now)).toEqual({ ok: false, why: 'malformed-or-tampered' });
    }
  });

  it('refuses a grant signed with another secret, and garbage', () => {
    const token = signDownloadGrant('DOC1', tomorrow, Buffer.from('another-secret-of-thirty-two-characters!'));
    expect(checkDownloadGrant(token, 'DOC1', secret, now).ok).toBe(false);
    for (const junk of ['', 'x', 'a.b', `${'A'.repeat(3000)}.${'B'.repeat(43)}`]) expect(checkDownloadGrant(junk, 'DOC1', secret, now).ok).toBe(false);
  });

  it('does not accept a development token as a download grant, or the reverse', () => {
    const dev = signDevToken({ sub: 'DOC1', 'cognito:groups': ['staff'], exp: tomorrow.getTime() / 1000 }, secret);
    expect(checkDownloadGrant(dev, 'DOC1', secret, now).ok).toBe(false);
    expect(checkDevToken(signDownloadGrant('DOC1', tomorrow, secret), secret, now)).toBeUndefined();
  });

  it('builds the link a recipient is sent from the public base URL', () => {
    expect(downloadLink('https://n.example', 'DOC1', tomorrow, secret)).toMatch(/^https:\/\/n\.example\/d\/DOC1\?t=[\w-]+\.[\w-]{43}$/);
  });
});

describe('development tokens', () => {
  it('returns the claims of a valid token and nothing once it expired', () => {
    const claims = { sub: 'dev', email: 'dev@example.test', 'cognito:groups': ['staff'], exp: tomorrow.getTime() / 1000 };
    const token = signDevToken(claims, secret);
    expect(checkDevToken(token, secret, now)).toEqual(claims);
    expect(checkDevToken(token, secret, new Date(tomorrow.getTime() + 1000))).toBeUndefined();
    expect(checkDevToken(token, Buffer.from('x'.repeat(40)), now)).toBeUndefined();
  });
});
