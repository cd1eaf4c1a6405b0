// What the improved profile reads from the resource: release, environment, server_name, platform.
import { stringAttribute } from '../model/attributes.js';
import type { Resource } from '../model/span.js';

/** telemetry.sdk.language → Sentry platform (Relay's own mapping, sentry-protocol.md §5.3, plus the rest). */
const PLATFORMS: Record<string, string> = {
  nodejs: 'node',
  node: 'node',
  webjs: 'javascript',
  javascript: 'javascript',
  dotnet: 'csharp',
  python: 'python',
  java: 'java',
  go: 'go',
  ruby: 'ruby',
  php: 'php',
  cpp: 'native',
  rust: 'rust',
  erlang: 'elixir',
  elixir: 'elixir',
  swift: 'cocoa',
};

export function platformFromLanguage(language: string | undefined): string | undefined {
  if (!language) return undefined;
  return PLATFORMS[language.toLowerCase()] ?? 'other';
}

export interface ResourceContext {
  release?: { value: string; key: string };
  environment?: { value: string; key: string };
  serverName?: { value: string; key: string };
  platform?: { value: string; key: string };
}

function pick(resource: Resource, ...keys: string[]) {
  for (const key of keys) {
    const value = stringAttribute(resource.attributes, key);
    if (value) return { value, key };
  }
  return undefined;
}

/**
 * Per resource object: a Resource is shared by every span of its ResourceSpans and never changed after
 * decoding (span.ts), and every transaction and error event reads this, so an 8-span trace would otherwise
 * scan the resource attributes five times per event. Shared by its callers, so frozen: read only.
 */
const CONTEXTS = new WeakMap<Resource, Readonly<ResourceContext>>();

export function resourceContext(resource: Resource): Readonly<ResourceContext> {
  let out = CONTEXTS.get(resource);
  if (!out) {
    out = Object.freeze(readResourceContext(resource));
    CONTEXTS.set(resource, out);
  }
  return out;
}

function readResourceContext(resource: Resource): ResourceContext {
  const out: ResourceContext = {};
  const release = pick(resource, 'service.version');
  if (release) out.release = release;
  const environment = pick(resource, 'deployment.environment.name', 'deployment.environment');
  if (environment) out.environment = environment;
  const serverName = pick(resource, 'host.name');
  if (serverName) out.serverName = serverName;
  const lang = pick(resource, 'telemetry.sdk.language');
  if (lang) out.platform = { value: platformFromLanguage(lang.value)!, key: lang.key };
  return out;
}
