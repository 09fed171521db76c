#!/usr/bin/env node
// `npx notice …`: runs the TypeScript CLI through tsx's loader (no build step to forget).
import { register } from 'tsx/esm/api';

register();
await import('../lambdas/cli/notice.ts');
