// GET and PUT /api/v1/settings: the store limits and idle window (and any other settings fields).
import { routePaths } from '../../../shared/api/contract.js';
import type { SettingsResponse } from '../../../shared/api/contract.js';
import { SettingsError, SettingsFileError, type Settings } from '../settings/index.js';
import type { ApiContext } from './context.js';
import { rejectUnknown } from './query-params.js';
import { HttpError, json, type ApiRoute } from './router.js';

/** Fields with their own routes: left out here (forwarding holds DSNs; GET /api/v1/forwarding masks them). */
const OWN_ROUTES: Record<string, string> = { forwarding: '/api/v1/forwarding' };

function response(ctx: ApiContext, settings: Settings): SettingsResponse {
  const shown: Record<string, unknown> = { ...settings };
  for (const k of Object.keys(OWN_ROUTES)) delete shown[k];
  return { settings: shown as Settings, file: ctx.settings?.file ?? null };
}

function service(ctx: ApiContext): NonNullable<ApiContext['settings']> {
  if (!ctx.settings) throw new HttpError(404, 'this inspector has no settings');
  return ctx.settings;
}

/**
 * A failed change as an HTTP error. The file being the problem is a 409 (it went bad while we ran: it is
 * left as it is for the user to fix) or a 500 (it cannot be written); either way nothing was changed.
 */
function settingsHttpError(e: unknown): unknown {
  if (e instanceof SettingsFileError) {
    const what = e.problems.join('; ');
    return e.reason === 'invalid'
      ? new HttpError(
          409,
          `the settings file ${e.file} is not valid any more (${what}); it was left as it is and nothing was changed: fix or remove it, then retry`,
        )
      : new HttpError(500, `cannot save the settings file ${e.file} (${what}); nothing was changed`);
  }
  if (e instanceof SettingsError) return new HttpError(400, `bad settings: ${e.problems.join('; ')}`);
  return e;
}

export const settingsRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: routePaths.settings,
    handler: ({ query }, ctx) => {
      rejectUnknown(query, []);
      return json(response(ctx, service(ctx).get()));
    },
  },
  {
    method: 'PUT',
    path: routePaths.settings,
    handler: async ({ query, readJson }, ctx) => {
      rejectUnknown(query, []);
      const settings = service(ctx);
      const patch = await readJson();
      if (typeof patch === 'object' && patch !== null)
        for (const [k, route] of Object.entries(OWN_ROUTES))
          if (k in patch) throw new HttpError(400, `bad settings: ${k} is changed through ${route}`);
      try {
        return json(response(ctx, await settings.update(patch)));
      } catch (e) {
        throw settingsHttpError(e);
      }
    },
  },
];
