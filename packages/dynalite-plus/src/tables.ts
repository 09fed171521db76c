// CreateTable, UpdateTable and DeleteTable with StreamSpecification, which dynalite ignores.
// The stream's fields (StreamSpecification, LatestStreamArn, LatestStreamLabel) are kept in
// dynalite's own table record, so DescribeTable and CreateTable answer with them unchanged.
import type { Context } from './context.js';
import type { Request, StreamSpecification, StreamViewType, TableDescription } from './dynalite.js';
import { getTable, run, subDbPrefix, validate } from './dynalite.js';
import { validationError } from './errors.js';

const VIEW_TYPES: readonly StreamViewType[] = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'];

function streamSpecification(value: unknown): StreamSpecification | undefined {
  if (value === undefined || value === null) return undefined;
  const spec = value as Partial<StreamSpecification>;
  if (typeof spec.StreamEnabled !== 'boolean') {
    throw validationError(
      "1 validation error detected: Value null at 'streamSpecification.streamEnabled' failed to satisfy constraint: Member must not be null",
    );
  }
  if (spec.StreamEnabled) {
    if (!spec.StreamViewType || !VIEW_TYPES.includes(spec.StreamViewType)) {
      throw validationError(
        'One or more parameter values were invalid: You must specify a StreamViewType when enabling a stream (KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES)',
      );
    }
    return { StreamEnabled: true, StreamViewType: spec.StreamViewType };
  }
  return { StreamEnabled: false };
}

export function createTable(ctx: Context, body: Request): Promise<Record<string, unknown>> {
  const spec = streamSpecification(body.StreamSpecification);
  const data = validate(ctx.store, 'CreateTable', body);
  return ctx.writeLock.run(async () => {
    const stream = spec?.StreamEnabled ? ctx.log.newStream(data as unknown as TableDescription, spec.StreamViewType!) : undefined;
    if (stream) Object.assign(data, { StreamSpecification: spec, LatestStreamArn: stream.StreamArn, LatestStreamLabel: stream.StreamLabel });
    const result = await run(ctx.store, 'CreateTable', data);
    // A crash before this batch leaves a table naming a stream that does not exist yet; its
    // writes then have no records, as if the stream had been enabled later. Rare and local only.
    if (stream) await ctx.store.db.batch([ctx.log.streamOp(stream)]);
    ctx.log.forgetTable(String(data.TableName));
    return result;
  });
}

export function updateTable(ctx: Context, body: Request): Promise<Record<string, unknown>> {
  const spec = streamSpecification(body.StreamSpecification);
  const { StreamSpecification: _ignored, ...rest } = body;
  const otherChanges = Object.keys(rest).some((k) => k !== 'TableName');
  const data = otherChanges || !spec ? validate(ctx.store, 'UpdateTable', rest) : undefined;
  return ctx.writeLock.run(async () => {
    let table: TableDescription | undefined;
    if (spec) table = await changeStream(ctx, String(body.TableName), spec);
    if (data) return run(ctx.store, 'UpdateTable', data);
    return { TableDescription: table };
  });
}

/** Enables or disables a table's stream; the table record and the stream's change land in one batch. */
async function changeStream(ctx: Context, tableName: string, spec: StreamSpecification): Promise<TableDescription> {
  const table = await getTable(ctx.store, tableName);
  const current = table.StreamSpecification?.StreamEnabled && table.LatestStreamArn ? await ctx.log.stream(table.LatestStreamArn) : undefined;
  let streamOp;
  if (spec.StreamEnabled) {
    if (current) throw validationError(`Table already has an enabled stream: TableName: ${tableName}`);
    const stream = ctx.log.newStream(table, spec.StreamViewType!);
    Object.assign(table, { StreamSpecification: spec, LatestStreamArn: stream.StreamArn, LatestStreamLabel: stream.StreamLabel });
    streamOp = ctx.log.streamOp(stream);
  } else {
    if (!current) throw validationError(`Table has no enabled stream to disable: TableName: ${tableName}`);
    delete table.StreamSpecification;
    streamOp = ctx.log.streamOp(ctx.log.closed(current));
  }
  await ctx.store.db.batch([streamOp, { type: 'put', key: subDbPrefix('table') + tableName, value: table }]);
  ctx.log.forgetTable(tableName);
  return table;
}

export function deleteTable(ctx: Context, body: Request): Promise<Record<string, unknown>> {
  const data = validate(ctx.store, 'DeleteTable', body);
  return ctx.writeLock.run(async () => {
    const result = await run(ctx.store, 'DeleteTable', data);
    const description = result.TableDescription as TableDescription | undefined;
    // The stream stays readable, closed, as DynamoDB keeps it for 24 hours after the table goes.
    const arn = description?.StreamSpecification?.StreamEnabled ? description.LatestStreamArn : undefined;
    const stream = arn === undefined ? undefined : await ctx.log.stream(arn);
    if (stream) await ctx.store.db.batch([ctx.log.streamOp(ctx.log.closed(stream))]);
    ctx.log.forgetTable(String(data.TableName));
    return result;
  });
}
