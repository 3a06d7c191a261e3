// tests/report/render.mjs: open a page written by "trtc report" in
// Debian's headless chromium (driven by playwright-core, which never
// downloads a browser here), for the browser test, the screenshot and the
// benchmark. As a library: openReport(file, {width}) -> {browser, page,
// requests, consoleErrors, dialogs, close}. As a command:
//
//   node render.mjs screenshot PAGE.html OUT.png   the page at 1280 px, whole
//   node render.mjs pdf PAGE.html OUT.pdf          the page as printed (A4)
//
// CHROMIUM names the browser (default /usr/bin/chromium); NODE_PATH or the
// node_modules beside the build tree's copy of this folder hold
// playwright-core.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// playwright-core from the build tree (REPORT_NODE_MODULES), else the usual lookup.
export function loadPlaywright() {
  const dirs = [process.env.REPORT_NODE_MODULES, join(process.cwd(), 'tests/report/node_modules')].filter(Boolean);
  for (const d of dirs) {
    try {
      return createRequire(join(d, 'x.js'))('playwright-core');
    } catch (e) { /* next */ }
  }
  return createRequire(import.meta.url)('playwright-core');
}

// The page in a fresh profile: every request other than the page itself
// is recorded and refused; console errors, page errors and dialogs too.
export async function openReport(file, { width = 1280, height = 900, reducedMotion = true } = {}) {
  const { chromium } = loadPlaywright();
  const profile = mkdtempSync(join(tmpdir(), 'trtc-report-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width, height },
    deviceScaleFactor: 1,
    reducedMotion: reducedMotion ? 'reduce' : 'no-preference',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic', '--disable-extensions',
      '--disable-default-apps', '--font-render-hinting=none', '--hide-scrollbars'],
  });
  const url = pathToFileURL(resolve(file)).href;
  const requests = [];
  const consoleErrors = [];
  const dialogs = [];
  await context.route('**/*', (route) => {
    const r = route.request();
    if (r.url() === url && r.isNavigationRequest()) return route.continue();
    requests.push(r.url());
    return route.abort();
  });
  const page = context.pages()[0] || await context.newPage();
  page.on('request', (r) => {
    if (!(r.url() === url && r.isNavigationRequest()) && !requests.includes(r.url())) requests.push(r.url());
  });
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push('page error: ' + e.message));
  page.on('dialog', (d) => { dialogs.push(d.type() + ': ' + d.message()); d.dismiss().catch(() => {}); });
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('html[data-rendered]', { timeout: 60000 });
  const loadMs = Date.now() - t0;
  return {
    context, page, url, requests, consoleErrors, dialogs, loadMs,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function main() {
  const [mode, input, output] = process.argv.slice(2);
  if (!['screenshot', 'pdf'].includes(mode) || !input || !output) {
    console.error('usage: node render.mjs screenshot|pdf PAGE.html OUT');
    process.exit(2);
  }
  const r = await openReport(input);
  try {
    if (mode === 'screenshot') {
      writeFileSync(output, await r.page.screenshot({ fullPage: true }));
    } else {
      await r.page.emulateMedia({ media: 'print' });
      writeFileSync(output, await r.page.pdf({ format: 'A4', landscape: true, printBackground: true }));
    }
    if (r.requests.length || r.consoleErrors.length) {
      console.error('requests: ' + JSON.stringify(r.requests) + ', console errors: ' + JSON.stringify(r.consoleErrors));
      process.exitCode = 1;
    }
    console.log(`${output}: written (page drawn in ${r.loadMs} ms)`);
  } finally {
    await r.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  main().catch((e) => { console.error(e.stack || String(e)); process.exit(1); });
}
