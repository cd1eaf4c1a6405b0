import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { browserTokenEnv, takeToken } from './api/token.js';
import { createApiClient } from './api/client.js';
import { connectStream } from './api/stream.js';
import { createAppStore, installStore } from './state/store.js';
import './styles/app.css';

const token = takeToken(browserTokenEnv());
const store = createAppStore({ api: createApiClient(token) });
installStore(store);
connectStream(
  {
    onMessage: (m) => store.getState().handleStreamMessage(m),
    onState: (state, retry) => store.getState().setConnection(state, retry),
  },
  { token },
);

createRoot(document.getElementById('root')!).render(<App store={store} />);
