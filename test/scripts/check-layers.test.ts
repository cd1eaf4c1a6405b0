import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { checkLayers, importsOf } from '../../scripts/check-layers.mjs';
import { useFileTrees } from './file-tree.js';

const tree = useFileTrees('layers-');

describe('layering check', () => {
  it('finds static, side-effect, dynamic and require imports but not commented ones', () => {
    const src = `import a from 'a';\nimport 'b';\nexport { x } from "c";\nconst d = await import('d');\nconst e = require('e');\n// import f from 'f';\n/* import g from 'g' */`;
    expect(importsOf(src)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('accepts a clean tree', () => {
    const root = tree({
      'shared/a.ts': `import { b } from './b.js';\nimport { dsnToString } from '@sentry/core';`,
      'shared/b.ts': `export const b = 1;`,
      'renderer/src/x.tsx': `import React from 'react';\nimport { b } from '../../shared/b.js';`,
      'electron/core/y.ts': `import http from 'node:http';\nimport { b } from '../../shared/b.js';`,
      'electron/shell/main.ts': `import { app } from 'electron';\nimport '../core/y.js';`,
    });
    expect(checkLayers(root)).toEqual([]);
  });

  it.each([
    ['shared/a.ts', `import fs from 'node:fs';`, 'no Node built-ins'],
    ['shared/a.ts', `import zlib from 'zlib';`, 'no Node built-ins'],
    ['shared/a.ts', `import { app } from 'electron';`, 'no Electron'],
    ['shared/a.ts', `import React from 'react';`, 'only pure packages'],
    ['shared/a.ts', `import pb from 'protobufjs/minimal';`, 'only pure packages'],
    ['shared/a.ts', `import { s } from '../electron/core/store.js';`, 'only shared/'],
    ['renderer/a.ts', `import { s } from '../electron/core/store.js';`, 'never imports electron/'],
    ['renderer/a.ts', `const fs = await import('node:fs');`, 'no Node built-ins'],
    ['renderer/a.ts', `import { ipcRenderer } from 'electron';`, 'only through the local API'],
    ['electron/core/a.ts', `import { app } from 'electron';`, 'only electron/shell/'],
    [
      'electron/core/a.ts',
      `import { App } from '../../renderer/app.js';`,
      'never imports the shell or the UI',
    ],
  ])('refuses %s importing %s', (path, src, why) => {
    const problems: string[] = checkLayers(tree({ [path]: src }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(path);
    expect(problems[0]).toContain(why);
  });
});
