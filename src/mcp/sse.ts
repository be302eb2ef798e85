import { parseMessage, type RpcMessage } from './messages';

/**
 * Rewrites the JSON-RPC messages of a text/event-stream as it passes (the read-only filter on a tools/list answer
 * that arrives as an SSE event). Event fields other than `data` (id, event, retry) pass unchanged; an event that is
 * not JSON passes as it came. Line by line, so memory is bounded by one event.
 */
export async function* rewriteSse(source: AsyncIterable<Uint8Array>, rewrite: (message: RpcMessage) => RpcMessage): AsyncIterable<Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let pending = '';
  let fields: string[] = [];
  let data: string[] = [];
  const flush = (): string => {
    if (fields.length === 0 && data.length === 0) return '\n';
    let out = fields.map((f) => `${f}\n`).join('');
    if (data.length) {
      const joined = data.join('\n');
      const parsed = parseMessage(joined);
      const text = parsed && !Array.isArray(parsed) ? JSON.stringify(rewrite(parsed)) : joined;
      out += text.split('\n').map((line) => `data: ${line}\n`).join('');
    }
    fields = [];
    data = [];
    return `${out}\n`;
  };
  for await (const chunk of source) {
    pending += decoder.decode(chunk, { stream: true });
    let out = '';
    for (let nl = pending.indexOf('\n'); nl !== -1; nl = pending.indexOf('\n')) {
      const line = pending.slice(0, nl).replace(/\r$/, '');
      pending = pending.slice(nl + 1);
      if (line === '') out += flush();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      else fields.push(line);
    }
    if (out) yield encoder.encode(out);
  }
  pending += decoder.decode();
  if (pending) {
    if (pending.startsWith('data:')) data.push(pending.slice(5).replace(/^ /, ''));
    else fields.push(pending);
  }
  if (fields.length || data.length) yield encoder.encode(flush());
}
