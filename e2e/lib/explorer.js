// The explorer dApp (app/dist, built by `cd app && npm run build`) served locally and opened
// in Debian's Chromium, headless, through playwright-core.

import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const DIST = fileURLToPath(new URL('../../app/dist/', import.meta.url));
export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TYPES = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.wasm': 'application/wasm',
};

/** Serves app/dist on a free local port: `{ server, port }`. */
export function serveDist() {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^\/+/, '');
    const file = join(DIST, path === '' ? 'index.html' : path);
    if (!file.startsWith(DIST) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(await readFile(file));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port }));
  });
}

/** Headless Chromium with the flags this machine needs (no sandbox, no background traffic). */
export async function launchBrowser() {
  await mkdir(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Opens the explorer on a node that makes its own blocks, as `account`, waits for a full
 * render, saves `artifacts/<shot>.png`, closes the browser and returns the model names
 * shown and the page errors and sections that failed.
 */
export async function openExplorer(wsUrl, account, shot) {
  const web = await serveDist();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${web.port}/?rpc=${encodeURIComponent(wsUrl)}&account=${account}`);
    await page.waitForFunction(() => document.body.dataset.renderedBlock !== undefined, null, { timeout: 60_000 });
    const failed = await page.locator('text=could not load').count();
    if (failed > 0) errors.push(`${failed} section(s) could not load: ${await page.locator('main').innerText()}`);
    const names = await page.locator('[data-testid="model-name"]').allTextContents();
    await page.screenshot({ path: join(ARTIFACTS, `${shot}.png`), fullPage: true });
    return { names, errors };
  } finally {
    await browser.close();
    web.server.close();
  }
}
