/**
 * The house's size rule (CONTRIBUTING.md): a source file over 400 lines says why in its header
 * comment, in words that contain "400 lines"; any other long file is one to split. Tests are
 * left out: a suite may be long.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LIMIT = 400;
const FOLDERS = ['src-main', 'src-renderer', 'tools', 'db', 'build', 'tests/bench', 'tests/helpers'];
const SKIP = new Set(['node_modules', 'migrations']);

function sources(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return SKIP.has(e.name) ? [] : sources(p);
    return /\.(ts|tsx|mjs|js)$/.test(e.name) ? [p] : [];
  });
}

/** The comment lines at the top of a file, before its first line of code. */
function header(text: string): string {
  const lines = text.split('\n');
  const end = lines.findIndex((l) => l.trim() && !/^\s*(\/\*\*?|\*|\/\/)/.test(l));
  return lines.slice(0, end === -1 ? lines.length : end).join('\n');
}

it('finds the source files it checks', () => {
  const all = FOLDERS.flatMap((f) => sources(path.join(root, f)));
  expect(all.length).toBeGreaterThan(100);
  expect(all.some((f) => f.endsWith(path.join('services', 'mutation.ts')))).toBe(true);
});

it('has no source file over 400 lines that does not say why at its top', () => {
  const unexplained = FOLDERS.flatMap((f) => sources(path.join(root, f)))
    .filter((file) => {
      const text = fs.readFileSync(file, 'utf8');
      return text.split('\n').length > LIMIT && !/400 lines/.test(header(text));
    })
    .map((file) => path.relative(root, file));
  expect(unexplained).toEqual([]);
});

it('reads a reason only in the header comment', () => {
  expect(header('/**\n * Over 400 lines because …\n */\nimport x from "y";\n// 400 lines')).toContain(
    '400 lines',
  );
  expect(header('import x from "y";\n// over 400 lines because')).not.toContain('400 lines');
});
