// notice — the command line for people: render a case, preview a document type, print an example.
// Exit codes: 0 done, 1 unexpected failure, 2 bad input (a one-line reason on stderr, nothing written),
// 3 `verify` found no intact signature.
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DOC_TYPES, exampleCase, isDocTypeId } from '../lambdas/catalogue/index.js';
import { NoticeError } from '../lambdas/errors.js';
import { formatDocumentNumber } from '../lambdas/catalogue/document-number.js';
import { renderer } from '../lambdas/render/render-document.js';
import { verifyFile } from '../lambdas/render/sign/verify-file.js';
import { OPS_COMMANDS, OPS_USAGE, type OpsCommand, UsageError } from './ops-context.js';

/** The operations commands (ops.ts) load the AWS SDK: imported only when one runs, so `render` starts without it. */
const ops = () => import('./ops.js');

const USAGE = `usage:
  notice render <case.json> --out <file.pdf> [--number <发文字号>] [--verify-url <url>] [--photo <file>] [--sheet <file.pdf>]
  notice preview <docType> --out <file.pdf> [--sheet <file.pdf>]
     (--sheet: for a card, also an A4 sheet with front and back to cut out; --photo: the holder's photo)
  notice preview --list
  notice example <docType>
  notice verify <file.pdf> [--trust <ca.pem>]
  notice kms-certificate <kmsKeyId> --out <file.pem> [--subject <机关名称>]
     (with --subject: a certificate request for the agency's CA; without: a self-signed demo certificate)
${OPS_USAGE}`;

/** A placeholder 发文字号 for previews and hand renders: the pipeline allocates real ones. */
function previewNumber(prefix: string, digits: number, isoDate: string): string {
  return formatDocumentNumber(prefix, Number(isoDate.slice(0, 4)), 1, digits);
}

interface RenderOptions {
  number?: string | undefined;
  verifyUrl?: string | undefined;
  photo?: string | undefined;
  sheet?: string | undefined;
}

async function renderTo(caseData: unknown, out: string, { number, verifyUrl, photo, sheet }: RenderOptions): Promise<void> {
  const r = renderer();
  // The number depends on the case's type and date; parse once here for the placeholder.
  const probe = caseData as { docType?: unknown; approvedOn?: unknown };
  const type = typeof probe?.docType === 'string' && isDocTypeId(probe.docType) ? DOC_TYPES[probe.docType] : undefined;
  const documentNumber =
    number ?? previewNumber(type?.numberPrefix ?? '并人才', type?.numberDigits ?? 0, typeof probe?.approvedOn === 'string' ? probe.approvedOn : '2026');
  let photoBytes: Buffer | undefined;
  if (photo) {
    try {
      photoBytes = await readFile(photo);
    } catch (e) {
      throw new UsageError(`--photo ${photo}: cannot be read (${(e as Error).message})`);
    }
  }
  const doc = await r.render({ case: caseData, documentNumber, verifyUrl, photo: photoBytes });
  if (sheet && doc.case.docType !== 'talent-green-card') throw new UsageError('--sheet is for a card (talent-green-card)');
  writeFileSync(out, doc.pdf);
  process.stdout.write(`${out}: ${doc.pages} page(s), ${doc.pdf.length} bytes, sha256 ${doc.sha256.slice(0, 16)}…\n`);
  if (sheet) {
    const pdf = await r.cardSheet(doc);
    writeFileSync(sheet, pdf);
    process.stdout.write(`${sheet}: A4 sheet to cut out, ${pdf.length} bytes\n`);
  }
}

