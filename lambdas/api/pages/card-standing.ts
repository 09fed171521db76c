// A card's standing as the public pages show it (the verification page, the holder's link page):
// 绿卡状态 as a badge, the validity period and, for a revoked card, the date — never the reason.
import type { PublicCardStanding } from '../card-revocation.js';
import { chineseDate } from './format.js';
import { html } from './html.js';
import type { Html } from './html.js';

const BADGE_CLASS = { valid: 'current', expired: 'superseded', revoked: 'failed' } as const;

/** Rows for a `<dl class="facts">`. */
export function cardStandingFacts(card: PublicCardStanding): Html {
  return html`<dt>绿卡状态</dt><dd><span class="badge ${BADGE_CLASS[card.state]}" data-card-state="${card.state}">${card.stateName}</span></dd>
<dt>有效期</dt><dd data-field="validity">${chineseDate(card.validFrom)}至${chineseDate(card.validTo)}</dd>
${card.revokedOn ? html`<dt>注销日期</dt><dd data-field="revokedOn">${chineseDate(card.revokedOn)}</dd>` : ''}`;
}
