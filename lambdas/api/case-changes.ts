// What changed in a case between the version a recipient holds and now: both validated cases
// flattened to one value per field, compared, and named as a clerk names the fields. ID numbers
// are shown masked; a changed one says so without showing either number whole.
import { DOC_TYPES, docTypeName, isDocTypeId, maskIdNumber } from '../catalogue/index.js';
import { fieldLabel } from '../catalogue/field-labels.js';

export interface FieldChange {
  /** Where in the case, e.g. `recipient.name`, `details.posts[1].count`. */
  path: string;
  /** The clerk's name for it, e.g. 受文者姓名（名称）. */
  label: string;
  /** As shown in the current version; null: the field was not there. */
  before: string | null;
  /** As the new version would show it; null: the field is gone. */
  after: string | null;
}

/** Every leaf of a case as path → value. */
function flatten(value: unknown, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) value.forEach((item, i) => flatten(item, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) flatten(item, path ? `${path}.${key}` : key, out);
  } else if (value !== undefined) out.set(path, value);
  return out;
}

function shown(path: string, value: unknown): string | null {
  if (value === undefined) return null;
  if (path.endsWith('idNumber') && typeof value === 'string') return maskIdNumber(value);
  if (path === 'docType' && typeof value === 'string') return docTypeName(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
}

/** The fields whose value differs, in the order of the new case (then fields it dropped). */
export function caseChanges(before: unknown, after: unknown): FieldChange[] {
  const old = flatten(before);
  const now = flatten(after);
  const docType = (after as { docType?: unknown } | null)?.docType;
  const family = typeof docType === 'string' && isDocTypeId(docType) ? DOC_TYPES[docType].family : undefined;
  const changes: FieldChange[] = [];
  for (const path of new Set([...now.keys(), ...old.keys()])) {
    const a = old.get(path);
    const b = now.get(path);
    if (a === b) continue;
    const was = shown(path, a);
    let is = shown(path, b);
    // Two different ID numbers can mask alike: say that it changed rather than show the same twice.
    if (was !== null && was === is) is = `${is}（已更改）`;
    changes.push({ path, label: fieldLabel(path, family), before: was, after: is });
  }
  return changes;
}
