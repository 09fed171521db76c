// pdf.js for the staff console (GET /staff/pdfjs/<file>): the browser draws a preview's first
// page itself, because an <iframe> of a PDF shows nothing in Android's browsers and in headless
// chromium, and a Lambda has no rasteriser. Served from our own origin (no CDN: the console must
// work where one is blocked), from the installed pdfjs-dist, or from NOTICE_PDFJS_DIR where a
// bundle has no node_modules. Its legacy build runs on older phone browsers too.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ApiError } from '../http.js';
import type { ApiResponse } from '../http.js';

/** The two files the console loads: the library and its worker. */
export const PDF_VIEWER_FILES = ['pdf.min.mjs', 'pdf.worker.min.mjs'] as const;

/** Where they are in the project's install (the CDK copies them into the API function's asset). */
export const PDF_VIEWER_SOURCE_DIR = 'node_modules/pdfjs-dist/legacy/build';

/** Where the console imports them from. */
export const PDF_VIEWER_PATH = '/staff/pdfjs';

const loaded = new Map<string, Buffer>();

function viewerDir(): string {
  return process.env.NOTICE_PDFJS_DIR ?? join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'legacy', 'build');
}

export function pdfViewerFile(file: string): ApiResponse {
  if (!(PDF_VIEWER_FILES as readonly string[]).includes(file)) {
    throw new ApiError(404, 'ROUTE_NOT_FOUND', `no file ${file.slice(0, 60)} here; the console loads ${PDF_VIEWER_FILES.join(' and ')}`);
  }
  let body = loaded.get(file);
  if (!body) {
    body = readFileSync(join(viewerDir(), file));
    loaded.set(file, body);
  }
  return {
    status: 200,
    headers: {
      'content-type': 'text/javascript; charset=utf-8',
      // The same install serves the same bytes: a day in the browser's cache spares a megabyte per console load.
      'cache-control': 'public, max-age=86400',
      'x-content-type-options': 'nosniff',
      'cross-origin-resource-policy': 'same-origin',
    },
    body,
  };
}