const OPTIONS = {
  out: { type: 'string', short: 'o' },
  list: { type: 'boolean' },
  number: { type: 'string' },
  'verify-url': { type: 'string' },
  photo: { type: 'string' },
  sheet: { type: 'string' },
  reason: { type: 'string' },
  by: { type: 'string' },
  'doc-type': { type: 'string' },
  'request-id': { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  confirm: { type: 'string' },
  'no-wait': { type: 'boolean' },
  preview: { type: 'boolean' },
  cancel: { type: 'boolean' },
  resume: { type: 'boolean' },
  failures: { type: 'string' },
  trust: { type: 'string' },
  subject: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** A command: its positionals after the command's name, and the options. */
type Command = (positionals: readonly string[], values: Values) => Promise<void>;

const renderOptions = (values: Values): RenderOptions => ({ number: values.number, verifyUrl: values['verify-url'], photo: values.photo, sheet: values.sheet });

async function render([file]: readonly string[], values: Values): Promise<void> {
  if (!file || !values.out) throw new UsageError('render needs <case.json> and --out <file.pdf>');
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`${file}: cannot be read as JSON (${(e as Error).message})`);
  }
  await renderTo(data, values.out, renderOptions(values));
}

async function preview([docType]: readonly string[], values: Values): Promise<void> {
  if (values.list) {
    for (const t of Object.values(DOC_TYPES)) process.stdout.write(`${t.id}\t${t.nameZh}\n`);
    return;
  }
  if (!docType || !isDocTypeId(docType)) throw new UsageError(`preview needs a document type; \`notice preview --list\` shows them`);
  if (!values.out) throw new UsageError('preview needs --out <file.pdf>');
  await renderTo(exampleCase(docType), values.out, renderOptions(values));
}

async function example([docType]: readonly string[]): Promise<void> {
  if (!docType || !isDocTypeId(docType)) throw new UsageError(`example needs a document type; \`notice preview --list\` shows them`);
  process.stdout.write(`${JSON.stringify(exampleCase(docType), null, 2)}\n`);
}

async function verify([file]: readonly string[], values: Values): Promise<void> {
  if (!file) throw new UsageError('verify needs <file.pdf>');
  const report = await verifyFile(file, values.trust).catch((e: Error) => {
    throw new UsageError(e.message);
  });
  process.stdout.write(`${report.lines.join('\n')}\n`);
  if (!report.intact) process.exitCode = 3;
}

async function kmsCertificate([keyId]: readonly string[], values: Values): Promise<void> {
  if (!keyId || !values.out) throw new UsageError('kms-certificate needs <kmsKeyId> and --out <file.pem>');
  const { kmsCertificatePem } = await import('../lambdas/render/sign/kms-signer.js');
  const subject = values.subject ? { commonName: values.subject, organization: values.subject } : undefined;
  writeFileSync(values.out, await kmsCertificatePem(keyId, subject));
  process.stdout.write(`${values.out}: ${subject ? 'certificate request for the CA' : 'self-signed demo certificate'}\n`);
}

/** An operation on the pipeline's table and queues (cli/ops.ts). */
const operation =
  (command: OpsCommand): Command =>
  async ([target, ...rest], values) =>
    (await ops()).runOpsCommand(command, {
      // `notice photo put <caseId> <file>`: the verb comes first.
      ...(command === 'photo' ? { verb: target, target: rest[0], file: rest[1] } : { target }),
      reason: values.reason,
      by: values.by,
      docType: values['doc-type'],
      requestId: values['request-id'],
      from: values.from,
      to: values.to,
      confirm: values.confirm,
      noWait: values['no-wait'],
      cancel: values.cancel,
      resume: values.resume,
      failures: values.failures,
      preview: values.preview,
      out: values.out,
    });

const COMMANDS: Record<string, Command> = {
  render,
  preview,
  example,
  verify,
  'kms-certificate': kmsCertificate,
  ...Object.fromEntries(OPS_COMMANDS.map((c) => [c, operation(c)])),
};

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) throw new UsageError(`unknown command “${command}”\n${USAGE}`);
  await run(rest, values);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof NoticeError && e.permanent) {
    process.stderr.write(`notice: ${e.code}: ${e.message.split('\n')[0]}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`notice: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  }
});
