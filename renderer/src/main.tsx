import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { browserTokenEnv, checkAccess, takeToken } from './api/token.js';
import { createApiClient } from './api/client.js';
import { connectStream } from './api/stream.js';
import { TokenScreen } from './components/token-screen.js';
import { createAppStore, installStore } from './state/store.js';
import './styles/app.css';
import './styles/forwarding.css';

const token = takeToken(browserTokenEnv());
const root = createRoot(document.getElementById('root')!);
const showTokenScreen = (access: 'missing' | 'refused') =>
  root.render(<TokenScreen access={access} origin={window.location.origin} />);

function startApp(): void {
  const store = createAppStore({ api: createApiClient(token) });
  installStore(store);
  const stop = connectStream(
    {
      onMessage: (m) => store.getState().handleStreamMessage(m),
      onState: (state, retry) => {
        store.getState().setConnection(state, retry);
        // The inspector may have come back with another token: then say so once instead of retrying.
        if (state === 'disconnected')
          void checkAccess(token).then((access) => {
            if (access === 'ok') return;
            stop();
            showTokenScreen(access);
          });
      },
    },
    { token },
  );
  root.render(<App store={store} />);
}

void checkAccess(token).then((access) => (access === 'ok' ? startApp() : showTokenScreen(access)));
