// Forwarding: targets, sampling rules, selective send and the sampling simulator (docs/api.md
// "Forwarding"). Every answer masks DSN keys and header values; the service refuses bad input naming the
// field, and those refusals become 400s (404 for an unknown target).
import { routePaths } from '../../../shared/api/contract.js';
import type {
  ForwardingResponse,
  ForwardResponse,
  ForwardTargetResponse,
  OkResponse,
  SamplingRulesResponse,
  SamplingSimulateResponse,
  TargetTestResponse,
} from '../../../shared/api/contract.js';
import { ForwardingError, type ForwardingService } from '../forwarding/forwarding-service.js';
import type { ApiContext } from './context.js';
import { rejectUnknown } from './query-params.js';
import { HttpError, json, type ApiRoute } from './router.js';

function service(ctx: ApiContext): ForwardingService {
  if (!ctx.forwarding) throw new HttpError(404, 'this inspector has no forwarding');
  return ctx.forwarding;
}

async function run<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof ForwardingError) throw new HttpError(e.status, e.message);
    throw e;
  }
}

function simulateQuery(query: URLSearchParams): { rules: unknown; limit: number } {
  rejectUnknown(query, ['rules', 'limit']);
  const raw = query.getAll('rules');
  const limits = query.getAll('limit');
  if (raw.length > 1 || limits.length > 1)
    throw new HttpError(400, `bad parameter '${raw.length > 1 ? 'rules' : 'limit'}': given more than once`);
  let rules: unknown;
  if (raw[0] !== undefined && raw[0] !== '')
    try {
      rules = JSON.parse(raw[0]);
    } catch {
      throw new HttpError(
        400,
        "bad parameter 'rules': expected a JSON object of sampling rules (URL-encoded)",
      );
    }
  let limit = 100;
  if (limits[0] !== undefined && limits[0] !== '') {
    limit = Number(limits[0]);
    if (!/^\d+$/.test(limits[0]) || limit > 10_000)
      throw new HttpError(
        400,
        `bad parameter 'limit': expected an integer from 0 to 10000, got '${limits[0]}'`,
      );
  }
  return { rules, limit };
}

export const forwardingRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: routePaths.forwarding,
    handler: ({ query }, ctx) => {
      rejectUnknown(query, []);
      return json(service(ctx).response() satisfies ForwardingResponse);
    },
  },
  {
    method: 'PUT',
    path: routePaths.forwardingTarget,
    handler: async ({ query, params, readJson }, ctx) => {
      rejectUnknown(query, []);
      const body = await readJson();
      const view = await run(() => service(ctx).putTarget(params.targetId!, body));
      return json(view satisfies ForwardTargetResponse);
    },
  },
  {
    method: 'DELETE',
    path: routePaths.forwardingTarget,
    handler: async ({ query, params }, ctx) => {
      rejectUnknown(query, []);
      await run(() => service(ctx).deleteTarget(params.targetId!));
      return json({ ok: true } satisfies OkResponse);
    },
  },
  {
    method: 'POST',
    path: routePaths.forwardingTargetTest,
    handler: async ({ query, params }, ctx) => {
      rejectUnknown(query, []);
      return json((await run(() => service(ctx).testTarget(params.targetId!))) satisfies TargetTestResponse);
    },
  },
  {
    method: 'PUT',
    path: routePaths.forwardingSampling,
    handler: async ({ query, readJson }, ctx) => {
      rejectUnknown(query, []);
      const body = await readJson();
      return json((await run(() => service(ctx).putSampling(body))) satisfies SamplingRulesResponse);
    },
  },
  {
    method: 'POST',
    path: routePaths.forward,
    handler: async ({ query, readJson }, ctx) => {
      rejectUnknown(query, []);
      const body = await readJson();
      return json((await run(() => service(ctx).forward(body))) satisfies ForwardResponse);
    },
  },
  {
    method: 'GET',
    path: routePaths.samplingSimulate,
    handler: async ({ query }, ctx) => {
      const { rules, limit } = simulateQuery(query);
      return json((await run(() => service(ctx).simulate(rules, limit))) satisfies SamplingSimulateResponse);
    },
  },
];
