import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { leastPrivilegeAdvice } from '../../src/payloads/advice';
import { resourcesUsedIn } from '../../src/payloads/usage';

describe('resourcesUsedIn', () => {
  test('finds literal /v1 paths, with ids and template strings', () => {
    const code = "fetch(`${base}/v1/people/${id}`); post('/v1/deals', d); get(\"https://api.vendaze.com/v1/pipelines?page=2\")";
    assert.deepEqual([...resourcesUsedIn(code)].sort(), ['deals', 'people']);
  });
  test('/v1/task-types is tasks and /v1/custom-fields is custom_fields; /v1/tasks is not confused with it', () => {
    assert.deepEqual([...resourcesUsedIn('"/v1/task-types"')], ['tasks']);
    assert.deepEqual([...resourcesUsedIn('"/v1/custom-fields/abc"')], ['custom_fields']);
  });
  test('unrelated paths and OAuth endpoints are ignored', () => {
    assert.equal(resourcesUsedIn('"/v1/me" "/oauth/token" "/v2/people" "/v1/peoplex"').size, 0);
  });
});

describe('leastPrivilegeAdvice', () => {
  test('a write scope without its read twin suggests the read scope, quoting the guide for contacts', () => {
    const [advice] = leastPrivilegeAdvice(['people:write']);
    assert.equal(advice.kind, 'read-would-do');
    assert.equal(advice.scope, 'people:write');
    assert.match(advice.message, /people:read is enough/);
    assert.match(advice.message, /"Read contacts only" -> people:read/);
  });

  test('read + write together (the guide\'s "Full CRM sync") is not second-guessed', () => {
    const full = ['people:read', 'people:write', 'companies:read', 'companies:write', 'deals:read', 'deals:write'];
    assert.deepEqual(leastPrivilegeAdvice(full), []);
  });

  test('webhooks:manage has no read-only twin and read scopes get no advice', () => {
    assert.deepEqual(leastPrivilegeAdvice(['webhooks:manage', 'tags:read']), []);
  });

  test('with known usage, scopes for resources the code never calls are flagged', () => {
    const advice = leastPrivilegeAdvice(['people:read', 'products:read'], new Set(['people']));
    assert.deepEqual(advice.map((a) => [a.scope, a.kind]), [['products:read', 'unused']]);
    assert.match(advice[0].message, /\/v1\/products/);
  });

  test('with known usage, a called resource with no scope is flagged as missing', () => {
    const advice = leastPrivilegeAdvice(['people:read'], new Set(['people', 'deals']));
    assert.deepEqual(advice.map((a) => [a.scope, a.kind]), [['deals:read', 'missing']]);
    assert.match(advice[0].message, /\/v1\/deals or \/v1\/pipelines/);
  });

  test('unknown usage (undefined) never claims a scope is unused', () => {
    assert.deepEqual(leastPrivilegeAdvice(['products:read'], undefined), []);
  });

  test('unknown scope names are left to validation', () => {
    assert.deepEqual(leastPrivilegeAdvice(['people:admin']), []);
  });
});
