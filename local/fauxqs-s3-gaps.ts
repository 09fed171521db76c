// The S3 behaviour the documents bucket relies on that fauxqs lacks (2.4 still has no conditional
// PutObject), added as hooks on its Fastify app so the store runs the same code path locally as
// on AWS: PutObject with `If-None-Match: *` is refused with 412 PreconditionFailed when the key
// exists (S3's conditional write). We chose to enforce it here rather than only at the table's
// conditional write: "a document is never overwritten" is a property of the bucket, and the
// store's redelivery logic (same bytes → success, other bytes → fail) reacts to S3's answer.
// fauxqs' own store stays the truth: existence is asked of fauxqs itself (an in-process HEAD),
// and a per-key lock makes check-and-put atomic against concurrent puts of one key.
// (fauxqs 1.9 also dropped Content-Disposition, which 2.x keeps: that hook is gone.)
import type { buildApp } from 'fauxqs';

type FauxqsApp = ReturnType<typeof buildApp>;
/** The part of Fastify's request these hooks read (fastify itself is fauxqs' dependency, not ours). */
interface Request {
  method: string;
  url: string;
  params: unknown;
  query: unknown;
  headers: Record<string, string | string[] | undefined>;
}

interface ObjectRoute {
  bucket: string;
  key: string;
  /** The request path as sent, still percent-encoded, for the in-process HEAD. */
  path: string;
}

function objectRoute(request: Request): ObjectRoute | undefined {
  const params = request.params as { bucket?: unknown; '*'?: unknown } | undefined;
  const bucket = params?.bucket;
  const key = params?.['*'];
  if (typeof bucket !== 'string' || typeof key !== 'string' || key === '') return undefined;
  return { bucket, key, path: request.url.split('?')[0] ?? request.url };
}

function isPutObject(request: Request): boolean {
  const query = (request.query ?? {}) as Record<string, unknown>;
  return request.method === 'PUT' && !('uploadId' in query) && !('partNumber' in query);
}

const PRECONDITION_FAILED_XML =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PreconditionFailed</Code>' +
  '<Message>At least one of the pre-conditions you specified did not hold</Message>' +
  '<Condition>If-None-Match</Condition></Error>';

export function addS3Gaps(app: FauxqsApp): void {
  const keyLocks = new Map<string, Promise<void>>();
  const releases = new WeakMap<Request, () => void>();

  /** Waits for earlier puts of the same key to finish; returns this request's release. */
  async function lockKey(id: string): Promise<() => void> {
    const previous = keyLocks.get(id) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const chained = previous.then(() => mine);
    keyLocks.set(id, chained);
    await previous;
    return () => {
      release();
      if (keyLocks.get(id) === chained) keyLocks.delete(id);
    };
  }

  app.addHook('preHandler', async (request: Request, reply) => {
    const route = objectRoute(request);
    if (!route || !isPutObject(request) || request.headers['if-none-match'] !== '*') return;
    const release = await lockKey(`${route.bucket}/${route.key}`);
    releases.set(request, release);
    const head = await app.inject({ method: 'HEAD', url: route.path });
    if (head.statusCode === 200) {
      return reply.code(412).header('content-type', 'application/xml').send(PRECONDITION_FAILED_XML);
    }
    return undefined;
  });

  // The object is in the store once the response goes out (and a request that failed or was
  // aborted must not hold its key forever): later puts of this key may check.
  const release = async (request: Request) => {
    releases.get(request)?.();
    releases.delete(request);
  };
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', release);
}
