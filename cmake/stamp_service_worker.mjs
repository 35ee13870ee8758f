// Writes the service worker's version into the web folder's sw.js: the first 16 hex digits of
// a SHA-256 over the app shell's files, so a build that changes any of them is a new version
// and one that changes none is not (web/page/sw.js explains the updates).
// Usage: node cmake/stamp_service_worker.mjs SITE_DIR
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const site = process.argv[2];
const shell = ['index.html', 'canvass.js', 'canvass.wasm', 'boot.js', 'semantics.js', 'style.css', 'favicon.svg',
  'privacy.html', 'privacy-pl.html', 'privacy.css'];
const hash = createHash('sha256');
for (const file of shell) hash.update(file).update(readFileSync(join(site, file)));
const version = hash.digest('hex').slice(0, 16);
const worker = join(site, 'sw.js');
writeFileSync(worker, readFileSync(worker, 'utf8').replace('__CANVASS_VERSION__', version));
