// A card's standing (有效 / 已过期 / 已注销) and revoking it. Revoking is a staff action with a
// reason, recorded like a regeneration: the card's CURRENT version carries who, when and why, and
// the case's history gets a REVOKED event. Revoking twice keeps the first revocation and says so.
// A revoked card is never regenerated (regeneration.ts and the worker refuse): a new version
// would print a card that looks valid. Issue a new card as a new case instead.
import * as z from 'zod';
import { CARD_STATE_NAMES, cardState } from '../catalogue/cards.js';
import type { CardState } from '../catalogue/cards.js';
import { beijingToday } from '../beijing-time.js';
import type { StoredCase } from '../stores/cases-table.js';
import type { VersionRecord } from '../stores/versions-table.js';
import { checkSize, jsonBody, parseWith } from './body.js';
import type { ApiDeps } from './deps.js';
import { verifyLink } from './download-grant.js';
import { ApiError, json } from './http.js';
import type { ApiRequest, ApiResponse } from './http.js';
import type { Identity } from './identity.js';
import { CaseIdParam, existingCase } from './staff-cases.js';

const CARD_TYPE = 'talent-green-card';

export const RevokeBody = z.strictObject({
  reason: z.string().trim().min(1, 'say why the card is revoked (e.g. 持卡人已调离本市)').max(1000),
});
export type RevokeBody = z.infer<typeof RevokeBody>;

/** The card's validity as the case records it, read leniently (a case that fails newer rules still has a card). */
const CardCase = z.looseObject({
  docType: z.literal(CARD_TYPE),
  details: z.looseObject({ validity: z.looseObject({ from: z.string(), to: z.string() }) }),
});

/** What anyone may learn of a card: never the reason for a revocation, which may be personal. */
export interface PublicCardStanding {
  state: CardState;
  stateName: string;
  validFrom: string;
  validTo: string;
  /** The Beijing date it was revoked, YYYY-MM-DD. */
  revokedOn: string | null;
}

/** What staff see: the public standing, who revoked it and why. */
export interface CardStanding extends PublicCardStanding {
  caseId: string;
  documentNumber: string;
  version: number;
  verifyUrl: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revokedReason: string | null;
}

/** The standing of a case's card as of `now`, from its CURRENT version; undefined when the case is no card. */
export function publicCardStanding(caseData: unknown, current: VersionRecord | undefined, now: Date): PublicCardStanding | undefined {
  const parsed = CardCase.safeParse(caseData);
  if (!parsed.success) return undefined;
  const { from, to } = parsed.data.details.validity;
  const revokedAt = current?.revokedAt;
  const state = cardState(to, revokedAt !== undefined, beijingToday(now));
  return { state, stateName: CARD_STATE_NAMES[state], validFrom: from, validTo: to, revokedOn: revokedAt ? beijingToday(new Date(revokedAt)) : null };
}

/** What revoking and reading a card needs: the API's deps, or the ops CLI's. */
export type CardDeps = Pick<ApiDeps, 'cases' | 'versions' | 'revocations' | 'publicBaseUrl' | 'now' | 'log'>;

async function cardCase(deps: CardDeps, caseId: string): Promise<{ stored: StoredCase; current: VersionRecord }> {
  const stored = await existingCase(deps, caseId);
  if ((stored.data as { docType?: unknown }).docType !== CARD_TYPE) {
    throw new ApiError(409, 'NOT_A_CARD', `case ${caseId} is not a ${CARD_TYPE} case; only a card is revoked or has a card standing`);
  }
  const current = await deps.versions.currentVersion(caseId, CARD_TYPE);
  if (!current) throw new ApiError(409, 'NOT_ISSUED', `case ${caseId} has no issued card yet`);
  return { stored, current };
}

function standing(deps: CardDeps, stored: StoredCase, current: VersionRecord): CardStanding {
  const pub = publicCardStanding(stored.data, current, deps.now());
  if (!pub) throw new ApiError(409, 'CASE_UNREADABLE', `case ${stored.caseId} has no readable details.validity; fix the case record first`);
  return {
    ...pub,
    caseId: stored.caseId,
    documentNumber: current.documentNumber,
    version: current.version,
    verifyUrl: verifyLink(deps.publicBaseUrl, current.docId),
    revokedAt: current.revokedAt ?? null,
    revokedBy: current.revokedBy ?? null,
    revokedReason: current.revokedReason ?? null,
  };
}

async function cardStanding(deps: CardDeps, caseId: string): Promise<CardStanding> {
  const { stored, current } = await cardCase(deps, caseId);
  return standing(deps, stored, current);
}

export interface RevokeAnswer extends CardStanding {
  /** False when the card was revoked already: the first revocation stands, unchanged. */
  revokedNow: boolean;
}

/** Tries that a regeneration racing the revocation may take before it is reported. */
const MAX_TRIES = 3;

export async function revokeCard(deps: CardDeps, caseId: string, body: RevokeBody, by: string): Promise<RevokeAnswer> {
  for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
    const { stored, current } = await cardCase(deps, caseId);
    if (current.revokedAt) return { ...standing(deps, stored, current), revokedNow: false };
    const outcome = await deps.revocations.revoke(current, { by, reason: body.reason });
    if (outcome.kind === 'revoked') {
      deps.log.info('card revoked', { caseId, docId: current.docId, version: current.version, revokedBy: by });
      const revoked = { ...current, revokedAt: outcome.at, revokedBy: by, revokedReason: body.reason };
      return { ...standing(deps, stored, revoked), revokedNow: true };
    }
  }
  throw new ApiError(409, 'CARD_CHANGED', `case ${caseId}: the card changed while it was being revoked; look at it again and retry`);
}

type StaffRoute = (deps: ApiDeps, request: ApiRequest, params: Record<string, string>, who: Identity) => Promise<ApiResponse>;

export const CARD_STAFF_ROUTES = {
  async cardStanding(deps, request, params) {
    checkSize(request, 0);
    return json(200, await cardStanding(deps, parseWith(CaseIdParam, params.caseId, 'caseId')));
  },
  async revokeCard(deps, request, params, who) {
    const caseId = parseWith(CaseIdParam, params.caseId, 'caseId');
    return json(200, await revokeCard(deps, caseId, jsonBody(request, RevokeBody), who.name));
  },
} satisfies Record<string, StaffRoute>;
