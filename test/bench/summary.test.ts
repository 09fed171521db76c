import { describe, expect, it } from 'vitest';
import type { Table } from '../../bench/context.js';
import { formatTable } from '../../bench/format.js';
import { beforeAfter, targets } from '../../bench/summary.js';

const renderer: Table = {
  'award-notice': { warmMedianMs: 4, bytes: 50_000, sha256: 'abc' },
  'award-notice @ 1234567': { warmMedianMs: 12, bytes: 50_000, sha256: 'abc' },
};
const cold: Table = {
  'award-notice': { coldProcessMedianMs: 330 },
  'award-notice @ 1234567': { coldProcessMedianMs: 462 },
};
const chromium: Table = { 'award-notice': { chromiumOverPdfkit: 37 } };

describe('bench summary', () => {
  it('divides the baseline by the current figure, so 3 means three times faster', () => {
    const t = beforeAfter([renderer, cold], ['award-notice'], '1234567');
    expect(t['award-notice']).toMatchObject({
      warmMedianMsBeforeOverAfter: 3,
      coldProcessMedianMsBeforeOverAfter: 1.4,
      bytesBeforeOverAfter: 1,
      sameBytes: true,
    });
  });

  it('leaves sameBytes unknown (null) when the renderer bench did not run', () => {
    expect(beforeAfter([cold], ['award-notice'], '1234567')['award-notice']!.sameBytes).toBeNull();
  });

  it('checks the targets for the one-page notice and says which are met', () => {
    const t = targets([renderer, cold, chromium], 'award-notice');
    expect(t.value).toMatchObject({ 'warm ms/doc ≤ 8': 4, 'cold process s ≤ 0.35': 0.33, 'KB ≤ 60': 48.8, 'Chromium ÷ pdfkit ≥ 100': 37 });
    expect(t.met).toMatchObject({ 'warm ms/doc ≤ 8': true, 'cold process s ≤ 0.35': true, 'KB ≤ 60': true, 'Chromium ÷ pdfkit ≥ 100': false });
  });

  it('leaves a target unjudged (null) when its figure was not measured', () => {
    expect(targets([renderer], 'award-notice').met['cold process s ≤ 0.35']).toBeNull();
  });

  it('prints one column per row of a table and one line per figure', () => {
    const text = formatTable('t', renderer);
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('## t');
    expect(lines[1]).toMatch(/award-notice\s+award-notice @ 1234567$/);
    expect(lines.find((l) => l.startsWith('bytes'))).toMatch(/^bytes\s+50,000\s+50,000$/);
  });
});
