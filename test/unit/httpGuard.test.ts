import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedHostNames, hostAllowed, hostNameOfHeader, isLoopbackHostName, originAllowed, parseRequestTarget, refusal } from '../../src/common/httpGuard';

describe('httpGuard', () => {
  const loopback: Array<[string, boolean]> = [
    ['127.0.0.1', true], ['127.255.0.9', true], ['localhost', true], ['LocalHost', true], ['[::1]', true], ['::1', true],
    ['127.0.0.256', false], ['128.0.0.1', false], ['localhost.attacker.example', false], ['0.0.0.0', false], ['[::2]', false],
  ];
  for (const [name, expected] of loopback) test(`isLoopbackHostName(${name}) = ${expected}`, () => assert.equal(isLoopbackHostName(name), expected));

  const headers: Array<[string | undefined, string | undefined]> = [
    ['127.0.0.1:7450', '127.0.0.1'], ['Example.COM.', 'example.com'], ['[::1]:80', '[::1]'], ['a.b', 'a.b'],
    [undefined, undefined], ['', undefined], ['a b', undefined], ['x@127.0.0.1', undefined], ['h:99999999', undefined], ['h/path', undefined],
  ];
  for (const [value, expected] of headers) test(`hostNameOfHeader(${JSON.stringify(value)})`, () => assert.equal(hostNameOfHeader(value), expected));

  test('allowedHostNames takes names from URLs, authorities and bare names, and drops junk', () => {
    assert.deepEqual([...allowedHostNames(['https://CS.example/proxy/1/', 'fwd.example:8443', 'bare', '::not a host', undefined, ''])], ['cs.example', 'fwd.example', 'bare']);
  });

  test('hostAllowed compares names, never ports', () => {
    const allowed = allowedHostNames(['cs.example']);
    assert.equal(hostAllowed('cs.example:1', allowed), true);
    assert.equal(hostAllowed('localhost:65535', allowed), true);
    assert.equal(hostAllowed('other.example', allowed), false);
    assert.equal(hostAllowed(undefined, allowed), false);
  });

  test('originAllowed: same authority as Host, loopback or allowed names; null and foreign refused; absent accepted', () => {
    const allowed = allowedHostNames(['cs.example']);
    assert.equal(originAllowed(undefined, 'x', allowed), true);
    assert.equal(originAllowed('http://proxy.internal:8080', 'proxy.internal:8080', allowed), true);
    assert.equal(originAllowed('https://cs.example', '127.0.0.1:1', allowed), true);
    assert.equal(originAllowed('http://localhost:3000', '127.0.0.1:1', allowed), true);
    assert.equal(originAllowed('null', '127.0.0.1:1', allowed), false);
    assert.equal(originAllowed('https://evil.example', '127.0.0.1:1', allowed), false);
    assert.equal(originAllowed('file:///x', '127.0.0.1:1', allowed), false);
  });

  test('parseRequestTarget never throws', () => {
    assert.equal(parseRequestTarget('http://['), undefined);
    assert.equal(parseRequestTarget('/callback?code=1')?.pathname, '/callback');
    assert.equal(parseRequestTarget('http://evil.example/x')?.pathname, '/x');
  });

  test('refusal: 400 for a bad target (checked first), 421 for a foreign host', () => {
    assert.equal(refusal({ url: 'http://[', headers: { host: 'evil' } }, new Set())?.status, 400);
    assert.equal(refusal({ url: '/', headers: { host: 'evil' } }, new Set())?.status, 421);
    assert.equal(refusal({ url: '/', headers: { host: '127.0.0.1' } }, new Set()), undefined);
  });
});
