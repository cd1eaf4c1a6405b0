// GET /stream: the live stream (server-sent events, batched deltas; see stream-hub.ts).
import { routePaths } from '../../../shared/api/contract.js';
import type { ApiRoute } from './router.js';
import { rejectUnknown } from './query-params.js';

export const streamRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: routePaths.stream,
    handler: ({ query, res }, ctx) => {
      rejectUnknown(query, []);
      ctx.stream.attach(res);
      return 'streamed';
    },
  },
];
