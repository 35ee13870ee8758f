// Copies the page's own scripts and styles into the web folder without their comments and
// indentation: the sources keep their explanations, residents do not download them. Only
// whole-line comments go, so no code changes meaning (no line is joined to another).
// Usage: node cmake/pack_page.mjs OUT_DIR FILE...
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const [outDir, ...files] = process.argv.slice(2);
for (const file of files) {
  let text = readFileSync(file, 'utf8');
  if (file.endsWith('.css')) text = text.replace(/\/\*[\s\S]*?\*\//g, '');
  const lines = text.split('\n').map((line) => line.trim());
  const kept = lines.filter((line) => line !== '' && !(file.endsWith('.js') && line.startsWith('//')));
  writeFileSync(join(outDir, basename(file)), kept.join('\n') + '\n');
}
