// Writes <file>.gz and <file>.br next to every compressible file of the build
// output so the server can send pre-compressed bodies without compressing at
// request time. Usage: node scripts/precompress.mjs [dir]   (default: dist)
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

const COMPRESSIBLE = new Set(['.js', '.css', '.html', '.svg', '.json', '.txt']);

const root = resolve(process.argv[2] ?? 'dist');

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

async function compress(path) {
  const source = await readFile(path);
  const [gz, br] = await Promise.all([
    gzipAsync(source, { level: constants.Z_BEST_COMPRESSION }),
    brotliAsync(source, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
      },
    }),
  ]);
  await Promise.all([writeFile(`${path}.gz`, gz), writeFile(`${path}.br`, br)]);
  return { path, size: source.length, gz: gz.length, br: br.length };
}

const files = [];
for await (const path of walk(root)) {
  if (COMPRESSIBLE.has(extname(path).toLowerCase())) files.push(path);
}

const results = await Promise.all(files.map(compress));
for (const { path, size, gz, br } of results.sort((a, b) => a.path.localeCompare(b.path))) {
  console.log(`precompress ${relative(root, path).padEnd(48)} ${String(size).padStart(8)} B  gz ${String(gz).padStart(7)} B  br ${String(br).padStart(7)} B`);
}
console.log(`precompress: ${results.length} file(s) in ${relative(process.cwd(), root) || '.'}`);
