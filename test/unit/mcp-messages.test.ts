import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { filterToolsList, isRepeatable, missingScopeOf, missingScopeText, parseMessage } from '../../src/mcp/messages';
import { rewriteSse } from '../../src/mcp/sse';

/** The proxy's pure rules: what may be repeated, what read-only hides, which scope a 403 names, SSE rewriting. */

describe('MCP proxy rules', () => {
  test('only protocol messages and read tools are repeatable after an unknown outcome', () => {
    const call = (name: string) => ({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name } });
    assert.equal(isRepeatable(call('list_people')), true);
    assert.equal(isRepeatable(call('get_deal')), true);
    for (const name of ['create_person', 'update_deal', 'delete_task', 'send_email', '']) assert.equal(isRepeatable(call(name)), false, name);
    assert.equal(isRepeatable({ jsonrpc: '2.0', id: 1, method: 'tools/list' }), true);
    assert.equal(isRepeatable({ jsonrpc: '2.0', method: 'notifications/initialized' }), true);
    assert.equal(isRepeatable({ jsonrpc: '2.0', id: 1, method: 'sampling/whatever' }), false, 'unknown methods are not');
    assert.equal(isRepeatable([call('list_people'), call('create_person')]), false);
  });

  test('read-only keeps list_/get_ tools the server does not mark as writing', () => {
    const tools = [
      { name: 'list_people', annotations: { readOnlyHint: true } },
      { name: 'get_person' },
      { name: 'create_person', annotations: { readOnlyHint: true } },
      { name: 'get_and_reset', annotations: { readOnlyHint: false } },
      { name: 'delete_deal' },
    ];
    const filtered = filterToolsList({ jsonrpc: '2.0', id: 2, result: { tools, nextCursor: 'x' } });
    assert.deepEqual((filtered.result as { tools: Array<{ name: string }> }).tools.map((t) => t.name), ['list_people', 'get_person']);
    assert.equal((filtered.result as { nextCursor: string }).nextCursor, 'x');
  });

  test('the missing scope comes from WWW-Authenticate, else from the documented message; the advice fits the app', () => {
    assert.equal(missingScopeOf('Bearer error="insufficient_scope", scope="deals:write"', ''), 'deals:write');
    assert.equal(missingScopeOf(undefined, '{"error":{"code":"insufficient_scope","message":"This endpoint requires the \'tasks:read\' scope."}}'), 'tasks:read');
    assert.equal(missingScopeOf(undefined, 'nothing'), undefined);
    assert.match(missingScopeText('deals:write', 'acme', ['deals:write']), /registered with it: run "Vendaze: Sign In"/);
    assert.match(missingScopeText('deals:write', 'acme', ['people:read']), /Rotate App.*register an app with it/);
  });

  test('SSE events are rewritten one by one, other fields and non-JSON data pass unchanged', async () => {
    const stream = [
      'id: 7\nevent: message\ndata: {"jsonrpc":"2.0","id":2,"result":{"tools":[{"name":"list_people"},{"name":"delete_person"}]}}\n\n',
      ': comment\ndata: not json\n\ndata: {"jsonrpc":"2.0","method":"notifications/x"}\n',
    ];
    async function* source() {
      // Split across chunk boundaries on purpose.
      const all = new TextEncoder().encode(stream.join(''));
      for (let i = 0; i < all.length; i += 13) yield all.slice(i, i + 13);
    }
    let out = '';
    for await (const chunk of rewriteSse(source(), (m) => (m.id === 2 ? filterToolsList(m) : m))) out += new TextDecoder().decode(chunk);
    const events = out.split('\n\n').filter(Boolean);
    assert.match(events[0]!, /^id: 7\nevent: message\ndata: /);
    const first = parseMessage(events[0]!.split('data: ')[1]!) as { result: { tools: Array<{ name: string }> } };
    assert.deepEqual(first.result.tools.map((t) => t.name), ['list_people']);
    assert.equal(events[1], ': comment\ndata: not json');
    assert.match(events[2]!, /notifications\/x/);
  });
});
