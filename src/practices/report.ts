/**
 * The "Review Integration Security" report: findings of the whole workspace grouped by practice, each linked to
 * its line, under a checklist score a team can track (practices with no finding / practices turned on).
 * Markdown, in the display language; every piece of file-derived text is escaped, so a hostile path or host cannot
 * inject links or HTML.
 */
import { l10n } from '../common/l10n';
import { PRACTICES, PRACTICE_NAMES, docsLink, ruleId, type ApiGeneration } from './catalog';
import { settingFor } from './review';
import type { PracticeFinding, RuleSettings } from './types';

export interface ReportFile {
  /** Shown: workspace-relative path. */
  path: string;
  /** Link target: a file URI (line fragment appended). */
  uri: string;
  findings: readonly PracticeFinding[];
}

export interface ReportOptions {
  apiGeneration: ApiGeneration;
  rules?: RuleSettings;
  reviewedFiles: number;
  /** Shown in the header; passed in so the report is reproducible in tests. */
  generatedAt?: string;
}

/** Items listed per practice before "…and N more" (the Problems view has them all). */
const MAX_ITEMS = 200;

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

export interface ReportScore {
  followed: number;
  enabled: number;
}

export function scoreOf(files: readonly ReportFile[], rules?: RuleSettings): ReportScore {
  const withFindings = new Set(files.flatMap((f) => f.findings.map((x) => x.name)));
  const enabled = PRACTICE_NAMES.filter((n) => settingFor(rules, n) !== 'off');
  return { followed: enabled.filter((n) => !withFindings.has(n)).length, enabled: enabled.length };
}

export function renderReport(files: readonly ReportFile[], options: ReportOptions): string {
  const score = scoreOf(files, options.rules);
  const percent = score.enabled === 0 ? 100 : Math.round((100 * score.followed) / score.enabled);
  const api = options.apiGeneration === 'pkce' ? l10n.t('the PKCE-era API') : l10n.t('the 2026-07 API');
  const when = options.generatedAt ? ` (${escapeMarkdown(options.generatedAt)})` : '';
  const reviewed =
    options.reviewedFiles === 1
      ? l10n.t('{0} file that talks to Vendaze reviewed against the security guide, assuming {1}{2}.', options.reviewedFiles, api, when)
      : l10n.t('{0} files that talk to Vendaze reviewed against the security guide, assuming {1}{2}.', options.reviewedFiles, api, when);
  const out: string[] = [
    `# ${l10n.t('Vendaze integration security review')}`,
    '',
    `**${l10n.t('Checklist score: {0}/{1} practices followed ({2}%)', score.followed, score.enabled, percent)}**`,
    '',
    `${reviewed} ${l10n.t('Suppress a reviewed line with `vendaze:allow <rule>`; turn a rule off or change its severity with the `vendaze.practices.rules` setting.')}`,
    '',
    `| # | ${l10n.t('Practice')} | ${l10n.t('Status')} |`,
    '|---|---|---|',
  ];
  const byRule = new Map<string, { file: ReportFile; finding: PracticeFinding }[]>();
  for (const file of files) for (const finding of file.findings) {
    const list = byRule.get(finding.name) ?? [];
    list.push({ file, finding });
    byRule.set(finding.name, list);
  }
  for (const name of PRACTICE_NAMES) {
    const info = PRACTICES[name];
    const count = byRule.get(name)?.length ?? 0;
    const status =
      settingFor(options.rules, name) === 'off'
        ? l10n.t('off')
        : count === 0
          ? `✅ ${l10n.t('followed')}`
          : `❌ ${count === 1 ? l10n.t('{0} finding', count) : l10n.t('{0} findings', count)}`;
    out.push(`| ${info.number} | [${info.title}](#${name}) | ${status} |`);
  }
  for (const name of PRACTICE_NAMES) {
    const items = byRule.get(name);
    if (!items) continue;
    const info = PRACTICES[name];
    out.push('', `<a id="${name}"></a>`, `## ${info.number}. ${info.title}`, '', `\`${ruleId(name)}\`: ${info.reason} [${l10n.t('The practice')}](${docsLink(name)})`, '');
    for (const { file, finding } of items.slice(0, MAX_ITEMS)) {
      const where = `${escapeMarkdown(file.path)}:${finding.line + 1}`;
      out.push(`- [ ] [${where}](${file.uri}#L${finding.line + 1}) (${finding.severity}) ${escapeMarkdown(finding.message)}`);
    }
    if (items.length > MAX_ITEMS) out.push(`- ${l10n.t('…and {0} more (see the Problems view)', items.length - MAX_ITEMS)}`);
  }
  if (byRule.size === 0) out.push('', l10n.t('No finding: every practice the review can check is followed.'));
  return `${out.join('\n')}\n`;
}
