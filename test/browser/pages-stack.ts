// What a browser test runs against, as `npm start` runs it: the render worker behind the local
// SQS trigger, the API behind its local HTTP adapter, and a headless chromium with one page.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { createWorkerLogger } from '../../lambdas/handlers/logger.js';
import { createRenderBatchHandler } from '../../lambdas/handlers/render-batch.js';
import { startLocalApi } from '../../local/http.js';
import type { LocalApi } from '../../local/http.js';
import { startSqsTrigger } from '../../local/sqs-trigger.js';
import type { ApiFixture } from '../api/fixture.js';
import { launchChromium } from './chromium.js';

export const SHOTS = 'out/screenshots';

export interface PagesStack {
  api: LocalApi;
  page: Page;
  stop(): Promise<void>;
}

export async function startPagesStack(fx: ApiFixture): Promise<PagesStack> {
  mkdirSync(SHOTS, { recursive: true });
  const trigger = startSqsTrigger({
    sqs: fx.clients.sqs,
    queueUrl: fx.resources.renderQueueUrl,
    queueArn: fx.resources.renderQueueArn,
    waitTimeSeconds: 1,
    handler: createRenderBatchHandler(fx.deps, { logger: createWorkerLogger({ logLevel: 'ERROR' }) }),
  });
  const api = await startLocalApi({ env: fx.env, port: 0 });
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  return {
    api,
    page,
    async stop() {
      await browser.close();
      await api.stop();
      await trigger.stop();
    },
  };
}

/** The staff console at desktop size, signed in with the local API's development token. */
/** A pages stack with its page signed in to the staff console, for a file of console tests. */
export async function openSignedInConsole(fx: ApiFixture): Promise<PagesStack> {
  const stack = await startPagesStack(fx);
  await signInToConsole(stack);
  return stack;
}

export async function signInToConsole(stack: PagesStack): Promise<void> {
  await stack.page.setViewportSize({ width: 1280, height: 900 });
  await stack.page.goto(`${stack.api.url}/staff`);
  await stack.page.fill('#dev-token', stack.api.devToken);
  await stack.page.click('#signin-dev');
  await stack.page.locator('#who:has-text("developer@local.test")').waitFor();
}
