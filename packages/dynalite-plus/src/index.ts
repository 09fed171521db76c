export { startDynalitePlus } from './server.js';
export type { DynalitePlus, DynalitePlusOptions } from './server.js';
