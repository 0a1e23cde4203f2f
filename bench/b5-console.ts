import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium, type Browser, type Request } from 'playwright-core';
import { build } from 'vite';
import { buildApp } from '../server/app';
import { DEMO_PASSWORD } from '../programs/demo/demo-data';
import { generatedDiagram } from './diagrams';
import { inboxToTaskPage, loginToRows, replayVerification, taskWithForm } from './b5-flows';
import type { BenchStack } from './stack';
import { coresBusy, cpuSnapshot, waitForQuiet } from './proc-cpu';
import { round, summary } from './stats';
import { timeToInteractive } from './tti';

// B5 — the console in Debian's Chromium (headless, driven by playwright-core): (1) bpmn-js import
// and render of each shipped diagram and of generated ones, each run in a fresh page; (2) the
// inbox route of the production build on the real API with 50 tasks: when the 50 rows show, time
// to interactive, and the JavaScript it asked for before the rows showed (from Chromium's network
// events on a cold cache, bytes as received), apart from what it fetches afterwards (prefetches);
// (3) the flows of b5-flows.ts: 登录 → inbox rows, inbox row → task page with form and diagram, and
// the first and second 重放验证 of a case on an API that has just started.

const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const root = new URL('..', import.meta.url).pathname;

export async function runB5(b: BenchStack, quick: boolean) {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    const skipped = `no Chromium at ${executablePath} (install Debian's chromium, or set CHROMIUM_PATH)`;
    console.log(`[B5] skipped: ${skipped}`);
    return { skipped };
  }
  const work = await mkdtemp(join(tmpdir(), 'shouwen-b5-'));
  try {
    const webDist = join(work, 'web');
    const viewerDist = join(work, 'viewer');
    await build({ configFile: join(root, 'web/vite.config.ts'), logLevel: 'warn', build: { outDir: webDist, emptyOutDir: true } });
    await build({
      configFile: false,
      logLevel: 'warn',
      define: { 'process.env.NODE_ENV': '"production"' },
      build: { outDir: viewerDist, emptyOutDir: true, lib: { entry: join(root, 'bench/b5-viewer-entry.ts'), formats: ['iife'], name: 'b5viewer', fileName: () => 'viewer.js' } },
    });
    const browser = await chromium.launch({ executablePath, args: ARGS });
    try {
      const diagrams = await renderDiagrams(browser, viewerDist, quick);
      const { inbox, flows } = await inboxRoute(browser, b, webDist, quick);
      return { diagrams, inbox, ...flows };
    } finally {
      await browser.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function renderDiagrams(browser: Browser, viewerDist: string, quick: boolean) {
  const files = readdirSync(viewerDist);
  const script = join(viewerDist, files.find((f) => f.endsWith('.js'))!);
  const css = files.filter((f) => f.endsWith('.css')).map((f) => join(viewerDist, f));
  const processes = join(root, 'bpmn/processes');
  const inputs = [
    ...readdirSync(processes)
      .filter((f) => f.endsWith('.bpmn'))
      .sort()
      .map((f) => ({ name: f, shipped: true, xml: readFileSync(join(processes, f), 'utf8') })),
    ...[100, 1000, 5000].map((n) => ({ name: `generated ${n} elements`, shipped: false, xml: generatedDiagram(n) })),
  ];
  const results = [];
  for (const input of inputs) {
    const runs = quick ? 3 : 7;
    const ms: number[] = [];
    let shapes = 0;
    let warnings = 0;
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      try {
        for (const path of css) await page.addStyleTag({ path });
        await page.addScriptTag({ path: script });
        const r = await page.evaluate((xml) => (window as unknown as { renderDiagram(x: string): Promise<{ ms: number; shapes: number; warnings: number }> }).renderDiagram(xml), input.xml);
        ms.push(r.ms);
        ({ shapes, warnings } = r);
      } finally {
        await page.close();
      }
    }
    const row = { diagram: input.name, shipped: input.shipped, xmlKiB: round(input.xml.length / 1024, 1), shapes, warnings, ms: summary(ms) };
    console.log(`[B5] ${input.name}: ${row.ms.p50} ms (max ${row.ms.max}) for ${shapes} shapes`);
    results.push(row);
  }
  return results;
}

interface ScriptRequest {
  url: string;
  /** Asked for before the rows showed (the inbox route's own), or after (prefetches, idle loads). */
  beforeRows: boolean;
  /** Response body bytes as sent (compressed when `encoding` says so). */
  bodyBytes: number;
  encoding: string;
}

async function scriptRequest(request: Request, beforeRows: boolean): Promise<ScriptRequest> {
  const response = await request.response();
  const sizes = await request.sizes();
  return { url: request.url(), beforeRows, bodyBytes: sizes.responseBodySize, encoding: (await response?.allHeaders())?.['content-encoding'] ?? 'identity' };
}

async function seedInbox(b: BenchStack, n: number) {
  // 50 open tasks offered to east.cs_manager (unit east, role cs_manager), nothing else on their list.
  await b.db.query(
    `INSERT INTO process_case (id, process_key, process_version, business_key, title, status, initiator_id, owner_id, unit_id, variables, started_at)
     SELECT 'bench-b5/' || g, 'bench-inbox', 1, 'B5-' || g, '浏览器基准 案例 ' || g, 'running', 'east.cs_agent', 'east.cs_agent', 'east', '{}', now() - g * interval '1 minute'
       FROM generate_series(1, $1) g ON CONFLICT DO NOTHING`,
    [n],
  );
  await b.db.query(
    `INSERT INTO task (id, case_id, element_id, name, status, unit_id, candidate_roles, due_at, created_at)
     SELECT 'bench-b5/' || g || '/approve/1', 'bench-b5/' || g, 'approve', '审批 ' || g, 'open', 'east', ARRAY['cs_manager'],
            now() + ((g % 48) - 8) * interval '1 hour', now() - g * interval '1 minute'
       FROM generate_series(1, $1) g ON CONFLICT DO NOTHING`,
    [n],
  );
}

async function inboxRoute(browser: Browser, b: BenchStack, webDist: string, quick: boolean) {
  const tasks = 50;
  await seedInbox(b, tasks);
  const app = await buildApp({ db: b.db, temporal: b.temporal, webDist, logger: false });
  const site = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const login = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'east.cs_manager', password: DEMO_PASSWORD } });
    const token = login.cookies.find((c) => c.name === 'sw_session')!.value;
    const listed = (await app.inject({ method: 'GET', url: '/api/tasks?limit=200', headers: { cookie: `sw_session=${token}` } })).json().items.length as number;
    // The console's times, not the leftovers of the parts before (in a full run PostgreSQL kept ≈ 0.2 of a core busy
    // through B5's sign-ins, 2 Dec): wait for the machine to settle, and say how long that took.
    const settled = await waitForQuiet();
    console.log(`[B5] machine settled after ${settled.waitedMs} ms (${settled.coresBusy} cores busy${settled.quiet ? '' : ', not quiet: measured anyway'})`);
    const shown: number[] = [];
    const tti: number[] = [];
    const fcp: number[] = [];
    let scripts: ScriptRequest[] = [];
    let rowsAt = 0;
    for (let i = 0; i < (quick ? 3 : 7); i++) {
      // A fresh context each time: empty cache, signed in by cookie (sign-in is not timed).
      const context = await browser.newContext({ viewport: { width: 1366, height: 850 }, locale: 'zh-CN' });
      await context.addCookies([{ name: 'sw_session', value: token, url: site }]);
      await context.addInitScript(() => {
        const w = window as unknown as { __longTasks: Array<{ start: number; duration: number }> };
        w.__longTasks = [];
        new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__longTasks.push({ start: e.startTime, duration: e.duration }))).observe({ type: 'longtask', buffered: true });
      });
      const page = await context.newPage();
      // Chromium's own record of the scripts the page asked for, in order, and whether before the rows showed.
      const requested: Array<{ request: Request; beforeRows: boolean }> = [];
      let rowsShown = false;
      page.on('request', (request) => {
        if (request.resourceType() === 'script') requested.push({ request, beforeRows: !rowsShown });
      });
      await page.goto(`${site}/tasks`, { waitUntil: 'commit' });
      const handle = await page.waitForFunction((n) => document.querySelectorAll('tr.ant-table-row').length >= n && performance.now(), Math.min(tasks, listed), { timeout: 60_000 });
      rowsShown = true;
      rowsAt = (await handle.jsonValue()) as number;
      await page.waitForTimeout(2500); // the quiet window, and the task page's prefetch (1.5 s after the inbox shows)
      const probe = await page.evaluate(() => ({
        longTasks: (window as unknown as { __longTasks: Array<{ start: number; duration: number }> }).__longTasks,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      }));
      scripts = await Promise.all(requested.map((r) => scriptRequest(r.request, r.beforeRows)));
      shown.push(rowsAt);
      tti.push(timeToInteractive(rowsAt, probe.longTasks));
      fcp.push(probe.fcp);
      await context.close();
    }
    const size = (list: ScriptRequest[]) => ({
      chunks: list.length,
      rawKB: round(list.reduce((a, s) => a + statSync(join(webDist, new URL(s.url).pathname)).size, 0) / 1000, 1),
      // The response bodies as Chromium received them (the API sends the build's .gz files).
      gzipKB: round(list.reduce((a, s) => a + s.bodyBytes, 0) / 1000, 1),
      notGzipped: list.filter((s) => s.encoding !== 'gzip').map((s) => basename(new URL(s.url).pathname)),
      files: list.map((s) => basename(new URL(s.url).pathname)),
    });
    const result = {
      settled,
      tasksListed: listed,
      rowsShownMs: summary(shown),
      firstContentfulPaintMs: summary(fcp),
      timeToInteractiveMs: summary(tti),
      routeJs: size(scripts.filter((s) => s.beforeRows)),
      prefetchedJs: size(scripts.filter((s) => !s.beforeRows)),
    };
    console.log(`[B5] inbox with ${listed} tasks: rows shown ${result.rowsShownMs.p50} ms, TTI ${result.timeToInteractiveMs.p50} ms, route JS ${result.routeJs.gzipKB} kB gzip (${result.routeJs.chunks} chunks), prefetched ${result.prefetchedJs.gzipKB} kB`);
    const runs = quick ? 3 : 7;
    // What else kept the machine busy meanwhile (in a full run: what earlier parts left running, e.g. PostgreSQL's
    // autovacuum after B3's million rows): the figure is the console's only if the other groups are near 0.
    const procs0 = cpuSnapshot();
    const t0 = performance.now();
    const signIn = { ...(await loginToRows(browser, site, Math.min(tasks, listed), runs)), coresBusy: coresBusy(procs0, cpuSnapshot(), performance.now() - t0) };
    console.log(`[B5] 登录 → ${Math.min(tasks, listed)} inbox rows: ${signIn.p50} ms (max ${signIn.max})`);
    const worker = await b.worker('bench');
    try {
      const { caseId, taskId } = await taskWithForm(b, app);
      const taskPage = await inboxToTaskPage(browser, app, site, taskId, runs);
      console.log(`[B5] inbox → task page with form and diagram: ${taskPage.rested.p50} ms after the pointer rested on the row, ${taskPage.atOnce.p50} ms clicked at once`);
      const replay = await replayVerification(app, caseId);
      console.log(`[B5] 重放验证: warm-up ${replay.warmUpMs} ms at API start, then first ${replay.first.ms} ms, second ${replay.second.ms} ms (${replay.first.events} events)`);
      return { inbox: result, flows: { login: signIn, taskPage, replay } };
    } finally {
      await worker.stop();
    }
  } finally {
    await app.close();
  }
}
