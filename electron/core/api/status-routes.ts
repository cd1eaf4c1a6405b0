// What the status bar and the empty state show: GET /stats (counters) and GET /receivers (where to send
// OTLP, with the environment variables for it).
import { routePaths, type ReceiversResponse } from '../../../shared/api/contract.js';
import { envFor } from '../receiver-env.js';
import { json, type ApiRoute } from './router.js';
import { rejectUnknown } from './query-params.js';

export const statusRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: routePaths.stats,
    handler: ({ query }, ctx) => {
      rejectUnknown(query, []);
      return json(ctx.stats());
    },
  },
  {
    method: 'GET',
    path: routePaths.receivers,
    handler: ({ query }, ctx) => {
      rejectUnknown(query, []);
      const receivers = ctx.receivers();
      return json({ receivers, env: envFor(receivers) } satisfies ReceiversResponse);
    },
  },
];
