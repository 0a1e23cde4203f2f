import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';

// The workflow bundle evaluates FEEL's module graph once per worker thread (Temporal's
// preloadModules; server/temporal/workflow-bundle.ts says why and what may be listed). A bundle
// built without the option still runs every case, only slower: this guards the option itself.

describe('workflow bundle', () => {
  it("preloads bpmn/feel-eval.ts (FEEL's module graph) once per worker thread", async () => {
    const code = await readFile(inject('engineBundlePath'), 'utf8');
    const preload = /exports\.preloadModules = function preloadModules\(\) \{([^}]*)\}/.exec(code)?.[1];
    expect(preload).toBeDefined();
    expect(preload).toMatch(/bpmn\/feel-eval\.ts/);
  });
});
