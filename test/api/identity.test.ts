import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lambdas/api/http.js';
import { claimGroups, identityOf, requireStaff } from '../../lambdas/api/identity.js';
import { maskPersonName } from '../../lambdas/api/mask-name.js';

describe('claims', () => {
  it('reads groups as API Gateway flattens them, as JSON, or as a real array', () => {
    expect(claimGroups('[staff admin]')).toEqual(['staff', 'admin']);
    expect(claimGroups('[staff, admin]')).toEqual(['staff', 'admin']);
    expect(claimGroups('["staff","admin"]')).toEqual(['staff', 'admin']);
    expect(claimGroups(['staff'])).toEqual(['staff']);
    expect(claimGroups(undefined)).toEqual([]);
  });

  it('names the requester by e-mail, else Cognito user name, else sub', () => {
    expect(identityOf({ sub: 's', email: 'a@b.c', 'cognito:username': 'u' })?.name).toBe('a@b.c');
    expect(identityOf({ sub: 's', 'cognito:username': 'u' })?.name).toBe('u');
    expect(identityOf({ sub: 's' })?.name).toBe('s');
    expect(identityOf({ email: 'a@b.c' })).toBeUndefined();
  });

  it('throws 401 without an identity and 403 without the staff group', () => {
    const status = (claims: Record<string, unknown> | undefined) => {
      try {
        requireStaff(claims, 'staff');
        return 200;
      } catch (error) {
        return (error as ApiError).status;
      }
    };
    expect(status(undefined)).toBe(401);
    expect(status({})).toBe(401);
    expect(status({ sub: 's', 'cognito:groups': '[readers]' })).toBe(403);
    expect(status({ sub: 's', 'cognito:groups': '[readers staff]' })).toBe(200);
  });
});

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
