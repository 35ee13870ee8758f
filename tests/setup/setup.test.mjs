// scripts/setup's failure paths: a corrupted download and a machine without network each stop
// set-up with one clear line, and leave nothing behind that a later build would trust.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../e2e/harness.mjs';

function runSetup(deps, { offline = false } = {}) {
  const command = offline ? ['unshare', ['--net', 'bash', 'scripts/setup']] : ['bash', ['scripts/setup']];
  return spawnSync(command[0], command[1], {
    cwd: repoRoot, env: { ...process.env, CANVASS_DEPS: deps }, encoding: 'utf8', timeout: 120_000,
  });
}

test('a corrupted download is deleted and named, and nothing is unpacked', () => {
  const deps = mkdtempSync(join(tmpdir(), 'canvass-deps-'));
  try {
    mkdirSync(join(deps, 'downloads'));
    writeFileSync(join(deps, 'downloads', 'imgui_1.90.1+ds.orig.tar.xz'), 'not really a tarball');
    const result = runSetup(deps);
    assert.equal(result.status, 1);
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0], /^setup: FAILED: Dear ImGui 1\.90\.1: SHA-256 mismatch for imgui_1\.90\.1\+ds\.orig\.tar\.xz \(expected ecce377d[0-9a-f]+, got [0-9a-f]{64}\); the download was deleted, run scripts\/setup again/);
    assert.equal(existsSync(join(deps, 'downloads', 'imgui_1.90.1+ds.orig.tar.xz')), false);
    assert.equal(existsSync(join(deps, 'imgui-1.90.1')), false);
    assert.deepEqual(readdirSync(deps).filter((name) => name.startsWith('imgui')), []);
  } finally {
    rmSync(deps, { recursive: true, force: true });
  }
});

test('without network, set-up stops with one line saying what failed and what to do', (t) => {
  const probe = spawnSync('unshare', ['--net', 'true']);
  if (probe.status !== 0) return t.skip('this machine cannot make a network namespace (unshare --net)');
  const deps = mkdtempSync(join(tmpdir(), 'canvass-deps-'));
  try {
    const result = runSetup(deps, { offline: true });
    assert.equal(result.status, 1);
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    // apt-get update may report success offline (it only warns), so the first failure can be either step.
    const log = join(deps, 'imgui-fetch.log').replace(/[.+]/g, '\\$&');
    assert.match(lines[0], new RegExp(`^setup: FAILED: could not (read Debian's trixie source index for Dear ImGui|download Debian source package imgui=1\\.90\\.1\\+ds-1) \\(see ${log}\\); check the network, then run scripts/setup again\\.$`));
    assert.equal(existsSync(join(deps, 'imgui-1.90.1')), false);
    assert.equal(existsSync(join(deps, 'sqlite-3.52.0')), false);
  } finally {
    rmSync(deps, { recursive: true, force: true });
  }
});
