/**
 * The explorer as a visitor gets it, for the browser tests and the benchmark:
 * the site built by Vite into a folder, served as plain static files from a
 * sub-folder (as a static host would, so relative paths are exercised), and
 * Debian's chromium driven by playwright-core.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { type Browser, chromium } from 'playwright-core';

/** The browser the tests drive: `GOVSIM_CHROMIUM`, else Debian's chromium. */
export const chromiumPath = process.env.GOVSIM_CHROMIUM ?? '/usr/bin/chromium';

/** Whether the browser tests must run (CI sets `GOVSIM_REQUIRE_BROWSER`): then a missing browser is a failure, not a skip. */
export const browserRequired = (process.env.GOVSIM_REQUIRE_BROWSER ?? '') !== '';

/** Whether the browser is there. */
export const browserAvailable = existsSync(chromiumPath);

/** Builds the explorer into `outDir` with the checkout's Vite; resolves to the build's duration in milliseconds. */
export async function buildSite(outDir: string): Promise<number> {
  const started = performance.now();
  await promisify(execFile)(
    process.execPath,
    [
      resolve('node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      resolve('explorer/vite.config.ts'),
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return performance.now() - started;
}

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Serves the files of `root` under `prefix` (e.g. `/hosted/govsim/`) on 127.0.0.1, as any static host would. */
export async function serveStatic(root: string, prefix: string): Promise<{ url: string; close: () => Promise<void> }> {
  const folder = resolve(root);
  const server = createServer((request, response) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
      const file = pathname.startsWith(prefix)
        ? resolve(folder, `./${pathname.slice(prefix.length)}${pathname.endsWith('/') ? 'index.html' : ''}`)
        : '';
      try {
        if (!file.startsWith(`${folder}${sep}`)) throw new Error('outside');
        const body = await readFile(file);
        response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' }).end(body);
      } catch {
        response.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', () => listening()));
  const address = server.address();
  const port = address !== null && typeof address === 'object' ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () =>
      new Promise<void>((closed) => {
        server.close(() => closed());
        server.closeAllConnections();
      }),
  };
}

/** Launches the browser headless with flags that work as root in a container. */
export async function launchBrowser(): Promise<Browser> {
  if (!browserAvailable)
    throw new Error(
      `GOVSIM_REQUIRE_BROWSER is set but there is no browser at ${chromiumPath}: install Debian's chromium (apt-get install chromium) or set GOVSIM_CHROMIUM`,
    );
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Bytes of every file under a built site, by path relative to it. */
export async function siteFiles(root: string): Promise<Map<string, Buffer>> {
  const { readdir } = await import('node:fs/promises');
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files.set(path.slice(root.length + 1), await readFile(path));
    }
  return files;
}
