// The console's calls to the staff routes: the token from sessionStorage as a Bearer token, JSON
// both ways, a refusal thrown as a Problem. A 401 signs out here and shows the sign-in card.
import { $ } from './dom.js';
import type { Problem } from './problems.js';

export const TOKEN = 'notice.staff.token';

export function token(): string | null {
  return sessionStorage.getItem(TOKEN);
}

export function signOutLocally(): void {
  sessionStorage.removeItem(TOKEN);
}

/** A staff route's request: the token as a Bearer token, the body (if any) as JSON. */
export function staffFetch(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', Authorization: 'Bearer ' + token() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

export function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  return staffFetch(method, path, body).then((r) =>
    r.text().then((text) => {
      let data: (T & Problem) | Problem | null = null;
      try {
        data = text ? JSON.parse(text) : null;
      } catch {
        data = { code: 'HTTP_' + r.status, message: text.slice(0, 200) };
      }
      if (!r.ok) {
        if (r.status === 401) {
          signOutLocally();
          $('signin').hidden = false;
          $('app').hidden = true;
        }
        throw data && data.code ? data : ({ code: 'HTTP_' + r.status, status: r.status } satisfies Problem);
      }
      return data as T;
    }),
  );
}
