// Starts the local stack (dynalite-plus + fauxqs) once per test run and hands its endpoints to
// the test files through vitest's provide/inject. Each test file makes its own table, queues and
// bucket with a random suffix (test/local/fixture.ts), so files never see each other's data.
import type { TestProject } from 'vitest/node';
import type { LocalEndpoints } from '../local/emulator-clients.js';
import { startLocalStack } from '../local/stack.js';

declare module 'vitest' {
  export interface ProvidedContext {
    localStack: LocalEndpoints;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stack = await startLocalStack({ log: (line) => console.log(`[local stack] ${line}`) });
  project.provide('localStack', stack.endpoints);
  return () => stack.stop();
}
