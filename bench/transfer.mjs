// Size figures shared by the benchmarks: a file's raw, gzip and brotli bytes, and what kind of
// file it is, so every report counts the same way. Compression is done here, at the strongest
// settings a static host would precompress with (gzip -9, brotli quality 11), rather than
// trusting whatever a server negotiates.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export function compressedSizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

// The groups a bundle is broken down into.
export const kinds = ['wasm', 'js', 'data/fonts', 'html/css', 'survey json', 'other'];

export function kindOf(path) {
  const name = path.toLowerCase();
  if (name.endsWith('.wasm')) return 'wasm';
  if (/\.(m?js)$/.test(name)) return 'js';
  if (/\.(data|ttf|otf|woff2?)$/.test(name)) return 'data/fonts';
  if (/\.(html?|css)$/.test(name) || name.endsWith('/')) return 'html/css';
  if (name.endsWith('.json')) return 'survey json';
  return 'other';
}

export function sum(rows) {
  return rows.reduce((total, row) => ({
    raw: total.raw + row.raw, gzip: total.gzip + row.gzip, brotli: total.brotli + row.brotli,
  }), { raw: 0, gzip: 0, brotli: 0 });
}

// Totals per kind, in the order of `kinds`, leaving out kinds with no files.
export function byKind(rows) {
  return kinds
    .map((kind) => ({ kind, files: rows.filter((row) => kindOf(row.file) === kind) }))
    .filter((group) => group.files.length)
    .map((group) => ({ kind: group.kind, count: group.files.length, ...sum(group.files) }));
}
