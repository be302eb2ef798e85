import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LogLevel, LogSink, Logger } from '../../src/common/logger';
import { SecretRedactor } from '../../src/common/redact';

function recordingSink(): LogSink & { lines: Array<[LogLevel, string]> } {
  const lines: Array<[LogLevel, string]> = [];
  const at = (level: LogLevel) => (message: string) => void lines.push([level, message]);
  return { lines, trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('Logger', () => {
  test('tags lines with the component', () => {
    const sink = recordingSink();
    new Logger(sink, new SecretRedactor()).child('auth').info('signed in');
    assert.deepEqual(sink.lines, [['info', '[auth] signed in']]);
  });

  test('redacts registered secrets and secret shapes before they reach the sink', () => {
    const sink = recordingSink();
    const redactor = new SecretRedactor();
    redactor.add('the-client-secret-42');
    const log = new Logger(sink, redactor).child('api');
    log.warn('sent client_secret the-client-secret-42 and refresh_token=rt_abcdefgh');
    assert.equal(sink.lines[0]?.[1], '[api] sent client_secret [REDACTED] and refresh_token=[REDACTED]');
  });

  test('error appends the cause, redacted', () => {
    const sink = recordingSink();
    new Logger(sink, new SecretRedactor()).error('refresh failed', new Error('{"refresh_token":"leaky"}'));
    assert.deepEqual(sink.lines, [['error', 'refresh failed: {"refresh_token":"[REDACTED]"}']]);
  });
});
