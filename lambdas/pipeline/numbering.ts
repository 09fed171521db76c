// 发文字号: `机关代字〔年份〕序号号`, e.g. 并人才奖〔2026〕17号 — full four-digit year in 六角括号
// (U+3014/U+3015), no leading zeros, no 第 (GB/T 9704-2012 7.2.4; layout doc §5.3).
// One counter per prefix and year; a case keeps the number it got first, whatever happens later.
import { z } from 'zod';
import { describeIssues } from '../issues.js';
import type { DocumentNumbersTable } from '../stores/document-numbers-table.js';
import { StoreInputError } from '../stores/errors.js';
import { KeyPart } from '../stores/keys.js';
import { retryOnContention } from './optimistic-retry.js';

/** 机关代字: no brackets of any kind, no “#” (the key separator), no spaces. */
export const DocumentNumberPrefix = z
  .string()
  .regex(/^[^〔〕[\]【】()（）#\s]{1,20}$/, 'a 机关代字 of 1–20 characters without brackets, “#” or spaces');

const NumberRequest = z.object({
  caseId: KeyPart,
  prefix: DocumentNumberPrefix,
  year: z.number().int().min(1949).max(9999),
});
export type NumberRequest = z.infer<typeof NumberRequest>;

const PATTERN = /^([^〔〕[\]【】]+)〔(\d{4})〕([1-9]\d*)号$/;

export function formatDocumentNumber(prefix: string, year: number, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new StoreInputError(`document number sequence ${seq}: must be a whole number from 1`);
  return `${prefix}〔${year}〕${seq}号`;
}

export function parseDocumentNumber(text: string): { prefix: string; year: number; seq: number } | undefined {
  const match = PATTERN.exec(text);
  if (!match) return undefined;
  return { prefix: match[1]!, year: Number(match[2]), seq: Number(match[3]) };
}

export interface AssignedNumber {
  documentNumber: string;
  /** False when the case already had its number (a retry or a later version). */
  fresh: boolean;
}

/**
 * Gives the case its 发文字号, or returns the one it has. Concurrent calls for different cases
 * get consecutive numbers; concurrent or repeated calls for one case get one number.
 */
export async function assignDocumentNumber(store: DocumentNumbersTable, request: NumberRequest): Promise<AssignedNumber> {
  const parsed = NumberRequest.safeParse(request);
  if (!parsed.success) throw new StoreInputError(`document number request: ${describeIssues(parsed.error.issues)}`);
  const { caseId, prefix, year } = parsed.data;

  return retryOnContention<AssignedNumber>(
    async () => {
      const [existing, last] = await Promise.all([store.assignedNumber(caseId), store.lastTaken(prefix, year)]);
      if (existing !== undefined) return { documentNumber: existing, fresh: false };
      const seq = last + 1;
      const documentNumber = formatDocumentNumber(prefix, year, seq);
      const outcome = await store.claim({ caseId, prefix, year, seq, documentNumber });
      switch (outcome.kind) {
        case 'claimed':
          return { documentNumber, fresh: true };
        case 'already-numbered':
          return { documentNumber: outcome.documentNumber, fresh: false };
        case 'counter-moved':
        case 'conflict':
          return undefined;
      }
    },
    { what: `numbering case ${caseId} (${prefix}〔${year}〕)` },
  );
}

export interface NumberAllocator {
  assign(request: NumberRequest): Promise<AssignedNumber>;
}

/**
 * assignDocumentNumber, one call at a time per counter within this process. A worker keeps many
 * messages in flight, and cases of one family share one counter: left to race, they would lose
 * to each other over and over (each loss a read and a failed transaction). Queued, each claim
 * usually lands first time. Across processes (Lambda environments) the transaction's conditions
 * still decide, exactly as before.
 */
export function numberAllocator(store: DocumentNumbersTable): NumberAllocator {
  const tails = new Map<string, Promise<unknown>>();
  return {
    assign(request) {
      const counter = `${request.prefix}#${request.year}`;
      const previous = tails.get(counter) ?? Promise.resolve();
      const mine = previous.then(() => assignDocumentNumber(store, request));
      const tail = mine.catch(() => undefined); // one failed claim must not stop the ones behind it
      tails.set(counter, tail);
      void tail.then(() => {
        if (tails.get(counter) === tail) tails.delete(counter);
      });
      return mine;
    },
  };
}
