// Allocating 发文字号 (their format: catalogue/document-number.ts).
// One counter per prefix and year; a case keeps the number it got first, whatever happens later.
import * as z from 'zod';
import { formatDocumentNumber } from '../catalogue/document-number.js';
import { describeIssues } from '../zod-issues.js';
import { MAX_CASES_PER_CLAIM } from '../stores/document-numbers-table.js';
import type { DocumentNumbersTable } from '../stores/document-numbers-table.js';
import { CaseNotFoundError, StoreInputError } from '../stores/errors.js';
import { KeyPart } from '../stores/keys.js';
import { retryOnContention } from './optimistic-retry.js';

/** 机关代字: no brackets of any kind, no “#” (the key separator), no spaces. */
const DocumentNumberPrefix = z.string().regex(/^[^〔〕[\]【】()（）#\s]{1,20}$/, 'a 机关代字 of 1–20 characters without brackets, “#” or spaces');

const NumberRequest = z.object({
  caseId: KeyPart,
  prefix: DocumentNumberPrefix,
  year: z.number().int().min(1949).max(9999),
  /** Zero-pad the sequence to this many digits (cards); absent or 0 for a 发文字号. */
  digits: z.number().int().min(0).max(9).optional(),
});
export type NumberRequest = z.infer<typeof NumberRequest>;

export { formatDocumentNumber, parseDocumentNumber } from '../catalogue/document-number.js';

interface AssignedNumber {
  documentNumber: string;
  /** False when the case already had its number (a retry or a later version). */
  fresh: boolean;
}

export interface NumberAllocator {
  assign(request: NumberRequest): Promise<AssignedNumber>;
}

interface Waiting {
  caseId: string;
  resolve: (assigned: AssignedNumber) => void;
  reject: (error: unknown) => void;
}

/** One sequence of numbers: its 机关代字, its year, and the digits its numbers are padded to. */
interface Counter {
  prefix: string;
  year: number;
  digits: number;
}

/**
 * Numbers the cases waiting on one counter, in one transaction when the counter is where this
 * process left it (`lastSeen`), and settles every waiting promise: with its number, or the error.
 */
async function claimAll(store: DocumentNumbersTable, lastSeen: Map<string, number>, { prefix, year, digits }: Counter, waiting: Waiting[]): Promise<void> {
  const counter = `${prefix}#${year}`;
  // One case asked for twice (a duplicate delivery) is claimed once; both askers get the answer.
  const byCase = new Map<string, Waiting[]>();
  for (const w of waiting) byCase.set(w.caseId, [...(byCase.get(w.caseId) ?? []), w]);
  const settle = (caseId: string, outcome: { assigned: AssignedNumber } | { error: unknown }) => {
    for (const w of byCase.get(caseId) ?? []) {
      if ('assigned' in outcome) w.resolve(outcome.assigned);
      else w.reject(outcome.error);
    }
    byCase.delete(caseId);
  };
  try {
    await retryOnContention<true>(
      async () => {
        for (;;) {
          const caseIds = [...byCase.keys()];
          if (caseIds.length === 0) return true;
          const last = lastSeen.get(counter) ?? (await store.lastTaken(prefix, year));
          const cases = caseIds.map((caseId, i) => ({ caseId, documentNumber: formatDocumentNumber(prefix, year, last + i + 1, digits) }));
          const outcome = await store.claimBatch({ prefix, year, expected: last, cases });
          switch (outcome.kind) {
            case 'claimed':
              lastSeen.set(counter, last + cases.length);
              for (const c of cases) settle(c.caseId, { assigned: { documentNumber: c.documentNumber, fresh: true } });
              return true;
            case 'cases-refused':
              // Nothing was written; settle the refused cases and claim again for the rest.
              for (const [caseId, documentNumber] of outcome.numbered) settle(caseId, { assigned: { documentNumber, fresh: false } });
              for (const caseId of outcome.missing) settle(caseId, { error: new CaseNotFoundError(caseId, store.tableName) });
              continue;
            case 'counter-moved':
            case 'conflict':
              lastSeen.delete(counter); // read it again
              return undefined;
          }
        }
      },
      { what: `numbering ${byCase.size} case(s) under ${prefix}〔${year}〕` },
    );
  } catch (error) {
    for (const caseId of [...byCase.keys()]) settle(caseId, { error });
  }
}

/**
 * Gives each case its 发文字号, or returns the one it has: concurrent calls for different cases
 * get consecutive numbers; concurrent or repeated calls for one case get one number. Built for a
 * worker with many messages in flight whose cases share a few counters (one per 机关代字 and year). Requests for one counter queue up
 * while a claim is in flight and are then claimed together, in one transaction (DocumentNumbersTable.claimBatch):
 * concurrent claims on one counter would otherwise mostly lose to each other, each loss a read
 * and a failed transaction. The counter's value is remembered from this process's last claim, and
 * cases are not read first (each case's condition says whether it has a number), so a batch is
 * usually one call. Correctness stays with the transaction's conditions: when another process
 * moved the counter, the claim is refused, the counter read again and the claim retried — gap-free
 * and one number per case, across processes as within one.
 */
export function numberAllocator(store: DocumentNumbersTable): NumberAllocator {
  const queues = new Map<string, Waiting[]>();
  const lastSeen = new Map<string, number>();

  async function drain(prefix: string, year: number, digits: number): Promise<void> {
    const counter = `${prefix}#${year}`;
    for (;;) {
      const queue = queues.get(counter) ?? [];
      if (queue.length === 0) {
        queues.delete(counter);
        return;
      }
      await claimAll(store, lastSeen, { prefix, year, digits }, queue.splice(0, MAX_CASES_PER_CLAIM));
    }
  }

  return {
    assign(request) {
      const parsed = NumberRequest.safeParse(request);
      if (!parsed.success) return Promise.reject(new StoreInputError(`document number request: ${describeIssues(parsed.error.issues)}`));
      const { caseId, prefix, year, digits = 0 } = parsed.data;
      const counter = `${prefix}#${year}`;
      return new Promise<AssignedNumber>((resolve, reject) => {
        const queue = queues.get(counter);
        if (queue) {
          queue.push({ caseId, resolve, reject }); // a claim is in flight: join the next batch
          return;
        }
        queues.set(counter, [{ caseId, resolve, reject }]);
        void drain(prefix, year, digits);
      });
    },
  };
}
