import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../lambdas/api/http.js';
import { claimGroups, identityOf, requireStaff } from '../../lambdas/api/identity.js';
import { maskPersonName } from '../../lambdas/api/mask-name.js';

describe('claims', () => {
  it('reads groups as API Gateway flattens an array claim: `[a b]`, split on the spaces only', () => {
    expect(claimGroups('[staff admin]')).toEqual(['staff', 'admin']);
    expect(claimGroups('[staff]')).toEqual(['staff']);
    expect(claimGroups('[]')).toEqual([]);
    expect(claimGroups(['staff', 'admin'])).toEqual(['staff', 'admin']);
    expect(claimGroups(undefined)).toEqual([]);
    expect(claimGroups('')).toEqual([]);
  });

  it('takes a plain string claim as one group, as a provider with a single-valued group claim sends it', () => {
    expect(claimGroups('staff')).toEqual(['staff']);
    expect(claimGroups('viewer staff')).toEqual(['viewer staff']);
  });

  it('does not make a group of a comma, quotes or JSON inside one group’s name', () => {
    // Groups named `viewer,staff` and `"staff"` reach the handler as `[viewer,staff]` and `["staff"]`.
    expect(claimGroups('[viewer,staff]')).toEqual(['viewer,staff']);
    expect(claimGroups('["staff"]')).toEqual(['"staff"']);
    expect(claimGroups('["staff","admin"]')).toEqual(['"staff","admin"']);
    expect(claimGroups('[[staff]]')).toEqual(['[staff]']);
  });

  it('names the requester by e-mail, else preferred_username, else Cognito user name, else sub', () => {
    expect(identityOf({ sub: 's', email: 'a@b.c', 'cognito:username': 'u' })?.name).toBe('a@b.c');
    expect(identityOf({ sub: 's', preferred_username: 'wang.li', 'cognito:username': 'u' })?.name).toBe('wang.li');
    expect(identityOf({ sub: 's', 'cognito:username': 'u' })?.name).toBe('u');
    expect(identityOf({ sub: 's' })?.name).toBe('s');
    expect(identityOf({ email: 'a@b.c' })).toBeUndefined();
  });

  it('throws 401 without an identity and 403 without the staff group', () => {
    expect(status(undefined)).toBe(401);
    expect(status({})).toBe(401);
    expect(status({ sub: 's', 'cognito:groups': '[readers]' })).toBe(403);
    expect(status({ sub: 's', 'cognito:groups': '[readers staff]' })).toBe(200);
  });

  it('refuses staff rights to a single group whose name only contains “staff”', () => {
    expect(status({ sub: 's', 'cognito:groups': '[viewer,staff]' })).toBe(403);
    expect(status({ sub: 's', 'cognito:groups': '["staff"]' })).toBe(403);
    expect(status({ sub: 's', 'cognito:groups': '[staff-readers]' })).toBe(403);
  });

  it('reads the groups from the configured claim and from no other', () => {
    expect(status({ sub: 's', groups: '[staff]' }, 'groups')).toBe(200);
    expect(status({ sub: 's', 'cognito:groups': '[staff]' }, 'groups')).toBe(403);
    expect(status({ sub: 's', groups: '[staff]' })).toBe(403);
  });
});

function status(claims: Record<string, unknown> | undefined, groupsClaim?: string): number {
  try {
    requireStaff(claims, 'staff', groupsClaim);
    return 200;
  } catch (error) {
    return (error as ApiError).status;
  }
}

describe('masking names', () => {
  it('keeps the first and last characters of a person’s name: 张*明', () => {
    expect(maskPersonName('张晓明')).toBe('张*明');
    expect(maskPersonName('欧阳晓明')).toBe('欧**明');
    expect(maskPersonName('李雯')).toBe('李*');
  });

  it('counts characters outside the BMP as one and keeps the 间隔号', () => {
    expect(maskPersonName('童𬱖')).toBe('童*');
    expect(maskPersonName('买买提·艾力')).toBe('买**·*力');
  });
});
