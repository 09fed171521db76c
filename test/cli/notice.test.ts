// The notice command as a person runs it: a real process, real files, exit codes.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOC_TYPE_IDS } from '../../lambdas/catalogue/index.js';
import { PRECOMPILED_FILE, precompileTemplates, TEMPLATES_DIR } from '../../lambdas/render/template-compiler.js';
import { tempDir } from '../support/temp-dirs.js';

const notice = (...args: string[]) => spawnSync(process.execPath, ['bin/notice.js', ...args], { encoding: 'utf8' });
const dir = tempDir('notice-cli-');

describe('notice', () => {
  it('lists every document type with its Chinese name', () => {
    const r = notice('preview', '--list');
    expect(r.status).toBe(0);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(rows.map((row) => row[0])).toEqual([...DOC_TYPE_IDS]);
    for (const row of rows) expect(row[1]).toMatch(/\p{Script=Han}/u);
  });

  it('renders the example it prints, unchanged, into a PDF', () => {
    const example = notice('example', 'national-technical-expert');
    expect(example.status).toBe(0);
    const caseFile = join(dir, 'case.json');
    writeFileSync(caseFile, example.stdout);
    const out = join(dir, 'case.pdf');
    const r = notice('render', caseFile, '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('renders without loading the AWS SDK, which only the operations commands load', () => {
    // Counts the SDK's CommonJS modules in Node's module cache as the process exits.
    const count = `data:text/javascript,import { createRequire } from 'node:module'; process.on('exit', () => process.stderr.write('aws-sdk modules: ' + Object.keys(createRequire(process.cwd() + '/').cache).filter((k) => k.includes('@aws-sdk')).length + '\\n'));`;
    const loaded = (...args: string[]) =>
      /aws-sdk modules: (\d+)/.exec(spawnSync(process.execPath, ['--import', count, 'bin/notice.js', ...args], { encoding: 'utf8' }).stderr)?.[1];
    const caseFile = join(dir, 'sdk-free.json');
    writeFileSync(caseFile, notice('example', 'skill-grand-award').stdout);
    expect(loaded('render', caseFile, '--out', join(dir, 'sdk-free.pdf'))).toBe('0');
    // An operations command, unconfigured, loads them before it stops.
    expect(Number(loaded('jobs'))).toBeGreaterThan(0);
  });

  it('leaves the templates precompiled beside them, so a render does not compile them', () => {
    expect(notice('example', 'skill-grand-award').status).toBe(0);
    expect(readFileSync(join(TEMPLATES_DIR, PRECOMPILED_FILE), 'utf8')).toBe(precompileTemplates());
  });

  it('refuses a case that breaks the policy with exit 2, one line naming the field and clause, and writes nothing', () => {
    const c = JSON.parse(notice('example', 'skill-grand-award').stdout) as { amounts: { award: number; total: number } };
    c.amounts.award = 400000;
    c.amounts.total = 400000;
    const caseFile = join(dir, 'bad.json');
    writeFileSync(caseFile, JSON.stringify(c));
    const out = join(dir, 'bad.pdf');
    const r = notice('render', caseFile, '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('奖励金额：400000 元与第十九条规定的中华技能大奖 500000 元不符');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a file that is not JSON with exit 2', () => {
    const caseFile = join(dir, 'broken.json');
    writeFileSync(caseFile, '{ not json');
    const r = notice('render', caseFile, '--out', join(dir, 'broken.pdf'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cannot be read as JSON');
  });

  it('refuses an unknown command with exit 2 and the usage, a name every object has included', () => {
    for (const command of ['publish', 'constructor']) {
      const r = notice(command);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`unknown command “${command}”`);
    }
  });

  it('names an unknown document type', () => {
    const r = notice('preview', 'no-such-type', '--out', join(dir, 'x.pdf'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('notice preview --list');
  });
});
