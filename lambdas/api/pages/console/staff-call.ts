// The fetch the staff console's panels share (recipient link, card): the staff token from
// sessionStorage, JSON both ways, and a refusal thrown as {status, code, message, messageZh}.
import { staffFetch } from './api.js';

/** A refusal as the panels' routes give it. */
export interface CallError {
  status: number;
  code?: string;
  message: string;
  messageZh?: string;
}

export function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  return staffFetch(method, path, body).then((r) =>
    r
      .json()
      .catch(() => ({}))
      .then((data: Partial<CallError> & T) => {
        if (!r.ok)
          throw { status: r.status, code: data.code, message: data.message || '请求失败（' + r.status + '）', messageZh: data.messageZh } satisfies CallError;
        return data;
      }),
  );
}

/**
 * Keeps a panel under the open case in step with it: asks GET /cases/<id>/<what> shortly after
 * the versions table changes (the console has shown a case, or a new version of it) and shows
 * the answer; a case the panel is not for (409, 404) hides it, any other refusal goes to `fail`.
 * Returns the case the panel last asked about, for its own requests.
 */
export function followShownCase<T>(panel: HTMLElement, what: string, show: (view: T) => void, fail: (e: CallError) => void): () => string | null {
  let caseId: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = () => {
    const shown = !document.getElementById('case')!.hidden && document.getElementById('case-id')!.textContent;
    if (!shown) {
      panel.hidden = true;
      return;
    }
    caseId = shown;
    call<T>('GET', '/cases/' + encodeURIComponent(shown) + '/' + what).then(
      (view) => {
        if (caseId === shown) show(view);
      },
      (e: CallError) => {
        panel.hidden = e.status === 409 || e.status === 404;
        if (!panel.hidden) fail(e);
      },
    );
  };
  new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 50);
  }).observe(document.getElementById('versions')!.querySelector('tbody')!, { childList: true });
  return () => caseId;
}
