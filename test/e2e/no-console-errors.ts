// Vitest setup file for the browser tests: a test fails when any page logged a console error or threw an
// uncaught error while it ran (support.ts records them; allowConsoleErrors() exempts expected ones).
import { afterEach } from 'vitest';
import { consoleErrorReport, takeConsoleErrors } from './support.js';

afterEach(() => {
  const errors = takeConsoleErrors();
  if (errors.length > 0) throw new Error(consoleErrorReport(errors));
});
