// GET /spans: spans across traces, filtered and paged (the span table).
import { routePaths, type SpanListResponse } from '../../../shared/api/contract.js';
import { json, type ApiRoute } from './router.js';
import { parseSpanListQuery } from './query-params.js';

export const spanRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: routePaths.spans,
    handler: ({ query }, { store }) =>
      json(store.listSpans(parseSpanListQuery(query)) satisfies SpanListResponse),
  },
];
