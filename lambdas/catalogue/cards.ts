// 第十二条 人才服务“绿卡”: a card, not a 公文. Its holder is served first when settling (落户),
// paying social insurance, enrolling children and applying for housing.
import * as z from 'zod';
import { caseSchema } from './envelope.js';
import { personRecipient, text, yearPeriod } from './fields.js';
import { GREEN_CARD_MAX_YEARS, GREEN_CARD_SERVICES } from './policy.js';
import { fail } from './rules.js';

export const GreenCard = caseSchema('talent-green-card', {
  recipient: personRecipient,
  details: z.strictObject({
    /** 人才类别 as the office records it, e.g. 高精尖缺人才, 博士研究生, 高级职称专业技术人员. */
    category: text(20),
    validity: yearPeriod,
    /** The services the card gives priority for, in the order printed. */
    services: z.array(z.enum(GREEN_CARD_SERVICES)).min(1).max(GREEN_CARD_SERVICES.length),
    /** Key of the holder's photo (PNG or JPEG) in the documents bucket; without one the card has no photo box. */
    photoKey: z
      .string()
      .regex(/^photos\/[A-Za-z0-9._-]{1,120}\.(png|jpe?g)$/, 'a photo key such as photos/TY-2026-000120.jpg')
      .optional(),
  }),
}).superRefine((c, ctx) => {
  const d = c.details;
  if (new Set(d.services).size !== d.services.length)
    fail(ctx, ['details', 'services'], 'names a service twice; list each once', '有重复的服务项目，每项只列一次');
  if (d.validity.years > GREEN_CARD_MAX_YEARS) {
    fail(
      ctx,
      ['details', 'validity', 'years'],
      `${d.validity.years} years is longer than the ${GREEN_CARD_MAX_YEARS} a 绿卡 is valid; issue a new card when it expires`,
      `${d.validity.years} 年超过“绿卡”的最长有效期 ${GREEN_CARD_MAX_YEARS} 年；到期后请另发新卡`,
    );
  }
  if (d.validity.from < c.approvedOn)
    fail(
      ctx,
      ['details', 'validity', 'from'],
      `${d.validity.from} is before approvedOn ${c.approvedOn}; a card is valid from its issue`,
      `${d.validity.from} 早于成文日期 ${c.approvedOn}；卡自发放之日起有效`,
    );
});

/** 有效 / 已过期 / 已注销: what a card's verification page and the console say of it. */
export type CardState = 'valid' | 'expired' | 'revoked';

export const CARD_STATE_NAMES: Readonly<Record<CardState, string>> = { valid: '有效', expired: '已过期', revoked: '已注销' };

/**
 * A card's state on `today` (YYYY-MM-DD, a Beijing date): revoked wins; otherwise valid through
 * the last day of its validity (validity.to, inclusive), expired from the day after. A card whose
 * validity has not begun yet counts as valid: it is issued, and nothing else would describe it.
 */
export function cardState(validityTo: string, revoked: boolean, today: string): CardState {
  if (revoked) return 'revoked';
  return today > validityTo ? 'expired' : 'valid';
}
