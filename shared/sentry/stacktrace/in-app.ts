// The in_app guess: false for code the developer did not write (standard library, frameworks, vendored and
// installed packages), true otherwise. Sentry uses it to pick the frame that names an issue and to fold
// library frames away, so a wrong "false" hides user code: the lists are kept to well-known locations.

const PATH_NOT_APP: RegExp[] = [
  /[\\/](?:site|dist)-packages[\\/]/, // pip-installed Python packages
  /[\\/]lib[\\/]python\d/, // the Python standard library (/usr/lib/python3.11, …/lib/python3.12/asyncio)
  /^<frozen /, // Python's frozen standard-library modules
  /[\\/]node_modules[\\/]/,
  /^node:/, // Node built-ins: node:internal/…, node:events
  /^internal[\\/]/, // the same in Node < 16 (internal/process/task_queues.js)
  // GOROOT (/usr/local/go/src/net/http/…), but not a GOPATH checkout (~/go/src/github.com/acme/app/…)
  /[\\/]go[\\/]src[\\/](?![\w-]+\.[\w.-]+[\\/])/,
  /[\\/]sdk[\\/]go[\d.]+[\\/]src[\\/]/,
  /[\\/]libexec[\\/]src[\\/]/, // Homebrew's GOROOT
  /[\\/]go[\\/]pkg[\\/]mod[\\/]/, // the Go module cache
  /[\\/]vendor[\\/]/, // vendored Go/Ruby/PHP dependencies
  /[\\/]gems[\\/]/, // installed Ruby gems (…/gems/3.2.0/gems/rack-3.0.8/…, /usr/local/bundle/gems/…)
  /[\\/]ruby[\\/](?:lib[\\/]|\d+\.\d+\.\d+[\\/])/, // the Ruby standard library (/usr/lib/ruby/3.2.0/…)
  /[\\/]lib[\\/]ruby[\\/]/,
  /^<internal:/, // Ruby 3's built-in prelude (<internal:kernel>)
];

/** Java/Kotlin/Scala class prefixes of the JDK and common frameworks. */
const JVM_NOT_APP =
  /^(?:java|javax|jakarta|sun|com\.sun|jdk|kotlin|kotlinx|scala|org\.springframework|org\.apache|org\.hibernate|io\.netty|reactor|io\.micrometer|io\.opentelemetry|org\.junit|org\.eclipse\.jetty|com\.fasterxml|okhttp3|io\.grpc)\./;

/** .NET namespaces of the runtime and Microsoft's frameworks. */
const DOTNET_NOT_APP = /^(?:System|Microsoft|Newtonsoft|Grpc\.Core|Npgsql)\b/;

export function pathInApp(path: string | undefined): boolean {
  if (!path) return true;
  return !PATH_NOT_APP.some((re) => re.test(path));
}

export function jvmInApp(module: string | undefined): boolean {
  return !(module && JVM_NOT_APP.test(module));
}

export function dotnetInApp(module: string | undefined, path: string | undefined): boolean {
  return !(module && DOTNET_NOT_APP.test(module)) && pathInApp(path);
}

/** Go standard-library packages have no dot in their first path element (`net/http`, `runtime`). */
export function goInApp(module: string | undefined, path: string | undefined): boolean {
  if (path && !pathInApp(path)) return false;
  if (!module) return true;
  if (module === 'main') return true;
  if (path) return true; // a path outside GOROOT and the module cache is the developer's own code
  const first = module.split('/')[0]!;
  return first.includes('.');
}
