// Results benchmark: the same program (bench/results_bench.cpp) natively (native-release) and
// as wasm in headless Chromium (the web preset's -Os code, as the dashboard runs it), on N
// simulated responses to the default survey made by `canvass simulate`, with the wasm/native
// ratio of each figure measured in the same run.
//
//   node bench/results_bench.mjs [--count N] [--rounds R] [--no-build]   (default 100000 responses, 3 rounds)
// CANVASS_WEB_BUILD names another web build folder (default build/web).
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const count = option('--count', 100000), rounds = option('--rounds', 3);
const survey = join(root, 'assets/surveys/diz-digital-needs.json');
const work = join(root, 'artefacts/bench/results');
mkdirSync(work, { recursive: true });

const webBuild = process.env.CANVASS_WEB_BUILD || join(root, 'build/web');
if (!process.argv.includes('--no-build')) {
  execFileSync(join(root, 'scripts/build'), ['native-release', 'web'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
const bundle = join(work, `simulated-${count}.json`);
if (!existsSync(bundle)) {
  execFileSync(join(root, 'build/native-release/canvass'),
    ['simulate', '--survey', survey, '--count', String(count), '--seed', '7', '-o', bundle], { stdio: 'inherit' });
}

const native = JSON.parse(execFileSync(join(root, 'build/native-release/canvass_results_bench'), [survey, bundle, String(rounds)]).toString());

// The wasm build in Chromium: the page fetches the two files into the module's memory file
// system and runs main, printing the same JSON line.
for (const file of ['canvass_results_bench.js', 'canvass_results_bench.wasm']) copyFileSync(join(webBuild, file), join(work, file));
copyFileSync(survey, join(work, 'survey.json'));
writeFileSync(join(work, 'index.html'), `<!doctype html><title>results bench</title><script>
window.benchDone = new Promise((resolve) => {
  window.Module = {
    print: (line) => { if (line.startsWith('{')) resolve(line); },
    printErr: (line) => console.error(line),
    async onRuntimeInitialized() {
      for (const [url, path] of [['survey.json', '/survey.json'], ['${`simulated-${count}.json`}', '/bundle.json']]) {
        Module.FS.writeFile(path, new Uint8Array(await (await fetch(url)).arrayBuffer()));
      }
      Module.callMain(['/survey.json', '/bundle.json', '${rounds}']);
    },
  };
});
</script><script src="canvass_results_bench.js"></script>`);
const server = await startServer({ root: work, port: 0 });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
let wasm;
try {
  const page = await browser.newPage();
  page.on('console', (message) => { if (message.type() === 'error') console.error(message.text()); });
  await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
  wasm = JSON.parse(await page.evaluate(() => window.benchDone));
} finally {
  await browser.close();
  server.close();
}

const ratio = (w, n) => (w / n).toFixed(2);
const rows = [
  ['build the columns (once)', native.build_columns_ms, wasm.build_columns_ms],
  ['Board report, every breakdown (median)', native.full_report_ms.median, wasm.full_report_ms.median],
  ['filter change (median)', native.filter_change_ms.median, wasm.filter_change_ms.median],
  ['filter change (worst)', native.filter_change_ms.max, wasm.filter_change_ms.max],
  ['staff import of the bundle: read, check, merge, count', native.import_ms, wasm.import_ms],
];
console.log(`${native.responses} simulated responses, ${rounds} rounds, ${native.filter_change_ms.count / rounds} filters per round\n`);
console.log('| figure | native (ms) | wasm in Chromium (ms) | wasm/native |\n| --- | --- | --- | --- |');
for (const [name, n, w] of rows) console.log(`| ${name} | ${n.toFixed(1)} | ${w.toFixed(1)} | ${ratio(w, n)}x |`);
console.log(`\nnative: ${native.build_responses_per_s} responses/s building columns, ${native.full_report_responses_per_s} responses/s for a full report`);
writeFileSync(join(root, 'artefacts/bench/results.json'), JSON.stringify({ native, wasm }, null, 2));
