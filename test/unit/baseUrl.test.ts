import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_API_BASE_URL, isLoopbackHost, parseBaseUrl } from '../../src/api/baseUrl';

describe('parseBaseUrl', () => {
  const accepted: Array<[string | undefined, string]> = [
    [undefined, DEFAULT_API_BASE_URL],
    ['', DEFAULT_API_BASE_URL],
    ['https://api.vendaze.com/', DEFAULT_API_BASE_URL],
    ['http://127.0.0.1:7450', 'http://127.0.0.1:7450'],
    ['http://localhost:7450/', 'http://localhost:7450'],
    ['http://[::1]:7450', 'http://[::1]:7450'],
    ['https://proxy.example.com/vendaze/', 'https://proxy.example.com/vendaze'],
  ];
  for (const [input, expected] of accepted) {
    test(`accepts ${JSON.stringify(input)}`, () => {
      const result = parseBaseUrl(input);
      assert.ok(result.ok, !result.ok ? result.message : '');
      assert.equal(result.url.toString().replace(/\/$/, ''), expected);
    });
  }

  const rejected: Array<[string, RegExp]> = [
    ['http://api.vendaze.com', /unencrypted/],
    ['http://192.168.1.10:7450', /unencrypted/],
    ['ftp://api.vendaze.com', /https/],
    ['not a url', /not a valid URL/],
    ['https://user:pw@api.vendaze.com', /credentials/],
    ['https://api.vendaze.com/?x=1', /query string/],
  ];
  for (const [input, message] of rejected) {
    test(`rejects ${input}`, () => {
      const result = parseBaseUrl(input);
      assert.equal(result.ok, false);
      assert.match(!result.ok ? result.message : '', message);
    });
  }
});

describe('isLoopbackHost', () => {
  for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', 'LOCALHOST']) {
    test(`${host} is loopback`, () => assert.equal(isLoopbackHost(host), true));
  }
  for (const host of ['localhost.evil.com', '10.0.0.1', 'api.vendaze.com', '127.0.0.1.nip.io']) {
    test(`${host} is not loopback`, () => assert.equal(isLoopbackHost(host), false));
  }
});
