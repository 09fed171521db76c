// fauxqs: SQS and S3 in this Node process (fauxqs 1.9.x runs on Node 20; 2.x needs Node ≥ 22.5).
// We build its Fastify app ourselves instead of calling startFauxqs() so that we can add the S3
// behaviours it lacks (fauxqs-s3-gaps.ts) before it listens. It keeps everything in memory:
// queues, messages and objects are gone when it stops. S3 clients must use path-style URLs
// (`forcePathStyle: true`): virtual-hosted names like `bucket.127.0.0.1` or `*.localhost` do not
// resolve here.
import { buildApp } from 'fauxqs';
import { addS3Gaps } from './fauxqs-s3-gaps.js';

export interface FauxqsServer {
  /** One endpoint for SQS and S3, e.g. http://127.0.0.1:40123. */
  endpoint: string;
  stop(): Promise<void>;
}

export async function startFauxqsServer(options: { log?: (line: string) => void } = {}): Promise<FauxqsServer> {
  const app = buildApp({ logger: false });
  addS3Gaps(app);
  // Loopback only: nothing outside this machine needs the emulator.
  const endpoint = await app.listen({ port: 0, host: '127.0.0.1' });
  options.log?.(`fauxqs (SQS, S3) answers on ${endpoint}`);
  return {
    endpoint,
    stop: async () => {
      await app.close();
    },
  };
}
