import type { DocTypeId } from '../../lambdas/catalogue/index.js';

/** Award and subsidy notices that pay one item: no money table, one page in 信函格式. */
export const SINGLE_ITEM_NOTICES: readonly DocTypeId[] = [
  'talent-scout-award',
  'skill-grand-award',
  'national-technical-expert',
  'flexible-allowance',
  'graduate-living-subsidy',
  'graduate-housing-subsidy',
  'graduate-research-fund',
  'village-graduate-settling',
];
