// Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character
// set; position 18 checks the first 17 (weights 3^(i−1) mod 31).

const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

function valueOf(c: string): number {
  return CREDIT_CODE_CHARSET.indexOf(c);
}

/** The check character for the first 17 characters. */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== 17 || [...first17].some((c) => valueOf(c) < 0)) {
    throw new RangeError(`a credit code body is 17 characters from ${CREDIT_CODE_CHARSET}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += valueOf(first17.charAt(i)) * WEIGHTS[i]!;
  return CREDIT_CODE_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** Completes 17 characters with their check character: how examples fabricate valid codes. */
export function makeCreditCode(first17: string): string {
  return first17 + creditCodeCheckCharacter(first17);
}

export type CreditCodeCheck = { ok: true; value: string } | { ok: false; message: string; messageZh: string };

/** Validates a (normalised) code: length, character set, administrative division digits, check character. */
export function checkCreditCode(code: string): CreditCodeCheck {
  const chars = [...code];
  if (chars.length !== 18) {
    return {
      ok: false,
      message: `${code} is not a unified social credit code: GB 32100 requires 18 characters (${chars.length} given)`,
      messageZh: `${code} 不是统一社会信用代码：应为 18 位，填写的是 ${chars.length} 位`,
    };
  }
  const bad = chars.find((c) => valueOf(c) < 0);
  if (bad !== undefined) {
    return {
      ok: false,
      message: `${code}: “${bad}” is not allowed; GB 32100 uses only ${CREDIT_CODE_CHARSET} (no I, O, S, V, Z)`,
      messageZh: `${code} 不能含有“${bad}”；统一社会信用代码只用数字和除 I、O、S、V、Z 以外的大写字母`,
    };
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return {
      ok: false,
      message: `${code}: characters 3–8 must be the administrative division code (6 digits)`,
      messageZh: `${code} 的第 3–8 位应为 6 位数字的行政区划码`,
    };
  }
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) {
    return {
      ok: false,
      message: `${code}: the check character ${code[17]} does not match the first 17 characters (GB 32100 gives ${expected}); re-read the code from the business licence`,
      messageZh: `${code} 的校验码不正确，请对照营业执照或登记证书重新核对`,
    };
  }
  return { ok: true, value: code };
}
