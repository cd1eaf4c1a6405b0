// Spans, stats, receivers, the live stream and the demo trace.
import type { DemoResponse, ReceiversResponse, SpanListResponse } from '../../../shared/api/contract.js';
import { envFor } from '../receiver-env.js';
import { json, type ApiRoute } from './router.js';
import { parseSpanListQuery, rejectUnknown } from './query-params.js';

export const miscRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/spans',
    handler: ({ query }, { store }) =>
      json(store.listSpans(parseSpanListQuery(query)) satisfies SpanListResponse),
  },
  {
    method: 'GET',
    path: '/stats',
    handler: ({ query }, ctx) => {
      rejectUnknown(query, []);
      return json(ctx.stats());
    },
  },
  {
    method: 'GET',
    path: '/receivers',
    handler: ({ query }, ctx) => {
      rejectUnknown(query, []);
      const receivers = ctx.receivers();
      return json({ receivers, env: envFor(receivers) } satisfies ReceiversResponse);
    },
  },
  {
    method: 'GET',
    path: '/stream',
    handler: ({ query, res }, ctx) => {
      rejectUnknown(query, []);
      ctx.stream.attach(res);
      return 'streamed';
    },
  },
  {
    method: 'POST',
    path: '/demo',
    handler: async ({ query }, ctx) => {
      rejectUnknown(query, []);
      return json({ traceId: await ctx.sendDemo() } satisfies DemoResponse);
    },
  },
];
