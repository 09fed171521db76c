import { describe, expect, it } from 'vitest';
import { RENDER_PIPE_FILTER_CRITERIA, RENDER_PIPE_FILTER_PATTERN, RENDER_PIPE_INPUT_TEMPLATE } from '../../lambdas/pipeline/pipe-filter.js';
import { applyInputTemplate, matchesPattern } from '../../lambdas/pipeline/event-pattern.js';
import { IssueMessage, issueMessage } from '../../lambdas/pipeline/messages.js';

type Image = Record<string, { S: string }>;
const caseImage = (status: string | undefined, extra: Image = {}): Image => ({
  pk: { S: 'CASE#TY-2026-000101' },
  sk: { S: 'CASE' },
  caseId: { S: 'TY-2026-000101' },
  ...(status === undefined ? {} : { status: { S: status } }),
  ...extra,
});

/** A DynamoDB stream record as EventBridge Pipes hands it to the filter. */
function record(
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  images: { old?: Image; new?: Image },
  keys = { pk: { S: 'CASE#TY-2026-000101' }, sk: { S: 'CASE' } },
) {
  return {
    eventID: 'e1',
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      ApproximateCreationDateTime: 1_795_000_000,
      Keys: keys,
      ...(images.new ? { NewImage: images.new } : {}),
      ...(images.old ? { OldImage: images.old } : {}),
      SequenceNumber: '100',
      SizeBytes: 200,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/x',
  };
}

const passes = (event: unknown) => matchesPattern(RENDER_PIPE_FILTER_PATTERN, event);

describe('the render pipe filter', () => {
  it('passes a case inserted as APPROVED', () => {
    expect(passes(record('INSERT', { new: caseImage('APPROVED') }))).toBe(true);
  });

  it('drops the MODIFY that writes the 发文字号 onto an APPROVED case (APPROVED → APPROVED)', () => {
    expect(passes(record('MODIFY', { old: caseImage('APPROVED'), new: caseImage('APPROVED', { documentNumber: { S: '并人才奖〔2026〕1号' } }) }))).toBe(false);
  });

  it('passes a case that becomes APPROVED (DRAFT → APPROVED, FAILED → APPROVED, no status → APPROVED)', () => {
    expect(passes(record('MODIFY', { old: caseImage('DRAFT'), new: caseImage('APPROVED') }))).toBe(true);
    expect(passes(record('MODIFY', { old: caseImage('FAILED'), new: caseImage('APPROVED') }))).toBe(true);
    expect(passes(record('MODIFY', { old: caseImage(undefined), new: caseImage('APPROVED') }))).toBe(true);
  });

  it('drops a REMOVE, a case leaving APPROVED, a case inserted in another status, and items that are not cases', () => {
    expect(passes(record('REMOVE', { old: caseImage('APPROVED') }))).toBe(false);
    expect(passes(record('MODIFY', { old: caseImage('APPROVED'), new: caseImage('ISSUED') }))).toBe(false);
    expect(passes(record('INSERT', { new: caseImage('DRAFT') }))).toBe(false);
    const version = { pk: { S: 'CASE#TY-2026-000101' }, sk: { S: 'DOC#talent-scout-award#0001' } };
    expect(passes(record('INSERT', { new: { ...version, status: { S: 'APPROVED' } } }, version))).toBe(false);
  });

  it('is deployed as the same JSON pattern the local pipe evaluates', () => {
    expect(JSON.parse(RENDER_PIPE_FILTER_CRITERIA.filters[0]!.pattern)).toEqual(RENDER_PIPE_FILTER_PATTERN);
  });

  it('shapes a passing record into an issue message the worker accepts, with the request id the CLI would use', () => {
    const body = applyInputTemplate(RENDER_PIPE_INPUT_TEMPLATE, record('INSERT', { new: caseImage('APPROVED') }));
    const message = IssueMessage.parse(JSON.parse(body));
    expect(message).toEqual(issueMessage('TY-2026-000101'));
  });
});

describe('the event pattern evaluator', () => {
  it('matches any listed value, and an event list when one element matches', () => {
    expect(matchesPattern({ a: ['x', 'y'] }, { a: 'y' })).toBe(true);
    expect(matchesPattern({ a: ['x'] }, { a: ['z', 'x'] })).toBe(true);
    expect(matchesPattern({ a: [1] }, { a: '1' })).toBe(false);
  });

  it('does not let anything-but match a missing field, and lets exists: false match only one', () => {
    expect(matchesPattern({ a: [{ 'anything-but': ['x'] }] }, {})).toBe(false);
    expect(matchesPattern({ a: [{ 'anything-but': ['x'] }] }, { a: 'y' })).toBe(true);
    expect(matchesPattern({ a: { b: [{ exists: false }] } }, {})).toBe(true);
    expect(matchesPattern({ a: { b: [{ exists: false }] } }, { a: { b: 'x' } })).toBe(false);
    expect(matchesPattern({ a: [{ exists: true }] }, { a: 'x' })).toBe(true);
  });

  it('refuses a matcher it does not implement instead of guessing', () => {
    expect(() => matchesPattern({ a: [{ prefix: 'x' }] }, { a: 'xy' })).toThrow(expect.objectContaining({ code: 'EVENT_PATTERN_UNSUPPORTED' }));
  });

  it('writes template values as escaped string content inside quotes and as JSON outside', () => {
    const event = { d: { s: 'say "hi"', n: 7, o: { k: 1 } } };
    expect(JSON.parse(applyInputTemplate('{"a": "<$.d.s>", "b": <$.d.n>, "c": <$.d.o>, "m": "<$.d.missing>"}', event))).toEqual({
      a: 'say "hi"',
      b: 7,
      c: { k: 1 },
      m: '',
    });
  });
});
