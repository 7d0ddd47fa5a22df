/** govsim's own version and folder, read from its package.json wherever the code runs from (src/ or dist/src/). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: { root: string; version: string } | undefined;

function findPackage(): { root: string; version: string } {
  if (cached !== undefined) return cached;
  let directory = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    const candidate = join(directory, 'package.json');
    if (existsSync(candidate)) {
      const manifest = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'govsim' && manifest.version !== undefined) {
        cached = { root: directory, version: manifest.version };
        return cached;
      }
    }
    directory = dirname(directory);
  }
  cached = { root: process.cwd(), version: 'unknown' };
  return cached;
}

/** govsim's own version, from its package.json (`unknown` when that cannot be found): what manifests and sweep folders record. */
export function govsimVersion(): string {
  return findPackage().version;
}

/** The folder govsim is installed in (or checked out to): shipped scenarios and experiments live there. */
export function packageRoot(): string {
  return findPackage().root;
}
