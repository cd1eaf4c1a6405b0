// The fake Sentry in its own process for `npm run bench:forward`, so that the server's work (gunzip,
// envelope parsing) does not share the measured process's event loop — as with a real Sentry.
// Prints one JSON line with its URLs, answers `{type:'count'}` IPC messages with what it accepted.
import { startFakeSentry } from '../test/helpers/fake-sentry.js';

const sentry = await startFakeSentry({ validate: false, record: false });
process.on('message', (m: { type?: string }) => {
  if (m?.type === 'count') process.send?.({ type: 'count', ...sentry.accepted });
  if (m?.type === 'close') void sentry.close().then(() => process.exit(0));
});
process.send?.({
  type: 'ready',
  envelopeUrl: sentry.envelopeUrl(),
  auth: sentry.authHeader(),
  dsn: sentry.dsn(),
});
