import { readFileSync } from 'node:fs';

// `node --import tsx bench/cpu-profile.ts <file.cpuprofile> [--from=ms] [--to=ms] [--top=30]`:
// self and inclusive time of a V8 CPU profile (node --cpu-prof), by function and by area
// (ours, Temporal SDK parts, pg, node internals), optionally within a window of the profile's time.

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export function area(url: string, fn: string): string {
  if (!url) return fn === '(garbage collector)' ? 'gc' : fn === '(idle)' || fn === '(program)' ? fn : 'native/other';
  if (url.includes('@temporalio/proto') || url.includes('protobufjs')) return 'temporal: protobuf';
  if (url.includes('@temporalio/common') && /converter|payload/.test(url)) return 'temporal: payload conversion';
  if (url.includes('@temporalio/worker/lib/workflow')) return 'temporal: worker workflow (vm/threads)';
  if (url.includes('@temporalio/worker')) return 'temporal: worker other';
  if (url.includes('@temporalio/workflow')) return 'temporal: workflow runtime (in vm)';
  if (url.includes('@temporalio/core-bridge')) return 'temporal: core bridge';
  if (url.includes('@temporalio/client')) return 'temporal: client';
  if (url.includes('@temporalio/')) return 'temporal: other';
  if (url.includes('node_modules/pg') || url.includes('pg-protocol') || url.includes('pg-types')) return 'pg';
  if (url.includes('@grpc') || url.includes('grpc')) return 'grpc (client)';
  if (url.includes('node_modules/')) return `dep: ${url.split('node_modules/').at(-1)!.split('/').slice(0, url.includes('node_modules/@') ? 2 : 1).join('/')}`;
  if (url.startsWith('node:')) return 'node internals';
  if (url.includes('/workflows/') || url.includes('workflow-bundle') || url.includes('webpack')) return 'ours: workflow code (bundle)';
  if (url.includes('/activities/')) return 'ours: activities';
  if (url.includes('/bpmn/') || url.includes('/domain/')) return 'ours: bpmn/domain';
  if (url.includes('/bench/')) return 'bench client';
  return `other: ${url.replace(/^file:\/\//, '').split('/').slice(-2).join('/')}`;
}

const file = process.argv[2]!;
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const top = Number(arg('top') ?? 30);
const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Sample time per node within the window.
// --window=DIR/window.json (from bench/b1-profile.ts): absolute monotonic µs, as the profile's own clock.
const win = arg('window') ? (JSON.parse(readFileSync(arg('window')!, 'utf8')) as { fromUs: number; toUs: number }) : undefined;
const from = win ? win.fromUs - p.startTime : arg('from') ? Number(arg('from')) * 1000 : -Infinity;
const to = win ? win.toUs - p.startTime : arg('to') ? Number(arg('to')) * 1000 : Infinity;
const self = new Map<number, number>();
let t = 0;
let total = 0;
for (let i = 0; i < p.samples.length; i++) {
  t += p.timeDeltas[i]!;
  if (t < from || t > to) continue;
  const dt = p.timeDeltas[i + 1] ?? 0;
  self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + dt);
  total += dt;
}
const key = (n: Node) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/\/work\/[^/]+\//, '')}:${n.callFrame.lineNumber + 1}`;
const selfBy = new Map<string, number>();
const inclBy = new Map<string, number>();
const areaSelf = new Map<string, number>();
const areaIncl = new Map<string, number>();
for (const [id, us] of self) {
  const n = byId.get(id)!;
  selfBy.set(key(n), (selfBy.get(key(n)) ?? 0) + us);
  const a = area(n.callFrame.url, n.callFrame.functionName);
  areaSelf.set(a, (areaSelf.get(a) ?? 0) + us);
  // Inclusive: once per distinct function / area on the stack.
  const seenF = new Set<string>();
  const seenA = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const c = byId.get(cur)!;
    const k = key(c);
    if (!seenF.has(k)) {
      seenF.add(k);
      inclBy.set(k, (inclBy.get(k) ?? 0) + us);
    }
    const ca = area(c.callFrame.url, c.callFrame.functionName);
    if (!seenA.has(ca)) {
      seenA.add(ca);
      areaIncl.set(ca, (areaIncl.get(ca) ?? 0) + us);
    }
  }
}
const ms = (us: number) => (us / 1000).toFixed(0).padStart(7);
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled in window (${((p.endTime - p.startTime) / 1e6).toFixed(1)} s wall)`);
console.log('\n== by area (self) ==');
for (const [a, us] of [...areaSelf].sort((x, y) => y[1] - x[1])) console.log(`${ms(us)} ms ${pct(us)}  incl ${pct(areaIncl.get(a) ?? 0)}  ${a}`);
console.log('\n== top self ==');
for (const [k, us] of [...selfBy].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`${ms(us)} ms ${pct(us)}  ${k}`);
console.log('\n== top inclusive ==');
for (const [k, us] of [...inclBy].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`${ms(us)} ms ${pct(us)}  ${k}`);
