// Shown instead of the app when the page has no token or the API refuses it (an old link, or the inspector
// now runs with another --token): one screen saying where the link is, and no retrying in the background.
import { useState } from 'react';
import type { Access } from '../api/token.js';

const TOKEN_FILES: [string, string][] = [
  ['Linux', '~/.config/otel-sentry-inspector/token'],
  ['macOS', '~/Library/Application Support/otel-sentry-inspector/token'],
  ['Windows', '%APPDATA%\\otel-sentry-inspector\\token'],
];

export function TokenScreen({ access, origin }: { access: Exclude<Access, 'ok'>; origin: string }) {
  const [token, setToken] = useState('');
  return (
    <main className="token-screen" aria-labelledby="token-title">
      <h1 id="token-title">Open the inspector from its link</h1>
      <p>
        {access === 'missing'
          ? 'This page was opened without the token that protects your traces.'
          : 'The inspector does not accept the token this page has: the link is from another run that used a different token.'}{' '}
        The link with the token is printed by the inspector when it starts:
      </p>
      <ul>
        <li>
          <b>npm start</b> or <b>otel-sentry-inspector serve</b>: the terminal shows{' '}
          <code>UI {origin}/?token=…</code>. Open that link (the token stays the same across restarts).
        </li>
        <li>
          <b>The desktop app</b> opens its own window with it.
        </li>
        <li>
          The token is also kept in the data folder (unless the inspector was started with{' '}
          <code className="flag">--token</code>), in the file <code>token</code>:
          <ul>
            {TOKEN_FILES.map(([os, path]) => (
              <li key={os}>
                {os}: <code>{path}</code>
              </li>
            ))}
          </ul>
        </li>
      </ul>
      <form
        className="token-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (token.trim()) window.location.assign(`/?token=${encodeURIComponent(token.trim())}`);
        }}
      >
        <label htmlFor="token-input">Token</label>
        <input
          id="token-input"
          className="input"
          autoComplete="off"
          spellCheck={false}
          placeholder="paste the token"
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        <button type="submit" className="btn btn-primary" disabled={!token.trim()}>
          Open
        </button>
      </form>
    </main>
  );
}
