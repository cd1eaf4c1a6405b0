import { useApp } from '../state/store.js';
import { formatCount } from '../model/format.js';

export function Banners() {
  const evicting = useApp((s) => s.stats?.evicting ?? false);
  const limits = useApp((s) => s.stats?.limits);
  const evicted = useApp((s) => s.stats?.counters.evicted ?? 0);
  const connection = useApp((s) => s.connection);
  const retry = useApp((s) => s.retryInMs);
  const apiError = useApp((s) => s.apiError);
  const setApiError = useApp((s) => s.setApiError);
  return (
    <div className="banners">
      {connection === 'disconnected' && (
        <div className="banner banner-error" role="alert" aria-label="Disconnected">
          Disconnected from the inspector's live stream. Reconnecting
          {retry !== null ? ` in ${Math.ceil(retry / 1000)} s` : ''}… The list stays as it was.
        </div>
      )}
      {evicting && limits && (
        <div className="banner banner-warn" role="alert" aria-label="Evicting">
          The store is full: the oldest unpinned traces are being dropped ({formatCount(evicted)} spans so
          far, limit {formatCount(limits.maxSpans)} spans). Pin the traces you want to keep.
        </div>
      )}
      {apiError && (
        <div className="banner banner-error" role="alert">
          {apiError}
          <button
            type="button"
            className="btn btn-small btn-link"
            aria-label="Dismiss error"
            onClick={() => setApiError(null)}
          >
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
