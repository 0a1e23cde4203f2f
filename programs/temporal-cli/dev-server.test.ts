import { describe, expect, it } from 'vitest';
import { devServerArgs } from './dev-server';

describe('devServerArgs', () => {
  it('persists to SQLite in WAL mode, serves the UI and registers the case search attributes', () => {
    const args = devServerArgs({ cliPath: 'temporal', dbFile: '/d/t.db', port: 7233, uiPort: 8233 }).join(' ');
    expect(args).toContain('server start-dev --ip 127.0.0.1 --port 7233 --namespace default');
    expect(args).toContain('--db-filename /d/t.db --sqlite-pragma journal_mode=WAL');
    expect(args).toContain('--ui-port 8233');
    expect(args).not.toContain('--headless');
    // Workflow tasks handed out without waiting on the transfer queue's 20-reads-a-second limit (server/temporal/dynamic-config.ts).
    expect(args).toContain('--dynamic-config-value history.transferProcessorMaxPollRPS=1000');
    // Activities handed back with the workflow task that scheduled them, not through matching.
    expect(args).toContain('--dynamic-config-value system.enableActivityEagerExecution=true');
    for (const sa of ['ProcessKey=Keyword', 'ProcessVersion=Int', 'BusinessKey=Keyword', 'CustomerId=Keyword', 'CaseStatus=Keyword']) {
      expect(args).toContain(`--search-attribute ${sa}`);
    }
  });

  it('runs in memory and headless when neither file nor UI port is given', () => {
    const args = devServerArgs({ cliPath: 'temporal', port: 1234 });
    expect(args).toContain('--headless');
    expect(args).not.toContain('--db-filename');
  });
});
