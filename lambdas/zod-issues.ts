// One way to turn zod issues into words a person can act on: "path: message; path: message".
import type * as z from 'zod';

export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');
}
