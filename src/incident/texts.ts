import { incidentRequestIds, IncidentState, STEP_IDS, STEP_TITLES } from './checklist';

/**
 * The words of the incident: the report to Vendaze security and the notice for affected users. Built only from
 * the incident state (which holds no secret), the usage warnings' messages and request ids; the runner passes the
 * result through the redactor as well, so even a secret pasted into a reason is masked.
 */

export const SECURITY_EMAIL = 'security@vendaze.com';
/** Mail clients and browsers cut mailto: URLs somewhere above 2000 characters. */
export const MAX_MAILTO_LENGTH = 1900;

export interface EmailDraft {
  to: string;
  subject: string;
  body: string;
  /** mailto: URL; its body is shortened to fit (the full text is what "Copy" puts on the clipboard). */
  mailto: string;
  truncated: boolean;
}

export interface EmailInput {
  state: IncidentState;
  /** The registration email of the app, if known (where Vendaze sends new secrets). */
  registeredEmail?: string;
  /** What the usage monitor saw, newest first. */
  observations: string[];
  /** Request ids of this VS Code's recent calls for the app, newest first. */
  recentRequestIds: string[];
}

export function draftSecurityEmail(input: EmailInput): EmailDraft {
  const { state } = input;
  const subject = `Suspected credential compromise: Vendaze app "${state.appName}" (client_id ${state.originalClientId})`;
  const requestIds = [...new Set([...incidentRequestIds(state), ...input.recentRequestIds])];
  const lines = [
    'Hello Vendaze security team,',
    '',
    'We suspect that the client_secret and/or OAuth tokens of our Vendaze app may have been compromised, and are following your incident response procedure.',
    '',
    `App name: ${state.appName}`,
    `client_id: ${state.originalClientId}${state.clientId !== state.originalClientId ? ` (after rotation: ${state.clientId})` : ''}`,
    ...(input.registeredEmail ? [`Registered email: ${input.registeredEmail}`] : []),
    `Incident opened: ${state.openedAt}`,
    '',
    'What we observed:',
    ...bullets([state.reason, ...input.observations].filter((t): t is string => !!t), 'No automatic observation: opened manually.'),
    '',
    'Actions taken:',
    ...STEP_IDS.filter((id) => id !== 'email').map((id) => `- ${STEP_TITLES[id]}: ${state.steps[id].status}${state.steps[id].outcome ? ` (${state.steps[id].outcome})` : ''}`),
    '',
    'Timeline (UTC):',
    ...state.timeline.map((t) => `- ${t.at} ${t.text}`),
    '',
    'Request ids (X-Request-ID) of related API calls:',
    ...bullets(requestIds.slice(0, 30), 'none recorded'),
    '',
    'Please tell us whether you see other activity for this client_id, and whether further action is needed on our side.',
    '',
    '(This report contains no secrets. Drafted with the Vendaze extension for VS Code.)',
  ];
  const body = lines.join('\n');
  const { mailto, truncated } = mailtoUrl(SECURITY_EMAIL, subject, body);
  return { to: SECURITY_EMAIL, subject, body, mailto, truncated };
}

function bullets(items: string[], empty: string): string[] {
  return items.length ? items.map((item) => `- ${item}`) : [`- ${empty}`];
}

/** Shortens the body (whole lines) until the URL fits, saying so at the end. */
export function mailtoUrl(to: string, subject: string, body: string): { mailto: string; truncated: boolean } {
  const build = (text: string) => `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(text)}`;
  let lines = body.split('\n');
  let url = build(body);
  let truncated = false;
  while (url.length > MAX_MAILTO_LENGTH && lines.length > 1) {
    lines = lines.slice(0, -1);
    truncated = true;
    url = build(`${lines.join('\n')}\n\n[Shortened to fit the mail link: paste the full report copied from VS Code.]`);
  }
  return { mailto: url, truncated };
}

export function userNotice(input: { state: IncidentState; contact?: string }): string {
  const { state } = input;
  const date = state.openedAt.slice(0, 10);
  return [
    `# Security notice: ${state.appName}`,
    '',
    `On ${date} we detected activity that suggests the credentials of our integration **${state.appName}** with Vendaze CRM may have been exposed.`,
    '',
    '## What we did',
    '',
    '- Revoked the access tokens we hold, so they can no longer be used.',
    '- Replaced the integration\'s secret with a new one; the old secret no longer works.',
    '- Reported the incident to the Vendaze security team.',
    '',
    '## What you should do',
    '',
    `- The next time you use ${state.appName}, you may be asked to authorize it again in Vendaze. Check that the consent screen names **${state.appName}** before approving.`,
    '- Review recent changes in your Vendaze workspace (people, companies, deals) and tell us about anything you did not do.',
    '- If you connected other tools with the same account, review them too.',
    '',
    '## Questions',
    '',
    input.contact ? `Contact us at ${input.contact}.` : 'Contact us at <your support address>.',
    '',
    `_Reference: incident ${state.id}, opened ${state.openedAt}._`,
    '',
  ]
    .filter((line, i, all) => !(line === '' && all[i - 1] === ''))
    .join('\n');
}
