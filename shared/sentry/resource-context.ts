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

export function resourceContext(resource: Resource): ResourceContext {
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
