// GET and PUT /api/v1/settings: the store limits and idle window (and any other settings fields).
import type { SettingsResponse } from '../../../shared/api/contract.js';
import { SettingsError, type Settings } from '../settings/index.js';
import type { ApiContext } from './context.js';
import { rejectUnknown } from './query-params.js';
import { HttpError, json, type ApiRoute } from './router.js';

function response(ctx: ApiContext, settings: Settings): SettingsResponse {
  return { settings, file: ctx.settings?.file ?? null };
}

function service(ctx: ApiContext): NonNullable<ApiContext['settings']> {
  if (!ctx.settings) throw new HttpError(404, 'this inspector has no settings');
  return ctx.settings;
}

export const settingsRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/settings',
    handler: ({ query }, ctx) => {
      rejectUnknown(query, []);
      return json(response(ctx, service(ctx).get()));
    },
  },
  {
    method: 'PUT',
    path: '/settings',
    handler: async ({ query, readJson }, ctx) => {
      rejectUnknown(query, []);
      const settings = service(ctx);
      try {
        return json(response(ctx, await settings.update(await readJson())));
      } catch (e) {
        if (e instanceof SettingsError) throw new HttpError(400, `bad settings: ${e.problems.join('; ')}`);
        throw e;
      }
    },
  },
];
