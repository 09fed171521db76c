// The card holder's photo: a card case may name one (details.photoKey, photos/… in the documents
// bucket). The worker reads it before the card takes a number, and refuses what a card printer
// could not use — so a missing or unusable photo marks the case FAILED with a reason a clerk can
// act on, and uses up no number. The bytes go into the PDF as they are: the same photo gives the
// same card.
import { NoticeError } from '../errors.js';
import type { Case } from '../catalogue/index.js';
import { placeholderPhoto } from '../render/card/placeholder-photo.js';
import { PhotoMissingError } from '../render/render-document.js';
import type { DocumentsBucket } from '../stores/documents-bucket.js';

/** 2 MiB: far more than a 19 × 24 mm photo needs at 600 dpi. */
const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
/** At least about 150 dpi in the 19 × 24 mm box; at most what a camera gives, so nothing huge is decoded. */
const MIN_PHOTO_PX = { width: 110, height: 140 };
const MAX_PHOTO_PX = 6000;

/** A photo the card cannot carry: not JPEG or PNG, too large, too small. */
export class PhotoInvalidError extends NoticeError {
  readonly code = 'PHOTO_INVALID';
}

type PhotoFormat = 'jpeg' | 'png';

export interface PhotoInfo {
  format: PhotoFormat;
  width: number;
  height: number;
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** JPEG start-of-frame markers (baseline, extended, progressive, lossless …), not DHT/JPG/DAC. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpegSize(b: Buffer): { width: number; height: number } | undefined {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    const length = b.readUInt16BE(i + 2);
    if (isStartOfFrame(marker)) return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    i += 2 + length;
  }
  return undefined;
}

/** What the bytes are, read from their header; undefined when they are neither JPEG nor PNG. */
export function photoInfo(bytes: Buffer): PhotoInfo | undefined {
  if (bytes.length > 24 && bytes.subarray(0, 8).equals(PNG_MAGIC) && bytes.toString('latin1', 12, 16) === 'IHDR') {
    return { format: 'png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    const size = jpegSize(bytes);
    return size ? { format: 'jpeg', ...size } : undefined;
  }
  return undefined;
}

function tooLarge(key: string, size: number): PhotoInvalidError {
  return new PhotoInvalidError(`绿卡照片 ${key} 有 ${(size / 1048576).toFixed(1)} MB，超过 2 MB 上限：请压缩后重新上传，再重新签发`);
}

/** The photo's facts, or a PhotoInvalidError saying in Chinese what to do. `key` names it. */
export function checkPhoto(bytes: Buffer, key: string): PhotoInfo {
  if (bytes.length > MAX_PHOTO_BYTES) throw tooLarge(key, bytes.length);
  return checkImage(bytes, key);
}

/** checkPhoto's checks of the image itself, on bytes already within the size limit. */
function checkImage(bytes: Buffer, key: string): PhotoInfo {
  const info = photoInfo(bytes);
  if (!info) throw new PhotoInvalidError(`绿卡照片 ${key} 不是 JPEG 或 PNG 图片（文件已损坏或格式不对）：请上传 JPEG 或 PNG 照片，再重新签发`);
  const { width, height } = info;
  if (width > MAX_PHOTO_PX || height > MAX_PHOTO_PX) {
    throw new PhotoInvalidError(`绿卡照片 ${key} 为 ${width}×${height} 像素，超过 ${MAX_PHOTO_PX} 像素上限：请缩小后重新上传，再重新签发`);
  }
  if (width < MIN_PHOTO_PX.width || height < MIN_PHOTO_PX.height) {
    throw new PhotoInvalidError(
      `绿卡照片 ${key} 只有 ${width}×${height} 像素，印在卡上会模糊（至少 ${MIN_PHOTO_PX.width}×${MIN_PHOTO_PX.height}）：请上传更清晰的照片，再重新签发`,
    );
  }
  return info;
}

/** The photo a case names, read and checked; undefined when it names none. */
export async function casePhoto(bucket: DocumentsBucket, validCase: Case): Promise<Buffer | undefined> {
  const key = validCase.docType === 'talent-green-card' ? validCase.details.photoKey : undefined;
  if (key === undefined) return undefined;
  // The bucket read stops at the size limit, so the bytes it gives are within it.
  const bytes = await bucket.getPhoto(key, MAX_PHOTO_BYTES);
  if (bytes === undefined) {
    throw new PhotoMissingError(
      `案件 ${validCase.caseId} 的绿卡照片 ${key} 不在文书存储中：请上传该照片（notice photo put ${validCase.caseId} 照片文件），或删除 details.photoKey 后重新签发`,
    );
  }
  if (!Buffer.isBuffer(bytes)) throw tooLarge(key, bytes.tooLarge);
  checkImage(bytes, key);
  return bytes;
}

/** Where the local stack keeps the generated placeholder photo its example card shows. */
export const PLACEHOLDER_PHOTO_KEY = 'photos/placeholder-silhouette.png';

/**
 * The example card with the generated placeholder photo (render/card/placeholder-photo.ts) stored
 * and named, so the local stack's card shows a photo; any other case as it is.
 */
export async function withPlaceholderPhoto<T extends { docType: string; details?: unknown }>(bucket: DocumentsBucket, example: T): Promise<T> {
  if (example.docType !== 'talent-green-card') return example;
  await bucket.putPhoto(PLACEHOLDER_PHOTO_KEY, placeholderPhoto(), 'image/png');
  return { ...example, details: { ...(example.details as object), photoKey: PLACEHOLDER_PHOTO_KEY } };
}
