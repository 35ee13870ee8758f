// A static file server for the built web folder, on 127.0.0.1 only. Canvass is static files, so
// any web server will do in production; this one exists so the run command and the tests need
// nothing but Node. Usage: node scripts/serve.mjs [--root DIR] [--port N] (0 picks a free port).
// For development it also serves tests/surveys/ at /test-surveys/ (the question gallery's
// all-types survey, ?gallery=all-types); that folder is never part of the deployable site.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.md': 'text/markdown; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

const repoRoot = resolve(fileURLToPath(import.meta.url), '../..');
export const devMounts = { '/test-surveys/': join(repoRoot, 'tests/surveys') };

// `mounts` maps URL prefixes ("/test-surveys/") to folders served instead of `root`.
export function startServer({ root, port = 0, host = '127.0.0.1', mounts = {} }) {
  const server = createServer(async (request, response) => {
    try {
      let path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
      let base = resolve(root);
      for (const [prefix, folder] of Object.entries(mounts)) {
        if (path.startsWith(prefix)) {
          base = resolve(folder);
          path = '/' + path.slice(prefix.length);
          break;
        }
      }
      let file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) throw Object.assign(new Error('outside root'), { status: 403 });
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      response.writeHead(200, {
        'Content-Type': contentTypes[extname(file)] || 'application/octet-stream',
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      const status = error.status || (error.code === 'ENOENT' || error.code === 'ENOTDIR' ? 404 : 500);
      response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(status === 404 ? 'Not found\n' : 'Error\n');
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolvePromise(server));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const index = args.indexOf(name);
    return index >= 0 && args[index + 1] !== undefined ? args[index + 1] : fallback;
  };
  const root = option('--root', 'build/web/site');
  const port = Number(option('--port', '8080'));
  try {
    const server = await startServer({ root, port, mounts: devMounts });
    const { address, port: actual } = server.address();
    console.log(`Canvass is being served at http://${address}:${actual}/ (Ctrl+C to stop)`);
  } catch (error) {
    console.error(`serve: cannot listen on 127.0.0.1:${port}: ${error.code || error.message}; pass --port with a free port`);
    process.exit(2);
  }
}
