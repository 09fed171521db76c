// The sha256 of every example document (each document type's example case, with and without a
// verification QR code, and a card's cut-out sheet), one line each: run before and after a change
// meant to keep every byte, and diff the two lists.
//   NOTICE_DEMO=true npx tsx bench/outputs.ts > before.txt; (change); NOTICE_DEMO=true npx tsx bench/outputs.ts | diff before.txt -
// The demo signer makes a new key per process, so unless a signing key is configured the
// documents are signed with demo key files kept under the OS temp directory (the same each run).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderEnv } from './processes.js';
import { formatDocumentNumber } from '../lambdas/catalogue/document-number.js';
import { DOC_TYPES, EXAMPLE_CASES } from '../lambdas/catalogue/index.js';
import { renderer } from '../lambdas/render/render-document.js';
import { createHash } from 'node:crypto';

Object.assign(process.env, renderEnv(join(tmpdir(), 'notice-bench-outputs')));
const r = renderer();
for (const c of Object.values(EXAMPLE_CASES)) {
  const type = DOC_TYPES[c.docType];
  const documentNumber = formatDocumentNumber(type.numberPrefix, Number(c.approvedOn.slice(0, 4)), 1, type.numberDigits);
  for (const verifyUrl of [undefined, 'https://notice.example.gov.cn/v/DOC123']) {
    const doc = await r.render({ case: c, documentNumber, ...(verifyUrl ? { verifyUrl } : {}) });
    const sheet =
      'front' in doc.model
        ? ` sheet ${createHash('sha256')
            .update(await r.cardSheet(doc))
            .digest('hex')}`
        : '';
    process.stdout.write(`${c.docType}${verifyUrl ? ' +qr' : ''} ${doc.sha256} ${doc.pdf.length}${sheet}\n`);
  }
}
