// Every /api/v1 route. A feature adds its routes with one line here, from its own file.
import type { ApiRoute } from './router.js';
import { spanRoutes } from './span-routes.js';
import { statusRoutes } from './status-routes.js';
import { streamRoutes } from './stream-routes.js';
import { demoRoutes } from './demo-routes.js';
import { traceRoutes } from './trace-routes.js';
import { sentryRoutes } from './sentry-routes.js';
import { settingsRoutes } from './settings-routes.js';
import { sentryOutcomeRoutes } from './sentry-outcomes.js';
import { forwardingRoutes } from './forwarding-routes.js';

export const apiRoutes: ApiRoute[] = [
  ...traceRoutes,
  ...spanRoutes,
  ...statusRoutes,
  ...streamRoutes,
  ...demoRoutes,
  ...sentryRoutes,
  ...sentryOutcomeRoutes,
  ...settingsRoutes,
  ...forwardingRoutes,
];
