// Runs evaluateSurvey over many answer sets on worker threads, with an on-disk cache.
// The survey-core result is a pure function of the survey JSON, the answer set, the survey-core
// version, the pinned clock and reference.mjs, so those are hashed into the cache key; the cache
// lives in node_modules/.cache (git-ignored, and emptied by `npm ci`). CANVASS_DIFF_NO_CACHE=1
// turns it off.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { NOW_ISO } from './clock.mjs';
import { ROOT } from './surveys.mjs';

const HERE = path.join(ROOT, 'tests', 'differential');
const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'canvass-differential');

function cacheKey(json, sets) {
  const h = crypto.createHash('sha256');
  const pkg = fs.readFileSync(path.join(ROOT, 'node_modules', 'survey-core', 'package.json'), 'utf8');
  h.update(JSON.parse(pkg).version + '\n' + NOW_ISO + '\n');
  for (const f of ['reference.mjs', 'clock.mjs']) h.update(fs.readFileSync(path.join(HERE, f)));
  h.update(JSON.stringify(json));
  h.update(JSON.stringify(sets));
  return h.digest('hex').slice(0, 24);
}

export class ReferencePool {
  constructor(size = Math.max(1, Math.min(os.availableParallelism?.() ?? os.cpus().length, 4))) {
    this.workers = [];
    this.idle = [];
    this.queue = [];
    this.pending = new Map();
    this.nextId = 1;
    for (let i = 0; i < size; i++) {
      const w = new Worker(new URL('./reference-worker.mjs', import.meta.url));
      w.on('message', (msg) => {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error) p.reject(new Error(msg.error));
        else p.resolve(msg.results);
        this.idle.push(w);
        this.pump();
      });
      w.on('error', (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      this.workers.push(w);
      this.idle.push(w);
    }
  }
  pump() {
    while (this.idle.length && this.queue.length) {
      const w = this.idle.pop();
      const job = this.queue.shift();
      this.pending.set(job.msg.id, job);
      w.postMessage(job.msg);
    }
  }
  runChunk(json, sets) {
    return new Promise((resolve, reject) => {
      this.queue.push({ msg: { id: this.nextId++, json, sets }, resolve, reject });
      this.pump();
    });
  }
  // All results for one survey, in order; chunks interleave across workers.
  async evaluate(id, json, sets, chunkSize = 100) {
    const useCache = process.env.CANVASS_DIFF_NO_CACHE !== '1';
    const file = path.join(CACHE_DIR, `${id}-${cacheKey(json, sets)}.json`);
    if (useCache && fs.existsSync(file)) {
      try {
        const cached = JSON.parse(fs.readFileSync(file, 'utf8'));
        if (Array.isArray(cached) && cached.length === sets.length) return { results: cached, cached: true };
      } catch {
        // a damaged cache file is recomputed
      }
    }
    const chunks = [];
    for (let i = 0; i < sets.length; i += chunkSize) chunks.push(this.runChunk(json, sets.slice(i, i + chunkSize)));
    const results = (await Promise.all(chunks)).flat();
    if (useCache) {
      fs.mkdirSync(CACHE_DIR, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(results));
      fs.renameSync(tmp, file);
    }
    return { results, cached: false };
  }
  async close() {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
