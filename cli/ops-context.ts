// What the `notice` operations share: their arguments, the terminal they write to, the stores
// they work with, and the checks of an argument that make a usage error (exit 2).
import type { BulkDeps } from '../lambdas/api/bulk-regeneration.js';
import { NoticeError } from '../lambdas/errors.js';
import type { PipelineClients } from '../lambdas/pipeline/pipeline-clients.js';
import type { OpsConfig } from '../lambdas/pipeline/config.js';
import type { RenderMessage } from '../lambdas/pipeline/messages.js';
import type { AuditLog } from '../lambdas/stores/audit-log.js';
import type { CasesTable } from '../lambdas/stores/cases-table.js';
import type { RenderQueue } from '../lambdas/stores/render-queue.js';
import type { DocumentVersionsTable } from '../lambdas/stores/versions-table.js';

/** The operations' usage lines and names: here, not in ops.ts, so `notice render` can list them without loading the AWS SDK. */
export const OPS_USAGE = `  notice issue <caseId>
  notice regenerate <caseId> --reason "…" [--by <who>] [--request-id <id>]
  notice regenerate <caseId> --preview [--out <file.pdf>]      (what would change and the would-be PDF; queues nothing)
  notice regenerate --doc-type <type> [--from <YYYY-MM-DD>] [--to <YYYY-MM-DD>]      (dry run: what would be replaced)
  notice regenerate --doc-type <type> … --reason "…" --confirm <count> [--by <who>] [--no-wait]
  notice jobs
  notice job <bulkId> [--cancel | --resume | --failures <file.csv>] [--by <who>]
  notice versions <caseId>
  notice history <caseId>
  notice redrive
  notice revoke <caseId> --reason "…" [--by <who>]                                 (a 绿卡: once; again says when and why)
  notice photo put <caseId> <photo.jpg|png>                                       (a 绿卡 holder's photo, into the bucket)
  (table and queues from NOTICE_TABLE_NAME, NOTICE_RENDER_QUEUE_URL, NOTICE_DEAD_LETTER_QUEUE_URL, AWS_REGION;
   locally: set -a; . out/local-stack.env; set +a)`;

export const OPS_COMMANDS = ['issue', 'regenerate', 'jobs', 'job', 'versions', 'history', 'redrive', 'revoke', 'photo'] as const;
export type OpsCommand = (typeof OPS_COMMANDS)[number];

/** Wrong or missing arguments to any `notice` command: exit 2 with the reason. */
export class UsageError extends NoticeError {
  readonly code = 'USAGE';
}

export interface OpsArgs {
  /** The positional after the command: a case id. */
  target?: string | undefined;
  reason?: string | undefined;
  by?: string | undefined;
  docType?: string | undefined;
  requestId?: string | undefined;
  /** 成文日期 range of a bulk regeneration. */
  from?: string | undefined;
  to?: string | undefined;
  /** The count the dry run showed: starts the bulk regeneration. */
  confirm?: string | undefined;
  noWait?: boolean | undefined;
  cancel?: boolean | undefined;
  resume?: boolean | undefined;
  /** Where `notice job` writes the failure report. */
  failures?: string | undefined;
  /** `regenerate <caseId> --preview`: show the would-be version instead of queueing it. */
  preview?: boolean | undefined;
  /** Where the preview's PDF goes. */
  out?: string | undefined;
  /** `notice photo put <caseId> <file>`: the verb and the file. */
  verb?: string | undefined;
  file?: string | undefined;
}

export interface OpsIo {
  out: (line: string) => void;
  /** Progress goes to stderr, so stdout stays clean for scripts. */
  progress: (text: string) => void;
  env: Record<string, string | undefined>;
  /** How long `--confirm` waits between progress reads. */
  pollMs?: number;
}

/** What every command works with: the configuration, the clients, the stores and the terminal. */
export interface Ops {
  config: OpsConfig;
  clients: PipelineClients;
  cases: CasesTable;
  versions: DocumentVersionsTable;
  audit: AuditLog;
  queue: RenderQueue<RenderMessage>;
  bulk: BulkDeps;
  io: OpsIo;
}

/** The argument, trimmed; an UsageError with `message` when it is missing or blank. */
export function required(value: string | undefined, message: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(message);
  return value.trim();
}

/** Who asks: --by, else $USER. */
export function requester(ops: Ops, args: OpsArgs): string {
  return required(args.by ?? ops.io.env.USER, 'needs --by <who> (or $USER): say who asks for it');
}
