// The render worker's structured JSON logger (Powertools). Every string it prints passes through
// the ID-number mask, whatever logged it: a field, an error message, a stack, a message body.
import { Logger } from '@aws-lambda-powertools/logger';
import type { ConstructorOptions } from '@aws-lambda-powertools/logger/types';
import { maskIdNumbers } from '../catalogue/id-number.js';

export const SERVICE_NAME = 'notice-render-worker';

export function maskingReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? maskIdNumbers(value) : value;
}

/** Level from POWERTOOLS_LOG_LEVEL (INFO when unset) unless given. */
export function createWorkerLogger(options: Pick<ConstructorOptions, 'logLevel'> = {}): Logger {
  return new Logger({ serviceName: SERVICE_NAME, jsonReplacerFn: maskingReplacer, ...options });
}
