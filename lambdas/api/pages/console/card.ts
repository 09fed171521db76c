// The card panel under an open 人才服务“绿卡” case (markup: ../card-panel.ts): the card's standing,
// a link to its verification page, and 注销 behind a dialog that asks for the reason. A case that
// is no card answers 409 and the panel stays hidden.
import { beijingMinute } from '../../../beijing-time.js';
import { $ } from './dom.js';
import { type CallError, call, followShownCase } from './staff-call.js';

interface CardView {
  state: 'valid' | 'expired' | 'revoked';
  stateName: string;
  validFrom: string;
  validTo: string;
  verifyUrl: string;
  revokedAt?: string | null;
  revokedBy?: string | null;
  revokedReason?: string | null;
  /** On 注销: whether this request revoked it (false: it was revoked before). */
  revokedNow?: boolean;
}

const panel = $('card-panel');
const CLASSES: Record<string, string> = { valid: 'current', expired: 'superseded', revoked: 'failed' };

/** `2026-03-01` as 2026年3月1日. */
function cnDate(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
  return m ? m[1] + '年' + Number(m[2]) + '月' + Number(m[3]) + '日' : iso || '';
}
function show(card: CardView): void {
  panel.hidden = false;
  panel.setAttribute('data-card-state', card.state);
  const state = $('card-state');
  state.textContent = '';
  const badge = document.createElement('span');
  badge.className = 'badge ' + (CLASSES[card.state] || 'plain');
  badge.setAttribute('data-card-state', card.state);
  badge.textContent = card.stateName;
  state.appendChild(badge);
  $('card-validity').textContent = cnDate(card.validFrom) + '至' + cnDate(card.validTo);
  $<HTMLAnchorElement>('card-verify').href = card.verifyUrl;
  $('card-revoked').hidden = !card.revokedAt;
  $('card-revoked').textContent = card.revokedAt
    ? '已于 ' + beijingMinute(card.revokedAt) + '（北京时间）由 ' + card.revokedBy + ' 注销。原因：' + card.revokedReason
    : '';
  $('card-revoke').hidden = !!card.revokedAt;
}
function dialogError(text: string): void {
  $('card-revoke-error').textContent = text || '';
  $('card-revoke-error').hidden = !text;
}

if (panel) {
  const dialog = $<HTMLDialogElement>('card-revoke-dialog');
  const reasonBox = $<HTMLTextAreaElement>('card-revoke-reason');
  const caseId = followShownCase<CardView>(panel, 'card', show, (e) => {
    $('card-status').textContent = e.messageZh || e.message;
  });
  $('card-revoke').addEventListener('click', () => {
    reasonBox.value = '';
    dialogError('');
    dialog.showModal();
    reasonBox.focus();
  });
  $('card-revoke-cancel').addEventListener('click', () => {
    dialog.close();
  });
  $('card-revoke-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const reason = reasonBox.value.trim();
    if (!reason) {
      dialogError('请填写注销原因。');
      reasonBox.focus();
      return;
    }
    $<HTMLButtonElement>('card-revoke-confirm').disabled = true;
    call<CardView>('POST', '/cases/' + encodeURIComponent(caseId()!) + '/card/revoke', { reason })
      .then(
        (card) => {
          dialog.close();
          show(card);
          $('card-status').textContent = card.revokedNow ? '已注销。' : '该卡此前已注销，保留原注销时间和原因。';
        },
        (err: CallError) => {
          dialogError(err.messageZh || err.message);
        },
      )
      .then(() => {
        $<HTMLButtonElement>('card-revoke-confirm').disabled = false;
      });
  });
}
