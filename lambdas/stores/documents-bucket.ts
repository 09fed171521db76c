// Issued PDFs in S3. A key is written once: PutObject carries `If-None-Match: *`, so S3 refuses
// to replace an existing object. When it refuses, the object's sha256 metadata decides: the same
// bytes mean an earlier delivery of this request already stored them (success); other bytes
// mean two different documents claim one key, which must never pass silently.
import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, NoSuchKey, PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { DocumentConflictError, StoreInputError } from './errors.js';

export interface PutDocumentOptions {
  /** Hex sha256 of the bytes; stored as metadata and checked against the bytes. */
  sha256: string;
  /** The name a browser saves the file under, e.g. 关于张三的奖励通知.pdf. */
  filename: string;
}

export interface PutDocumentResult {
  /** False when the same bytes were already stored under the key (a redelivery). */
  created: boolean;
}

export interface StoredDocument {
  bytes: Uint8Array;
  sha256: string | undefined;
  contentType: string | undefined;
  contentDisposition: string | undefined;
}

/** Presigned links live at most 7 days (SigV4's limit). */
const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

// RFC 5987 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~".
// encodeURIComponent leaves ' ( ) * unescaped, which attr-char does not allow.
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `attachment` with the real (often Chinese) name in `filename*` (RFC 6266 / RFC 5987), and a
 * plain ASCII `filename` for clients that do not read `filename*`.
 */
export function contentDisposition(filename: string): string {
  if (filename.trim() === '' || /[\u0000-\u001f\u007f/\\]/.test(filename)) {
    throw new StoreInputError(`download file name “${filename}”: must be non-empty, without control characters or slashes`);
  }
  const ascii = /^[\x20-\x7e]+$/.test(filename) && !/["%]/.test(filename) ? filename : 'notice.pdf';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(filename)}`;
}

export class DocumentsBucket {
  constructor(
    private readonly s3: S3Client,
    readonly bucketName: string,
  ) {}

  async putDocument(key: string, bytes: Uint8Array, options: PutDocumentOptions): Promise<PutDocumentResult> {
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== options.sha256) {
      throw new StoreInputError(`document ${key}: sha256 given as ${options.sha256}, but the bytes hash to ${actual}`);
    }
    return this.putOnce(key, bytes, actual, { ContentType: 'application/pdf', ContentDisposition: contentDisposition(options.filename) });
  }

  /**
   * Stores the bytes once under the key (If-None-Match): the same bytes again are a success,
   * other bytes under the key are a DocumentConflictError.
   */
  private async putOnce(
    key: string,
    bytes: Uint8Array,
    sha256: string,
    headers: { ContentType: string; ContentDisposition?: string },
  ): Promise<PutDocumentResult> {
    try {
      await this.s3.send(new PutObjectCommand({ Bucket: this.bucketName, Key: key, Body: bytes, IfNoneMatch: '*', ...headers, Metadata: { sha256 } }));
      return { created: true };
    } catch (error) {
      if (!isPreconditionFailed(error)) throw error;
    }
    const existing = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucketName, Key: key }));
    const existingSha = existing.Metadata?.sha256;
    if (existingSha === sha256) return { created: false };
    throw new DocumentConflictError(key, this.bucketName, existingSha, sha256);
  }

  /** The stored document, or undefined when there is no object under the key. */
  async getDocument(key: string): Promise<StoredDocument | undefined> {
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucketName, Key: key }));
      if (!object.Body) return undefined;
      return {
        bytes: await object.Body.transformToByteArray(),
        sha256: object.Metadata?.sha256,
        contentType: object.ContentType,
        contentDisposition: object.ContentDisposition,
      };
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }

  /**
   * A card holder's photo (photos/…): its bytes; only its size in bytes (`tooLarge`) when the
   * object is bigger than `maxBytes` (not read); undefined when there is none.
   */
  async getPhoto(key: string, maxBytes: number): Promise<Buffer | { tooLarge: number } | undefined> {
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucketName, Key: key }));
      if (!object.Body) return undefined;
      if ((object.ContentLength ?? 0) > maxBytes) {
        (object.Body as { destroy?: () => void }).destroy?.(); // close the stream instead of downloading what is not read
        return { tooLarge: object.ContentLength ?? 0 };
      }
      const bytes = Buffer.from(await object.Body.transformToByteArray());
      return bytes.length > maxBytes ? { tooLarge: bytes.length } : bytes;
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }

  /**
   * Stores a photo once under its key (If-None-Match, as documents): the same bytes again are a
   * success, other bytes under the key are refused, so a card already issued keeps its photo.
   */
  async putPhoto(key: string, bytes: Uint8Array, contentType: 'image/jpeg' | 'image/png'): Promise<PutDocumentResult> {
    return this.putOnce(key, bytes, createHash('sha256').update(bytes).digest('hex'), { ContentType: contentType });
  }

  /** A time-limited GET link for a recipient; the stored Content-Disposition names the file. */
  async presignDownload(key: string, seconds: number): Promise<string> {
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_PRESIGN_SECONDS) {
      throw new StoreInputError(`download link lifetime ${seconds} s: must be a whole number from 1 to ${MAX_PRESIGN_SECONDS}`);
    }
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.bucketName, Key: key }), { expiresIn: seconds });
  }
}

function isPreconditionFailed(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return error.name === 'PreconditionFailed' || status === 412;
}
