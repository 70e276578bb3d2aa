// Browser mode's build: the renderer (vite) and the core's host bundled to plain JavaScript
// (esbuild), built once per content of their sources and never rewritten in place.
//
// out/web/<hash>/ mirrors the repository's layout (dist/renderer/, electron/core/server/cli.mjs), so
// the host finds the renderer exactly as it does from source. It is built in a private temporary
// folder and renamed into place in one step: two counters starting at once may both build, but
// neither ever sees (or serves) a half-written folder; the second rename loses and uses the first.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Everything the renderer and the host are built from. */
const SOURCES = [
  'renderer',
  'shared',
  'electron/core',
  'backoffice',
  'fakes',
  'vite.config.ts',
  'package-lock.json',
  'scripts/web-build.mjs',
];
/** KASSA_WEB_OUT: another folder for the builds (tests build into a temporary one). */
const OUT = process.env.KASSA_WEB_OUT ? resolve(process.env.KASSA_WEB_OUT) : join(ROOT, 'out', 'web');
const STAMP = 'build-stamp.json';
const KEEP_BUILDS = 3;

function filesUnder(path) {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return [];
  if (info.isFile()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules' && !entry.name.startsWith('.'))
    .flatMap((entry) => filesUnder(join(path, entry.name)));
}

/** A hash of the sources' paths and contents (not their times: a fresh checkout reuses nothing wrongly). */
export function sourcesHash(root = ROOT) {
  const hash = createHash('sha256');
  const files = SOURCES.flatMap((source) => filesUnder(join(root, source)))
    .map((file) => relative(root, file).split('\\').join('/'))
    .sort();
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

function buildInto(folder) {
  const renderer = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--logLevel',
      'warn',
      '--outDir',
      join(folder, 'dist', 'renderer'),
      '--emptyOutDir',
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (renderer.status !== 0) throw new Error('the renderer did not build (vite build)');
  // esbuild comes with vite and tsx; its JavaScript API drives the native binary.
  const esbuild = createRequire(import.meta.url)('esbuild');
  esbuild.buildSync({
    entryPoints: [join(ROOT, 'electron', 'core', 'server', 'cli.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    outfile: join(folder, 'electron', 'core', 'server', 'cli.mjs'),
  });
}

function pruneOldBuilds(current) {
  const builds = readdirSync(OUT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== current)
    .map((entry) => ({ name: entry.name, at: statSync(join(OUT, entry.name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const old of builds.slice(KEEP_BUILDS - 1)) rmSync(join(OUT, old.name), { recursive: true, force: true });
  for (const entry of readdirSync(OUT)) {
    // A temporary folder left by a start that was killed mid-build (an hour is far longer than a build).
    const path = join(OUT, entry);
    if (entry.startsWith('.tmp-') && Date.now() - statSync(path).mtimeMs > 3_600_000) {
      rmSync(path, { recursive: true, force: true });
    }
  }
}

/**
 * The folder of the build for the current sources, building it first when there is none.
 * Returns its paths; `built` says whether this call built it.
 */
export function ensureWebBuild({ log = console.log } = {}) {
  const hash = sourcesHash();
  const folder = join(OUT, hash);
  const paths = {
    folder,
    host: join(folder, 'electron', 'core', 'server', 'cli.mjs'),
    renderer: join(folder, 'dist', 'renderer'),
    hash,
  };
  if (existsSync(join(folder, STAMP))) return { ...paths, built: false };

  mkdirSync(OUT, { recursive: true });
  const temporary = join(OUT, `.tmp-${hash}-${process.pid}-${randomBytes(4).toString('hex')}`);
  log('Building the renderer and the browser-mode host for these sources (once)…');
  try {
    buildInto(temporary);
    writeFileSync(
      join(temporary, STAMP),
      JSON.stringify({ hash, sources: SOURCES, builtAt: new Date().toISOString() }),
    );
    try {
      renameSync(temporary, folder);
    } catch (error) {
      // Another start finished the same build first: its folder is complete; use it.
      if (!existsSync(join(folder, STAMP))) throw error;
    }
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
  pruneOldBuilds(hash);
  return { ...paths, built: true };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const build = ensureWebBuild();
  console.log(build.built ? `built ${build.folder}` : `up to date: ${build.folder}`);
}
