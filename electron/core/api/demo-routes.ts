// POST /demo: the "send a demo trace" button (the trace goes through the real receiver; demo-trace.ts).
import { routePaths, type DemoResponse } from '../../../shared/api/contract.js';
import { json, type ApiRoute } from './router.js';
import { rejectUnknown } from './query-params.js';

export const demoRoutes: ApiRoute[] = [
  {
    method: 'POST',
    path: routePaths.demo,
    handler: async ({ query }, ctx) => {
      rejectUnknown(query, []);
      return json({ traceId: await ctx.sendDemo() } satisfies DemoResponse);
    },
  },
];
