// Just enough of EventBridge for the local Pipe: event-pattern matching with the features our
// pattern uses (nested fields, value lists, `$or`, `anything-but`, `exists`) and Pipes' input
// templates (`<$.a.b.c>`). Anything else in a pattern is refused loudly rather than guessed at.
//
// Matching, as EventBridge does it:
//  - every field of a pattern object must match (AND); `$or: [p, q]` matches when one of p, q does;
//  - a list names allowed values of a leaf (OR); an event leaf that is a list matches when one
//    of its elements does;
//  - `{ "anything-but": [v…] }` matches a present leaf whose value is none of v; a missing leaf
//    does not match;
//  - `{ "exists": false }` matches a missing leaf, `{ "exists": true }` a present one;
//  - a pattern object under a field the event lacks can still match through `exists: false`.
import { NoticeError } from '../errors.js';

class EventPatternError extends NoticeError {
  readonly code = 'EVENT_PATTERN_UNSUPPORTED';
}

type Leaf = string | number | boolean | null;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLeaf(value: unknown): value is Leaf {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

export function matchesPattern(pattern: unknown, event: unknown): boolean {
  if (!isObject(pattern)) throw new EventPatternError(`an event pattern is an object of fields, not ${JSON.stringify(pattern)}`);
  return Object.entries(pattern).every(([field, expected]) => {
    if (field === '$or') {
      if (!Array.isArray(expected) || expected.length < 2) throw new EventPatternError('$or takes a list of at least two patterns');
      return expected.some((alternative) => matchesPattern(alternative, event));
    }
    const value = isObject(event) ? event[field] : undefined;
    if (Array.isArray(expected)) return matchesLeaf(expected, value);
    if (isObject(expected)) return matchesPattern(expected, isObject(value) ? value : value === undefined ? undefined : null);
    throw new EventPatternError(`field ${field}: a pattern value is a list or an object, not ${JSON.stringify(expected)}`);
  });
}

function matchesLeaf(matchers: unknown[], value: unknown): boolean {
  // An object where a leaf was expected matches nothing (only exists: true/false could, and
  // EventBridge applies exists to leaves only).
  if (isObject(value)) return false;
  const values: Leaf[] | undefined = value === undefined ? undefined : Array.isArray(value) ? value.filter(isLeaf) : isLeaf(value) ? [value] : [];
  return matchers.some((matcher) => {
    if (isLeaf(matcher)) return values !== undefined && values.includes(matcher);
    if (!isObject(matcher)) throw new EventPatternError(`unsupported matcher ${JSON.stringify(matcher)}`);
    const [operator, ...others] = Object.keys(matcher);
    if (operator === undefined || others.length > 0) throw new EventPatternError(`a matcher has exactly one operator: ${JSON.stringify(matcher)}`);
    const operand = matcher[operator];
    switch (operator) {
      case 'exists':
        if (typeof operand !== 'boolean') throw new EventPatternError('exists takes true or false');
        return operand === (values !== undefined);
      case 'anything-but': {
        const excluded = Array.isArray(operand) ? operand : [operand];
        if (!excluded.every(isLeaf)) throw new EventPatternError('anything-but takes a value or a list of values (no nested matchers here)');
        return values !== undefined && values.some((v) => !excluded.includes(v));
      }
      default:
        throw new EventPatternError(`matcher “${operator}” is not supported by the local evaluator; add it here (and a test) before using it in the pipe`);
    }
  });
}

const PLACEHOLDER = /<\$((?:\.[A-Za-z0-9_-]+)+)>/g;

function valueAt(event: unknown, path: string): unknown {
  let value: unknown = event;
  for (const part of path.slice(1).split('.')) value = isObject(value) ? value[part] : undefined;
  return value;
}

/**
 * Pipes' input transformation: each `<$.path>` replaced by the event's value there. Inside a
 * JSON string the value is written as string content (escaped, so a stray quote cannot break
 * the message), outside as JSON. A missing path gives an empty string (inside quotes) or null;
 * the message schema then rejects the result, naming the field.
 */
export function applyInputTemplate(template: string, event: unknown): string {
  let out = '';
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const before = template.slice(last, match.index);
    out += before;
    const insideString = quotesBefore(template, match.index) % 2 === 1;
    const value = valueAt(event, match[1]!);
    if (insideString) {
      const text = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
      out += JSON.stringify(text).slice(1, -1);
    } else {
      out += value === undefined ? 'null' : JSON.stringify(value);
    }
    last = match.index + match[0].length;
  }
  return out + template.slice(last);
}

/** Unescaped double quotes before `end`: odd means `end` is inside a JSON string. */
function quotesBefore(template: string, end: number): number {
  let count = 0;
  for (let i = 0; i < end; i++) {
    if (template[i] === '\\') i++;
    else if (template[i] === '"') count++;
  }
  return count;
}
