import { describe, expect, it } from 'vitest';
import {
  CLEAR_TRACES_DIALOG,
  givenFlags,
  planPortConflict,
  shellArgv,
} from '../../../electron/shell/shell-args.js';

describe('shellArgv', () => {
  it.each([
    [['/usr/bin/electron', '/app', '--grpc-port', '0'], true, ['--grpc-port', '0']],
    [['/opt/Inspector/otel-sentry-inspector', '--grpc-port', '0'], false, ['--grpc-port', '0']],
    [['/opt/Inspector/otel-sentry-inspector'], false, []],
    [['/Applications/X.app/Contents/MacOS/X', '-psn_0_12345'], false, []],
    [
      [
        '/usr/bin/electron',
        '/app',
        '--ozone-platform-hint=auto',
        '--enable-features=WaylandWindowDecorations',
        '--json',
      ],
      true,
      ['--json'],
    ],
    [['/usr/bin/electron', '/app', '--', '--http-port=1'], true, ['--http-port=1']],
    // Not a Chromium switch, only a prefix of one: kept for the app's parser to judge.
    [['/x', '--verbose', '--log'], false, ['--verbose', '--log']],
  ])('%j (defaultApp %s)', (argv, defaultApp, expected) => {
    expect(shellArgv(argv, defaultApp)).toEqual(expected);
  });
});

describe('givenFlags', () => {
  it('collects flags in both spellings, not values', () => {
    expect([...givenFlags(['--ui-port', '0', '--grpc-port=5', '--json', '4318'])].sort()).toEqual([
      '--grpc-port',
      '--json',
      '--ui-port',
    ]);
  });
});

describe('planPortConflict', () => {
  const grpc = { port: 4317, label: 'OTLP/gRPC', flag: '--grpc-port' };
  const http = { port: 4318, label: 'OTLP/HTTP', flag: '--http-port' };
  const ui = { port: 4320, label: 'UI', flag: '--ui-port' };

  it('moves the UI to a free port silently unless the user chose that port', () => {
    expect(planPortConflict(ui, new Set())).toEqual({ kind: 'use-free-port', option: 'uiPort' });
    expect(planPortConflict(ui, new Set(['--ui-port']))).toMatchObject({ kind: 'ask', option: 'uiPort' });
  });

  it.each([
    [grpc, 'grpcPort'],
    [http, 'httpPort'],
  ] as const)('asks about a receiver port, naming the port and the flag (%j)', (error, option) => {
    for (const given of [new Set<string>(), new Set([error.flag])]) {
      const plan = planPortConflict(error, given);
      expect(plan).toMatchObject({ kind: 'ask', option, buttons: ['Use a Free Port', 'Quit'] });
      if (plan.kind !== 'ask') throw new Error('unreachable');
      expect(plan.message).toBe(`Port ${error.port} (${error.label}) is already in use.`);
      expect(plan.detail).toContain(`${error.flag} <port>`);
    }
  });

  it('gives up where a free port cannot help', () => {
    expect(planPortConflict({ ...grpc, port: 0 }, new Set())).toEqual({ kind: 'fail' });
    expect(planPortConflict({ port: 9, label: 'x', flag: '--other' }, new Set())).toEqual({ kind: 'fail' });
  });
});

describe('CLEAR_TRACES_DIALOG', () => {
  it('defaults to Cancel, and Escape cancels', () => {
    expect(CLEAR_TRACES_DIALOG.buttons[CLEAR_TRACES_DIALOG.defaultId]).toBe('Cancel');
    expect(CLEAR_TRACES_DIALOG.buttons[CLEAR_TRACES_DIALOG.cancelId]).toBe('Cancel');
    expect(CLEAR_TRACES_DIALOG.detail).toMatch(/pinned ones included/);
  });
});
