// The staff console's browser script (entry point): bundled by esbuild into one ES2017 script the
// page inlines under its CSP nonce (../console-script.ts). The console itself, then the panels
// under an open case, each of which watches the versions table on its own.
import './staff.js';
import './recipient-link.js';
import './card.js';
