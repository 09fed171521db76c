// What the server puts into the console page (a JSON <script id="console-config">) for the
// browser code: one type both sides check.

export interface ConsoleConfig {
  oidc: {
    clientId: string;
    scopes: string;
    authorizationEndpoint: string;
    tokenEndpoint: string;
    endSessionEndpoint: string | null;
  } | null;
  redirectUri: string;
  docTypes: { id: string; name: string }[];
  eventLabels: Record<string, string>;
  /** Where pdf.js is served from, on the console's own origin. */
  pdfViewer: string;
  actors: Record<string, string>;
}
