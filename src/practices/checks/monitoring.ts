/**
 * Practice 10: code that calls the Vendaze API but never handles 429 / Retry-After, or never reads X-Request-ID
 * into its logs. Information only: a shared client elsewhere may do both.
 */
import { l10n } from '../../common/l10n';
import type { RawFinding } from '../types';
import type { CheckContext } from './context';

const HTTP_CLIENT = /\bfetch\s*\(|\baxios\b|\brequests\s*\.|\bhttpx\s*\.|\bhttp\s*\.\s*(?:NewRequest|Get|Post)|Net::HTTP|HTTParty|Faraday|GuzzleHttp|\bcurl_|->request\(|\bgot\s*\(|\bky\s*\(|\bsuperagent\b|\burllib\b|\bundici\b|\$http\b|\bHttp::/;
const RATE_LIMIT = /429|retry[-_]?after|TooManyRequests|too_many_requests|rate_?limit|ratelimit|Status\s*TooManyRequests|backoff|retry/i;
const REQUEST_ID = /x-request-id|request_?id\b|requestId|RequestID|request-id/i;

export function checkMonitoring({ src }: CheckContext, firstCall: number | undefined): RawFinding[] {
  if (firstCall === undefined || src.lang === 'env' || src.lang === 'config' || src.lang === 'xml') return [];
  const code = src.code;
  if (!HTTP_CLIENT.test(code)) return [];
  const missing = [...(RATE_LIMIT.test(code) ? [] : ['429 / Retry-After']), ...(REQUEST_ID.test(code) ? [] : ['X-Request-ID'])];
  if (missing.length === 0) return [];
  return [{
    name: 'monitoring',
    start: firstCall,
    end: firstCall + '/v1/'.length,
    message: l10n.t('This file calls the Vendaze API but never reads {0}: honour Retry-After on 429 and log X-Request-ID with each failure, so usage spikes and incidents can be traced.', missing.join(l10n.t(' or '))),
  }];
}
