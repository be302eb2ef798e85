// Generates the editor JSON schemas (schemas/*.schema.json, contributed through package.json `jsonValidation`)
// from the zod schemas in src/, which stay the single source of every payload rule.
//   node scripts/gen-schemas.mjs           writes the files (scripts/build.mjs runs this first)
//   node scripts/gen-schemas.mjs --check   exits 1 when a committed file differs from a fresh generation
// The list of files lives in src/payloads/generatedSchemas.ts; esbuild bundles it so plain node can run it.
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Returns [{ file, text }] freshly generated from the zod schemas. */
export async function generateSchemas() {
  const outfile = join(root, '.cache', 'gen-schemas', 'generatedSchemas.cjs');
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src/payloads/generatedSchemas.ts'],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  const require = createRequire(import.meta.url);
  delete require.cache[outfile];
  const { GENERATED_SCHEMAS, schemaFileText } = require(outfile);
  return GENERATED_SCHEMAS.map(({ file, build }) => ({ file, text: schemaFileText(build()) }));
}

/** Writes the files that changed; with `check`, writes nothing and returns the stale ones. */
export async function writeSchemas({ check = false } = {}) {
  const stale = [];
  for (const { file, text } of await generateSchemas()) {
    const path = join(root, file);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (current === text) continue;
    stale.push(file);
    if (!check) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
  }
  return stale;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const check = process.argv.includes('--check');
  const stale = await writeSchemas({ check });
  if (check && stale.length) {
    console.error(`Out of date (run node scripts/gen-schemas.mjs): ${stale.join(', ')}`);
    process.exit(1);
  }
  console.log(stale.length ? `${check ? 'stale' : 'wrote'}: ${stale.join(', ')}` : 'schemas up to date');
}
