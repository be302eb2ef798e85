/**
 * The editor's JSON schema must be exactly what the zod schemas generate today: a hand edit, or a zod change without
 * a rebuild, would make the editor and the submit-time validation disagree.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_SCHEMAS, schemaFileText } from '../../src/payloads/generatedSchemas';
import { LATEST_SCHEMA_FILE, LATEST_SCHEMA_URI, latestPayloadJsonSchema } from '../../src/payloads/latestRotate';
import { payloadJsonSchema } from '../../src/payloads/documentSchema';
import { SCOPES, SCOPE_DESCRIPTIONS } from '../../src/schemas';

// This file runs as out/test/unit/payloadSchema.test.js.
const root = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { jsonValidation?: Array<{ fileMatch: string | string[]; url: string }> };
};

describe('generated JSON schemas', () => {
  for (const { file, build, via } of GENERATED_SCHEMAS) {
    test(`${file} equals a fresh generation from the zod schemas`, () => {
      assert.equal(readFileSync(join(root, file), 'utf8'), schemaFileText(build()));
    });

    if (via === 'jsonValidation') {
      test(`${file} is contributed through jsonValidation for *.vendaze-app.json`, () => {
        const entry = pkg.contributes.jsonValidation?.find((v) => v.url === `./${file}`);
        assert.ok(entry, `no jsonValidation entry with url ./${file}`);
        assert.deepEqual([entry.fileMatch].flat(), ['*.vendaze-app.json']);
      });
    } else {
      test(`${file} is what the $schema of its payloads names (served per document, not by jsonValidation)`, () => {
        assert.equal(file, LATEST_SCHEMA_FILE);
        assert.equal(new URL(LATEST_SCHEMA_URI).host + new URL(LATEST_SCHEMA_URI).pathname, file);
        assert.equal(pkg.contributes.jsonValidation?.some((v) => v.url === `./${file}`), false);
      });
    }
  }

  test('scopes complete with their descriptions in both payload kinds', () => {
    const schema = JSON.parse(readFileSync(join(root, 'schemas/vendaze-app.schema.json'), 'utf8'));
    const branches = [schema.then, schema.else.then];
    assert.deepEqual([schema.if.properties.$kind.const, schema.else.if.properties.$kind.const], ['register', 'rotate']);
    for (const branch of branches) {
      const [values, anything] = branch.properties.scopes.items.anyOf;
      assert.deepEqual(values.enum, [...SCOPES]);
      assert.deepEqual(values.markdownEnumDescriptions, SCOPES.map((s) => SCOPE_DESCRIPTIONS[s]));
      assert.deepEqual(anything, {}, 'an unknown scope must not raise the JSON service\'s own warning');
      assert.match(branch.properties.redirect_uris.items.description, /https only/);
    }
  });

  test('the editor schemas carry no validating keyword: our diagnostics report each mistake once, as errors', () => {
    const validating = ['type', 'pattern', 'format', 'minLength', 'maxLength', 'minItems', 'uniqueItems', 'required', 'additionalProperties', 'oneOf'];
    for (const { file } of GENERATED_SCHEMAS) {
      const found: string[] = [];
      const walk = (node: unknown, path: string): void => {
        if (!node || typeof node !== 'object') return;
        for (const [key, value] of Object.entries(node)) {
          if (key === 'if') continue; // only chooses a branch: the JSON service never reports it
          if (validating.includes(key) && !path.endsWith('.properties')) found.push(`${path}.${key}`);
          // enum/const only inside an anyOf that also accepts anything
          if ((key === 'enum' || key === 'const') && !path.includes('.anyOf')) found.push(`${path}.${key}`);
          walk(value, `${path}.${key}`);
        }
      };
      walk(JSON.parse(readFileSync(join(root, file), 'utf8')), '$');
      assert.deepEqual(found, [], file);
    }
  });

  test('rules JSON Schema can express are in the zod-generated schema our diagnostics check', () => {
    const schema = JSON.parse(JSON.stringify(payloadJsonSchema())); // plain data, read like the files above
    const [register, rotate] = schema.oneOf;
    assert.equal(register.properties.$kind.const, 'register');
    assert.equal(rotate.properties.$kind.const, 'rotate');
    assert.equal(register.additionalProperties, false);
    assert.equal(register.properties.app_name.maxLength, 100);
    assert.equal(register.properties.description.maxLength, 500);
    assert.equal(register.properties.redirect_uris.minItems, 1);
    assert.equal(register.properties.redirect_uris.uniqueItems, true);
    assert.equal(register.properties.scopes.minItems, 1);
    assert.equal(register.properties.scopes.uniqueItems, true);
    assert.deepEqual(rotate.required.sort(), ['$kind', 'app_name', 'client_id', 'redirect_uris', 'scopes']);
    const uri = new RegExp(register.properties.redirect_uris.items.pattern);
    for (const ok of ['https://a.test/cb', 'http://localhost:3000/cb', 'http://127.0.0.1/cb']) assert.ok(uri.test(ok), ok);
    for (const bad of ['http://a.test/cb', 'https://*.a.test/cb', 'https://a.test/{x}', 'https://a.test/cb#f', 'http://localhost.evil.test/cb']) {
      assert.equal(uri.test(bad), false, bad);
    }
    const avatar = new RegExp(register.properties.avatar_url.pattern);
    assert.ok(avatar.test('https://a.test/logo.webp'));
    assert.equal(avatar.test('https://a.test/logo.png'), false);
  });
});

describe('API 2026-07 rotate schema', () => {
  test('email and client_id required, scopes read-only, the rest optional', () => {
    const rules = JSON.parse(JSON.stringify(latestPayloadJsonSchema()));
    assert.deepEqual([...rules.required].sort(), ['$api', '$kind', 'client_id', 'email']);
    assert.equal(rules.additionalProperties, false);
    assert.equal(rules.properties.$api.const, '2026-07');
    const editor = JSON.parse(readFileSync(join(root, LATEST_SCHEMA_FILE), 'utf8'));
    assert.match(editor.properties.scopes.description, /scopes are fixed at registration: register a new app to change them/i);
    assert.equal(editor.properties.$api.anyOf[0].const, '2026-07');
  });
});
