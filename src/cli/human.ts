/** Human output: one line per finding (`path:line:col: severity rule message`, 1-based like compilers), a summary. */
import type { ScanReport } from './report';
import { printable } from './sanitize';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function toHuman(report: ScanReport): string {
  const out: string[] = [];
  let total = 0;
  for (const file of report.files) {
    for (const f of file.findings) {
      total++;
      const state = f.verification ? ` [${f.verification}${f.verificationDetail ? `: ${f.verificationDetail}` : ''}]` : '';
      out.push(printable(`${file.path}:${f.line + 1}:${f.column + 1}: ${f.severity} ${f.ruleId}${state} ${f.message}`));
    }
  }
  const notes: string[] = [];
  if (report.skipped > 0) notes.push(`${report.skipped} skipped: binary, lock or too large`);
  if (report.failed > 0) notes.push(`${report.failed} unreadable`);
  if (report.excluded > 0) notes.push(`${report.excluded} excluded by config`);
  if (report.baselined > 0) notes.push(`${plural(report.baselined, 'finding')} accepted in the baseline`);
  const note = notes.length > 0 ? ` (${notes.join('; ')})` : '';
  out.push(
    total === 0
      ? `vendaze-scan: no Vendaze secrets found in ${plural(report.scanned, 'file')}${note}.`
      : `vendaze-scan: ${plural(total, 'finding')} in ${report.files.length} of ${plural(report.scanned, 'file')}${note}. Suppress a reviewed line with a "vendaze:allow" comment.`,
  );
  return out.join('\n');
}
