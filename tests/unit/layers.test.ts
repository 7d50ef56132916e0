/**
 * The lint's layer rules and its cycle rule, run through ESLint's Node API on small sources at
 * paths of each layer: an edit of eslint.config.js that drops or loosens one fails here, not
 * silently in review.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });
/** The same configuration without the cycle rule, which would follow each import through the real tree. */
const layers = new ESLint({ cwd: root, overrideConfig: { rules: { 'import-x/no-cycle': 'off' } } });

/** The rules an import breaks, linted as if it were the first line of `file`. */
async function broken(file: string, source: string): Promise<string[]> {
  const [result] = await layers.lintText(`${source}\nexport const used = [x];\n`, {
    filePath: path.join(root, file),
  });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the renderer imports only the contract and its own files', () => {
  const screen = 'src-renderer/screens/X.tsx';
  it.each([
    `import { x } from '../../src-main/services/register';`,
    `import type { Store as x } from '../../src-main/services/database';`,
    `import { x } from '../../src-main/handlers';`,
    `import type { PetitionBridge as x } from '../../src-main/app/preload-bridge';`,
    `import { x } from '../../db/schema';`,
  ])('refuses %s', async (source) => {
    expect(await broken(screen, source)).toEqual([
      expect.stringMatching(/The renderer imports only the contract/),
    ]);
  });
  it.each([
    `import { api as x } from '../../src-main/contract';`,
    `import type { CaseRow as x } from '../../src-main/contract/cases';`,
    `import { call as x } from '../lib/api-client';`,
    `import { Button as x } from 'antd';`,
  ])('allows %s', async (source) => {
    expect(await broken(screen, source)).toEqual([]);
  });
});

describe('the contract imports only zod and its own files', () => {
  const area = 'src-main/contract/x.ts';
  it.each([
    `import { x } from '../services/register';`,
    `import type { Store as x } from '../services/database';`,
    `import type { x } from '../../db/schema';`,
    `import { x } from '../app/shell';`,
    `import x from 'node:fs';`,
  ])('refuses %s', async (source) => {
    expect(await broken(area, source)).toEqual([
      expect.stringMatching(/The contract \(src-main\/contract\) imports only zod/),
    ]);
  });
  it.each([`import { z as x } from 'zod';`, `import { id as x } from './fields';`])(
    'allows %s',
    async (source) => {
      expect(await broken(area, source)).toEqual([]);
    },
  );
});

describe('services never import the front doors, the shell, the renderer or tools', () => {
  it.each([
    ['src-main/services/x.ts', `import { dispatch as x } from '../handlers';`],
    ['src-main/services/x.ts', `import { x } from '../web';`],
    ['src-main/services/x.ts', `import { x } from '../cli';`],
    ['src-main/services/x.ts', `import type { x } from '../app/shell';`],
    ['src-main/services/sync/x.ts', `import { x } from '../../app/ipc';`],
    ['src-main/services/x.ts', `import { x } from '../../src-renderer/lib/format';`],
    ['src-main/services/x.ts', `import { x } from '../../tools/seed';`],
  ])('%s refuses %s', async (file, source) => {
    expect(await broken(file, source)).toEqual([expect.stringMatching(/Services never import/)]);
  });
  it.each([
    `import { mutate as x } from './mutation';`,
    `import type { CaseDetail as x } from '../contract';`,
    `import * as x from '../../db/schema';`,
  ])('allows %s', async (source) => {
    expect(await broken('src-main/services/x.ts', source)).toEqual([]);
  });
});

describe('no runtime import cycle in src-main', () => {
  // two real files, since the rule follows imports on disk; a folder of this test's own
  const dir = path.join(root, 'src-main', `.layers-test-${process.pid}`);
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function write(files: Record<string, string>) {
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  }
  const lint = async (name: string) =>
    (await eslint.lintFiles([path.join(dir, name)]))[0].messages.filter(
      (m) => m.ruleId === 'import-x/no-cycle',
    );

  it('reports a module that imports one importing it back', async () => {
    write({
      'a.ts': `import { b } from './b';\nexport const a = () => b;\n`,
      'b.ts': `import { a } from './a';\nexport const b = () => a;\n`,
    });
    expect(await lint('a.ts')).toHaveLength(1);
  });

  it('reports a cycle through a third module', async () => {
    write({
      'a.ts': `import { b } from './b';\nexport const a = () => b;\n`,
      'b.ts': `import { c } from './c';\nexport const b = () => c;\n`,
      'c.ts': `import { a } from './a';\nexport const c = () => a;\n`,
    });
    expect(await lint('a.ts')).toHaveLength(1);
  });

  it('lets a type-only import close the loop', async () => {
    write({
      'a.ts': `import { b } from './b';\nexport interface A { n: number }\nexport const a = () => b;\n`,
      'b.ts': `import type { A } from './a';\nexport const b = (v: A) => v.n;\n`,
    });
    expect(await lint('a.ts')).toEqual([]);
  });
});
