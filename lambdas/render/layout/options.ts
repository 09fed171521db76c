// Layout options, checked at the boundary (zod): callers pass them from configuration.
import * as z from 'zod';
import { describeIssues } from '../../zod-issues.js';
import { LayoutError } from './errors.js';

export const LayoutOptions = z.object({
  /** The seal to place over the 署名 and 日期; null lays a sealed signature out unsealed. */
  seal: z
    .object({ diameter: z.number().positive().max(200) })
    .nullable()
    .default(null),
  /** 'grid': line-end marks keep a full cell (CHOICE); 'gb15834': GB/T 15834 5.1.10 and R8 everywhere. */
  punctuation: z.enum(['grid', 'gb15834']).default('grid'),
  /** Duplex print: the 版记 goes on an even page. */
  duplex: z.boolean().default(false),
  /** Never leave one ideograph alone on a paragraph's last line. */
  orphanControl: z.boolean().default(true),
});

export type LayoutOptions = z.input<typeof LayoutOptions>;
export type ResolvedLayoutOptions = z.output<typeof LayoutOptions>;

export function resolveLayoutOptions(options: LayoutOptions | undefined): ResolvedLayoutOptions {
  const parsed = LayoutOptions.safeParse(options ?? {});
  if (!parsed.success) throw new LayoutError(`layout options: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}
