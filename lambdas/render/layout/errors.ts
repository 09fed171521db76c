// Why a document cannot be laid out, in words a clerk or template author can act on.
import { NoticeError } from '../../errors.js';

export class LayoutError extends NoticeError {
  readonly code = 'LAYOUT_IMPOSSIBLE';
}
