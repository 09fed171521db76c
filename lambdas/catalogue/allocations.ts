// Allocation notices (分配通知书): 第二十四条 talent apartments, let to eligible talents and never sold
// (只租不售, which the template states). A copy to the tenant's employer goes in copyTo.
import * as z from 'zod';
import { caseSchema } from './envelope.js';
import { employedPersonRecipient, isoDate, text, yearPeriod, yuan } from './fields.js';
import { APARTMENT_TENANT_CATEGORIES } from './policy.js';
import { expectNotAfter, fail } from './rules.js';

/** A lease is at most this long; the apartments are 长期周转使用, so a tenant renews rather than stays. */
const MAX_LEASE_YEARS = 5;

export const TalentApartmentAllocation = caseSchema('talent-apartment-allocation', {
  recipient: employedPersonRecipient,
  details: z.strictObject({
    /** Which of the talents 第二十四条 names the tenant is. */
    category: z.enum(APARTMENT_TENANT_CATEGORIES),
    apartment: z.strictObject({
      /** 项目名称, e.g. 龙城人才公寓（晋源园区）. */
      project: text(40),
      building: text(10),
      unit: text(10),
      room: text(10),
      /** 建筑面积, m². */
      area: z.number().positive().max(500),
    }),
    lease: yearPeriod,
    /** 月租金 in yuan; the office sets it, the policy only says the flat is rented. */
    monthlyRent: yuan,
    /** What the tenant must do, and by when: sign the lease and collect the keys. */
    checkIn: z.strictObject({ by: isoDate, place: text(60) }),
  }),
}).superRefine((c, ctx) => {
  const d = c.details;
  if (d.lease.years > MAX_LEASE_YEARS) {
    fail(
      ctx,
      ['details', 'lease', 'years'],
      `${d.lease.years} years is longer than the ${MAX_LEASE_YEARS} a talent-apartment lease may run (第二十四条: 长期周转使用); renew instead`,
      `${d.lease.years} 年超过人才公寓一次租期上限 ${MAX_LEASE_YEARS} 年（第二十四条：长期周转使用），到期请续租`,
    );
  }
  if (d.checkIn.by < c.approvedOn)
    fail(
      ctx,
      ['details', 'checkIn', 'by'],
      `${d.checkIn.by} is before approvedOn ${c.approvedOn}; the tenant needs time to check in`,
      `${d.checkIn.by} 早于成文日期 ${c.approvedOn}，应给承租人留出办理入住的时间`,
    );
  expectNotAfter(ctx, ['details', 'checkIn', 'by'], d.checkIn.by, d.lease.from, 'details.lease.from');
  if (d.monthlyRent <= 0)
    fail(
      ctx,
      ['details', 'monthlyRent'],
      `${d.monthlyRent} is not a rent; the apartment is let (只租不售), so state the monthly rent`,
      `${d.monthlyRent} 不是有效的租金；人才公寓只租不售，请填写月租金`,
    );
});
