import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isPageScript, pageScript, pageScripts } from '#functions/web/page-scripts.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('page scripts', () => {
  it('typecheck as browser TypeScript (DOM, no Node)', () => {
    const result = spawnSync(process.execPath, [path.join(projectRoot, 'node_modules/typescript/bin/tsc'), '-p', 'functions/web/browser', '--noEmit'], { cwd: projectRoot, encoding: 'utf8', timeout: 120_000 });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('bundle into one self-contained browser script each', async () => {
    for (const name of Object.keys(pageScripts)) {
      expect(isPageScript(name)).toBe(true);
      const code = await pageScript(name as keyof typeof pageScripts);
      expect(code).not.toMatch(/^\s*(import|export)\s/m);
      expect(code).toContain('page-data');
    }
    expect(isPageScript('../pages.js')).toBe(false);
    expect(isPageScript('toString')).toBe(false);
  });
});
