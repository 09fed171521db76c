// DynamoDB's error answers: an HTTP status and a JSON body whose __type names the exception
// (the AWS SDK reads the part after '#'), as the service sends them.
import type { DynaliteError } from './dynalite.js';

export class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly statusCode = 400,
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return { __type: `com.amazonaws.dynamodb.v20120810#${this.type}`, message: this.message, ...this.extra };
  }
}

export const validationError = (message: string) => new ServiceError('ValidationException', message);
export const notFound = (message: string) => new ServiceError('ResourceNotFoundException', message);

/** dynalite fails with { statusCode, body }; anything else is a bug in this server. */
export function isDynaliteError(error: unknown): error is DynaliteError & { statusCode: number; body: NonNullable<DynaliteError['body']> } {
  return error instanceof Error && typeof (error as DynaliteError).statusCode === 'number' && (error as DynaliteError).body !== undefined;
}

/** The short exception name of a dynalite error body, e.g. "ValidationException". */
export function errorCode(error: DynaliteError): string {
  return (error.body?.__type ?? 'InternalServerError').split('#').pop() ?? 'InternalServerError';
}

export function errorMessage(error: DynaliteError): string {
  return error.body?.message ?? error.body?.Message ?? error.message;
}
