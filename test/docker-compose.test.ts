import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { clusterDynamicConfigYaml } from '../server/temporal/dynamic-config';
import { API_ONLY_ENV, schemaSteps, shouwenEnv, TEMPORAL_DATABASES, TEMPORAL_NAMESPACE, TEMPORAL_NUM_HISTORY_SHARDS, TEMPORAL_SERVICES, TEMPORAL_SQL_PLUGIN } from '../programs/rehearse-scale/topology';

// docker-compose.yml is never run here (no docker): it is parsed, and its topology checked
// against what `npm run rehearse:scale` runs for real (programs/rehearse-scale/topology.ts).

interface Service {
  image?: string;
  build?: string;
  command?: string[] | string;
  entrypoint?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  deploy?: { replicas?: number };
  volumes?: string[];
}
const compose = parse(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const service = (name: string): Service => {
  const s = services[name];
  if (!s) throw new Error(`docker-compose.yml has no service ${name}`);
  return s;
};
const script = (s: Service) => [s.entrypoint ?? [], s.command ?? []].flat().join('\n');

describe('docker-compose.yml', () => {
  it('has the rehearsal topology: PostgreSQL, the schema step, four Temporal services, namespace, APIs and workers', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['postgresql', 'temporal-schema', ...TEMPORAL_SERVICES.map((s) => `temporal-${s}`), 'temporal-namespace', 'temporal-ui', 'shouwen-api', 'shouwen-worker'].sort(),
    );
    expect(Object.values(services).map((s) => s.image ?? '')).not.toContainEqual(expect.stringContaining('auto-setup'));
  });

  it('sets the schema up with the sql tool, the same steps as the rehearsal, before any Temporal service', () => {
    const schema = service('temporal-schema');
    expect(schema.image).toMatch(/^temporalio\/admin-tools:1\.29\.1/);
    expect(schema.depends_on).toEqual({ postgresql: { condition: 'service_healthy' } });
    const text = script(schema);
    expect(text).toContain(`temporal-sql-tool --plugin ${TEMPORAL_SQL_PLUGIN}`);
    for (const db of TEMPORAL_DATABASES) {
      expect(text).toContain(`${db.name}:${db.schema}`);
      // Each step of the rehearsal's setupSchema, with the loop's variables for the names.
      for (const step of schemaSteps({ name: '$$name', schema: '$$schema' }, '/etc/temporal/schema/postgresql/v12')) {
        expect(text).toContain(step.map((a) => (a.startsWith('$$') || a.startsWith('/etc') ? `"${a}"` : a)).join(' '));
      }
    }
    for (const s of TEMPORAL_SERVICES) {
      expect(service(`temporal-${s}`).depends_on?.['temporal-schema']).toEqual({ condition: 'service_completed_successfully' });
    }
  });

  it('runs each Temporal service on its own from temporalio/server, configured as the rehearsal configures it', () => {
    for (const s of TEMPORAL_SERVICES) {
      const svc = service(`temporal-${s}`);
      expect(svc.image).toBe('temporalio/server:1.29.1');
      const env = svc.environment!;
      expect(env).toMatchObject({
        SERVICES: s,
        DB: TEMPORAL_SQL_PLUGIN,
        DBNAME: TEMPORAL_DATABASES[0].name,
        VISIBILITY_DBNAME: TEMPORAL_DATABASES[1].name,
        NUM_HISTORY_SHARDS: String(TEMPORAL_NUM_HISTORY_SHARDS),
        SQL_MAX_CONNS: String(TEMPORAL_DATABASES[0].maxConns),
        SQL_VIS_MAX_CONNS: String(TEMPORAL_DATABASES[1].maxConns),
        POSTGRES_SEEDS: 'postgresql',
      });
      // The server settings the rehearsal writes, mounted from deploy/ (server/temporal/dynamic-config.ts).
      expect(env.DYNAMIC_CONFIG_FILE_PATH).toBe('/etc/temporal/config/dynamicconfig/shouwen.yaml');
      expect(svc.volumes).toContain('./deploy/temporal-dynamicconfig.yaml:/etc/temporal/config/dynamicconfig/shouwen.yaml:ro');
      if (s !== 'worker') expect(svc.healthcheck?.test.join(' ')).toMatch(s === 'frontend' ? /cluster health/ : /nc -z/);
    }
    expect(service('temporal-worker').depends_on?.['temporal-frontend']).toEqual({ condition: 'service_healthy' });
  });

  it('mounts the Temporal settings the rehearsal runs with', () => {
    expect(readFileSync(new URL('../deploy/temporal-dynamicconfig.yaml', import.meta.url), 'utf8')).toBe(clusterDynamicConfigYaml());
  });

  it('registers the namespace the rehearsal registers once the frontend is healthy', () => {
    const ns = service('temporal-namespace');
    expect(ns.depends_on).toEqual({ 'temporal-frontend': { condition: 'service_healthy' } });
    expect(script(ns)).toContain(`namespace create -n ${TEMPORAL_NAMESPACE.name} --retention ${TEMPORAL_NAMESPACE.retentionHours}h`);
  });

  it('gives the Shouwen APIs and workers the rehearsal environment, after PostgreSQL, Temporal and the namespace', () => {
    const rehearsal = shouwenEnv({ databaseUrl: 'x', temporalAddress: 'y' });
    const api = service('shouwen-api');
    const worker = service('shouwen-worker');
    for (const svc of [api, worker]) {
      expect(Object.keys(svc.environment!)).toEqual(expect.arrayContaining(Object.keys(rehearsal)));
      expect(svc.environment).toMatchObject({ TEMPORAL_ADDRESS: 'temporal-frontend:7233', TEMPORAL_NAMESPACE: rehearsal.TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE: rehearsal.TEMPORAL_TASK_QUEUE, TZ: 'UTC', DATABASE_POOL_SIZE: rehearsal.DATABASE_POOL_SIZE });
      expect(svc.environment!.DATABASE_URL).toMatch(/^postgres:\/\/shouwen:.*@postgresql:5432\/shouwen$/);
      expect(svc.depends_on).toEqual({
        postgresql: { condition: 'service_healthy' },
        'temporal-frontend': { condition: 'service_healthy' },
        'temporal-namespace': { condition: 'service_completed_successfully' },
      });
    }
    expect(Object.keys(api.environment!)).toEqual(expect.arrayContaining([...API_ONLY_ENV]));
    expect(api.command).toEqual(['npm', 'run', 'start:api']);
    expect(worker.command).toEqual(['npm', 'run', 'start:worker']);
  });

  it('runs two APIs and two workers as the rehearsal does, scalable with --scale (no fixed container name, APIs on a port range)', () => {
    for (const name of ['shouwen-api', 'shouwen-worker']) {
      expect(service(name).deploy?.replicas).toBe(2);
      expect(service(name)).not.toHaveProperty('container_name');
    }
    expect(service('shouwen-worker').ports).toBeUndefined();
    expect(service('shouwen-api').ports).toEqual(['3000-3001:3000']);
    expect(service('shouwen-api').healthcheck?.test.join(' ')).toContain('/api/health');
    expect(service('postgresql').healthcheck?.test.join(' ')).toContain('pg_isready');
  });
});
