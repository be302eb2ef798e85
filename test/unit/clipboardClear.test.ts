import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clearClipboardLater, copiedTokenMessage, type ClipboardLike } from '../../src/auth/clipboardClear';
import { quoteUntrusted } from '../../src/common/untrustedText';

/** A clipboard as the OS has one: a single value, readable and writable (hand-written, like VS Code's). */
function clipboard(initial = ''): ClipboardLike & { value: string; readable: boolean } {
  const board = {
    value: initial,
    readable: true,
    readText: async () => {
      if (!board.readable) throw new Error('clipboard-read permission denied');
      return board.value;
    },
    writeText: async (v: string) => void (board.value = v),
  };
  return board;
}

describe('clipboard clear after Copy Access Token', () => {
  test('clears the token when the clipboard still holds it', async () => {
    const board = clipboard('tok-123');
    assert.equal(await clearClipboardLater(board, 'tok-123', 5).done, true);
    assert.equal(board.value, '');
  });

  test('leaves something the user copied since alone', async () => {
    const board = clipboard('tok-123');
    const pending = clearClipboardLater(board, 'tok-123', 5);
    board.value = 'the user copied this';
    assert.equal(await pending.done, false);
    assert.equal(board.value, 'the user copied this');
  });

  test('flush (window closing) clears at once, and only once', async () => {
    const board = clipboard('tok-123');
    const pending = clearClipboardLater(board, 'tok-123', 3_600_000);
    assert.equal(await pending.flush(), true);
    board.value = 'tok-123';
    assert.equal(await pending.flush(), true, 'same answer, no second write');
    assert.equal(board.value, 'tok-123');
  });

  test('an unreadable clipboard is not overwritten', async () => {
    const board = clipboard('tok-123');
    board.readable = false;
    assert.equal(await clearClipboardLater(board, 'tok-123', 5).done, false);
    assert.equal(board.value, 'tok-123');
  });

  test('the message says when, and what stays out of reach', () => {
    assert.match(copiedTokenMessage('acme (App)'), /cleared in 60 s if it still holds the token/);
    assert.match(copiedTokenMessage('acme (App)'), /clipboard history/);
  });
});

describe('quoteUntrusted', () => {
  const cases: Array<[string, string]> = [
    ['plain', '"plain"'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ['line\nfake', '"line\\u000afake"'],
    ['\u001b[2Jclear', '"\\u001b[2Jclear"'],
    ['abc\u202egnp.exe', '"abc\\u202egnp.exe"'],
  ];
  for (const [input, expected] of cases) test(`quotes ${JSON.stringify(input)}`, () => assert.equal(quoteUntrusted(input), expected));
  test('cuts long text and says so', () => {
    assert.equal(quoteUntrusted('x'.repeat(10), 4), '"xxxx" (cut, 10 characters)');
  });
});
