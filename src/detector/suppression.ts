/**
 * Inline suppression. `vendaze:allow` is ours; `gitleaks:allow` and `pragma: allowlist secret` (detect-secrets)
 * are honoured so that a line already reviewed for another scanner is not flagged again.
 * The marker counts on the finding's own line, or on the line before when that line is only a comment.
 */
import { CONTEXT_RADIUS, lineEndWithin, lineStartWithin } from './window';

export const SUPPRESSION_MARKER = 'vendaze:allow';

const MARKERS = [SUPPRESSION_MARKER, 'gitleaks:allow', 'pragma: allowlist secret', 'pragma:allowlist secret'];

/** Comment leaders of the languages we offer quick fixes for (and of most others). */
const COMMENT_LEADER = /^[ \t]*(?:\/\/|#|--|;|\/\*|\*|<!--|%|'|rem\b|REM\b)/;

/** `vendaze:allow vendaze/practice/<rule>` allows one practice finding (src/practices), not a secret. */
const PRACTICE_ONLY = /^vendaze:allow[ \t]*:?[ \t]*vendaze\/practice\//;

function hasMarker(segment: string): boolean {
  return MARKERS.some((marker) => {
    const at = segment.indexOf(marker);
    if (at < 0) return false;
    return marker !== SUPPRESSION_MARKER || !PRACTICE_ONLY.test(segment.slice(at, at + 40)) || segment.indexOf(marker, at + 1) >= 0;
  });
}

export function isSuppressed(text: string, start: number, end: number): boolean {
  const lineStart = lineStartWithin(text, start, start - CONTEXT_RADIUS);
  const lineEnd = lineEndWithin(text, end, end + CONTEXT_RADIUS);
  if (hasMarker(text.slice(lineStart, lineEnd))) return true;
  if (lineStart === 0 || text.charCodeAt(lineStart - 1) !== 10) return false;
  const previousStart = lineStartWithin(text, lineStart - 1, start - CONTEXT_RADIUS);
  const previous = text.slice(previousStart, lineStart - 1);
  return COMMENT_LEADER.test(previous) && hasMarker(previous);
}
