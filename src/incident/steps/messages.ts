import { finishStep, IncidentState } from '../checklist';
import type { StepResult } from '../runnerTypes';
import type { StepKit } from '../stepKit';
import { draftSecurityEmail, EmailDraft, mailtoUrl, userNotice } from '../texts';

/** The steps that tell people: the report to Vendaze's security team, and the notice for the app's users. */

export async function email(kit: StepKit, s: IncidentState): Promise<StepResult> {
  s = await kit.begin(s, 'email');
  const app = kit.deps.app(s.clientId);
  const raw = draftSecurityEmail({
    state: s,
    registeredEmail: app?.email,
    observations: kit.deps.observations(s.clientId),
    recentRequestIds: kit.deps.recentRequestIds(s.clientId),
  });
  const subject = kit.deps.redact(raw.subject);
  const body = kit.deps.redact(raw.body);
  const draft: EmailDraft = { ...raw, subject, body, ...mailtoUrl(raw.to, subject, body) };
  const delivered = await kit.deps.sendEmail(draft);
  const outcome =
    delivered === 'opened'
      ? `Report to ${draft.to} opened in your mail app${draft.truncated ? ' (shortened: paste the full text from "Copy")' : ''}: send it from there.`
      : delivered === 'copied'
        ? `Report to ${draft.to} copied to the clipboard: paste it into an email and send it.`
        : 'Not drafted.';
  s = finishStep(s, 'email', { status: delivered === 'none' ? 'pending' : 'done', outcome }, kit.deps.now());
  const result = kit.result('email', await kit.finish(s, 'email', delivered === 'none' ? 'cancelled' : 'ok'), 'run');
  return { ...result, email: draft };
}

export async function notice(kit: StepKit, s: IncidentState): Promise<StepResult> {
  s = await kit.begin(s, 'notice');
  const text = kit.deps.redact(userNotice({ state: s, contact: kit.deps.app(s.clientId)?.email }));
  await kit.deps.openNotice(text);
  s = finishStep(s, 'notice', { status: 'done', outcome: 'Notice opened as an untitled Markdown document: adapt it and send it to your users.' }, kit.deps.now());
  return { ...kit.result('notice', await kit.finish(s, 'notice', 'ok'), 'run'), notice: text };
}
