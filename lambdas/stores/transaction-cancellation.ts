// Why DynamoDB cancelled a TransactWriteItems: one reason per item, in request order.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

type ItemOutcome = 'ok' | 'condition-failed' | 'conflict';

export interface Cancellation {
  /** One outcome per transaction item, in the order the items were sent. */
  items: ItemOutcome[];
  /** The item as it was, for items sent with ReturnValuesOnConditionCheckFailure = ALL_OLD. */
  oldItems: (Record<string, AttributeValue> | undefined)[];
}

const OUTCOMES: Record<string, ItemOutcome> = {
  None: 'ok',
  ConditionalCheckFailed: 'condition-failed',
  TransactionConflict: 'conflict',
};

/**
 * The cancellation behind an error, or undefined when the error is anything else — throttling,
 * validation, a network fault — which the caller rethrows. A TransactionConflictException (a
 * single write that collided with a transaction) counts as a conflict on every item.
 */
export function transactionCancellation(error: unknown, itemCount: number): Cancellation | undefined {
  if (error instanceof TransactionCanceledException) {
    const reasons = error.CancellationReasons ?? [];
    const items: ItemOutcome[] = [];
    for (let i = 0; i < itemCount; i++) {
      const known = OUTCOMES[reasons[i]?.Code ?? 'None'];
      if (known === undefined) return undefined;
      items.push(known);
    }
    return { items, oldItems: Array.from({ length: itemCount }, (_, i) => reasons[i]?.Item) };
  }
  if (error instanceof Error && error.name === 'TransactionConflictException') {
    return { items: Array.from({ length: itemCount }, () => 'conflict'), oldItems: [] };
  }
  return undefined;
}
