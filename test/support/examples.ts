import type { DocTypeId } from '../../lambdas/catalogue/index.js';

/** Notices that grant one item (an award, a subsidy, a flat): no money table, one page in 信函格式. */
export const SINGLE_ITEM_NOTICES: readonly DocTypeId[] = [
  'talent-scout-award',
  'skill-grand-award',
  'national-technical-expert',
  'flexible-allowance',
  'graduate-living-subsidy',
  'graduate-housing-subsidy',
  'graduate-research-fund',
  'village-graduate-settling',
  'talent-apartment-allocation',
];
