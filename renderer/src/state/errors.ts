import { ApiError } from '../api/client.js';

/** An error → the sentence the UI shows; 401 gets the fix, not just the code. */
export function describeError(e: unknown): string {
  if (e instanceof ApiError && e.status === 401)
    return 'The API refused the token. Open the UI from the link the inspector prints (it carries ?token=).';
  if (e instanceof Error) return e.message;
  return String(e);
}

export function isAbort(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}
