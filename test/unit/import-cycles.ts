import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * Finds import cycles among TypeScript files by reading their import lines (type-only ones too: a
 * type-only cycle still ties the modules together). Relative specifiers only; packages cannot cycle
 * back into us. Run by test/unit/import-cycles.test.ts, or by hand:
 *   npx tsx test/unit/import-cycles.ts electron shared renderer
 */
const SPECIFIERS = [
  /\b(?:import|export)\s[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/g, // import x from '…', export { x } from '…'
  /\bimport\s*['"]([^'"]+)['"]/g, // import '…' (side effects)
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, // import('…')
];
const CANDIDATES = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  // Block comments at the start of a line (JSDoc and the like) and line comments go first.
  const text = readFileSync(file, 'utf8')
    .replace(/^\s*\/\*[\s\S]*?\*\//gm, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const found = new Set<string>();
  for (const pattern of SPECIFIERS) {
    for (const match of text.matchAll(pattern)) {
      const specifier = match[1];
      if (!specifier?.startsWith('.')) continue;
      const base = resolve(dirname(file), specifier);
      const target = CANDIDATES.map((ext) => base + ext).find((p) => existsSync(p) && statSync(p).isFile());
      if (target && /\.tsx?$/.test(target)) found.add(target);
    }
  }
  return [...found];
}

/** The cycle told from its alphabetically first file, back to that file: the same cycle reads the same. */
function fromFirst(files: string[]): string[] {
  const first = files.indexOf([...files].sort()[0] as string);
  const turned = [...files.slice(first), ...files.slice(0, first)];
  return [...turned, turned[0] as string];
}

/** Every cycle reachable from the files under `roots`, each as the list of files around it. */
export function findImportCycles(roots: readonly string[], base = process.cwd()): string[][] {
  const graph = new Map<string, string[]>();
  const pending = roots
    .map((root) => resolve(base, root))
    .filter((root) => existsSync(root))
    .flatMap((root) => sourceFiles(root));
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (graph.has(file)) continue;
    const targets = importsOf(file);
    graph.set(file, targets);
    pending.push(...targets.filter((t) => !graph.has(t)));
  }

  const cycles: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'visiting');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'visiting') {
        cycles.push(fromFirst(stack.slice(stack.indexOf(next)).map((f) => relative(base, f))));
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const cycles = findImportCycles(process.argv.slice(2));
  for (const cycle of cycles) console.error(`import cycle: ${cycle.join(' → ')}`);
  process.exit(cycles.length > 0 ? 1 : 0);
}
