/**
 * `govsim explore`: builds the explorer when needed and serves its static
 * files on 127.0.0.1 only — nothing outside the site, GET and HEAD only —
 * printing the address, until stopped.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { browserAvailable, browserRequired, launchBrowser } from '../explorer/site.js';

async function capture(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

/** A raw request (the path sent as given, not normalised): status, content type and body. */
function get(
  port: number,
  path: string,
  method = 'GET',
  headers: Record<string, string> = {},
): Promise<{ status: number; type: string; body: string }> {
  return new Promise((done, failed) => {
    const sent = request({ host: '127.0.0.1', port, path, method, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => done({ status: response.statusCode ?? 0, type: response.headers['content-type'] ?? '', body }));
    });
    sent.on('error', failed);
    sent.end();
  });
}

describe('govsim explore', () => {
  const repository = resolve('.');
  let child: ChildProcess | undefined;
  let port = 0;
  let printed = '';

  beforeAll(async () => {
    child = spawn(
      process.execPath,
      [
        join(repository, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        join(repository, 'src', 'cli', 'bin.ts'),
        'explore',
        join(repository, 'test', 'fixtures', 'tiny-case'),
        '--port',
        '0',
      ],
      { cwd: await mkdtemp(join(tmpdir(), 'govsim-explore-')), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.setEncoding('utf8');
    await new Promise<void>((ready, failed) => {
      let errors = '';
      child?.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      child?.stdout?.on('data', (chunk: string) => {
        printed += chunk;
        const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(printed);
        if (match !== null) {
          port = Number(match[1]);
          ready();
        }
      });
      child?.on('exit', (code) => failed(new Error(`govsim explore exited with ${code}: ${errors}`)));
    });
  }, 180_000);

  afterAll(() => {
    if (child?.exitCode === null) child.kill('SIGTERM');
  });

  it('prints the address it serves, on 127.0.0.1', () => {
    expect(printed).toBe(`govsim explorer: http://127.0.0.1:${port}/ (Ctrl+C to stop)\n`);
  });

  it('serves the built page, whose assets load by relative paths', async () => {
    const page = await get(port, '/');
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<title>govsim explorer</title>');
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(script).toBeDefined();
    const asset = await get(port, `/${script}`);
    expect(asset.status).toBe(200);
    expect(asset.type).toBe('text/javascript; charset=utf-8');
    expect((await get(port, `/${script}`, 'HEAD')).body).toBe('');
  });

  it('serves the scenarios of the case folders it was given, as written, the case’s own first', async () => {
    const served = await get(port, '/cases.json');
    expect(served.status).toBe(200);
    expect(served.type).toBe('application/json');
    const { cases } = JSON.parse(served.body);
    expect(cases.map((entry: { name: string; case: string }) => [entry.name, entry.case])).toEqual([['tiny-case', 'case']]);
    expect(cases[0].scenarios.map((scenario: { key: string }) => scenario.key)).toEqual([
      'case',
      'administrative-led',
      'co-production',
    ]);
    const written = JSON.parse(await readFile(join(repository, 'test', 'fixtures', 'tiny-case', 'case.json'), 'utf8'));
    expect(cases[0].scenarios[0].raw).toEqual(written);
    // The page it serves says where they are; the built file itself does not.
    expect((await get(port, '/')).body).toContain('<meta name="govsim-cases" content="./cases.json">');
    expect(await readFile(join(repository, 'explorer', 'dist', 'index.html'), 'utf8')).not.toContain('govsim-cases');
  });

  it.skipIf(!browserAvailable && !browserRequired)(
    'opens in a browser on a scenario of the case folder it serves, and runs it',
    async () => {
      const browser = await launchBrowser();
      try {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(`http://127.0.0.1:${port}/#scenario=tiny-case%2Fadministrative-led&week=3`);
        await page.waitForSelector('body[data-ready="true"][data-busy="false"][data-week="3"]', { timeout: 30_000 });
        expect(await page.inputValue('#scenario')).toBe('tiny-case/administrative-led');
        expect(await page.textContent('#messages')).not.toContain('scenario');
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );

  it('serves nothing outside the site, and only GET and HEAD', async () => {
    for (const path of [
      '/../package.json',
      '/../../package.json',
      '/%2e%2e/%2e%2e/package.json',
      '/..%2f..%2fpackage.json',
      '/missing.js',
    ])
      expect((await get(port, path)).status, path).toBe(404);
    expect((await get(port, '/', 'POST')).status).toBe(405);
  });

  it('answers only a page addressed to this machine, not one whose site name was made to point here', async () => {
    expect((await get(port, '/', 'GET', { host: `localhost:${port}` })).status).toBe(200);
    expect((await get(port, '/', 'GET', { host: `127.0.0.1:${port}` })).status).toBe(200);
    // Through a tunnel from another port (ssh -L 9000:localhost:PORT), the page is still this machine's.
    expect((await get(port, '/', 'GET', { host: 'localhost:9000' })).status).toBe(200);
    const rebound = await get(port, '/', 'GET', { host: `evil.example:${port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.body).toBe('forbidden: not addressed to this machine\n');
    expect((await get(port, '/', 'GET', { host: 'evil.example' })).status).toBe(403);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    child?.kill('SIGTERM');
    const [code] = (await once(child as ChildProcess, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('refuses a case folder that is not sound, the shipped case, or one name twice, with exit code 2, before serving', async () => {
    const notACase = await capture(['explore', 'scenarios', '--port', '0']);
    expect(notACase.code).toBe(2);
    expect(notACase.stderr).toContain('invalid case folder');
    const shipped = await capture(['explore', 'scenarios/z-street-2018-2019', '--port', '0']);
    expect(shipped.code).toBe(2);
    expect(shipped.stderr).toContain('is the shipped case z-street, which the explorer offers already');
    const twice = await capture(['explore', 'test/fixtures/tiny-case', 'test/fixtures/tiny-case/', '--port', '0']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('has the name tiny-case of test/fixtures/tiny-case too');
  });

  it('refuses a port out of range, or in use, with exit code 2', async () => {
    const outOfRange = await capture(['explore', '--port', '70000']);
    expect(outOfRange.code).toBe(2);
    expect(outOfRange.stderr).toContain('expected a whole number from 0 to 65535 (a port; 0 picks a free one)');
    const holder = createServer();
    await new Promise<void>((listening) => holder.listen(0, '127.0.0.1', () => listening()));
    const address = holder.address();
    const taken = address !== null && typeof address === 'object' ? address.port : 0;
    try {
      const inUse = await capture(['explore', '--port', String(taken)]);
      expect(inUse.code).toBe(2);
      expect(inUse.stderr).toBe(`govsim: cannot listen on 127.0.0.1:${taken}: the port is in use\n`);
    } finally {
      holder.close();
    }
  }, 120_000);

  it('shows examples in its help', async () => {
    const help = await capture(['explore', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('$ govsim explore --port 8080 --rebuild');
  });
});
