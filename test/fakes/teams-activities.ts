import { randomUUID } from 'node:crypto';

/** A Teams user of the demo organisation (fixed AAD object ids, see src/config/demo-org.ts). */
export interface TeamsUser {
  id: string;
  name: string;
  mri: string;
  aadObjectId: string;
}

const aad = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
export const TEAMS_USERS = {
  dirk: { id: 'dirk', name: 'Dirk Directeur', mri: '29:dirk', aadObjectId: aad(1) },
  kim: { id: 'kim', name: 'Kim Kwaliteit', mri: '29:kim', aadObjectId: aad(2) },
  piet: { id: 'piet', name: 'Piet Projectleider', mri: '29:piet', aadObjectId: aad(3) },
  hanna: { id: 'hanna', name: 'Hanna Hoofd Service', mri: '29:hanna', aadObjectId: aad(4) },
  mo: { id: 'mo', name: 'Mo Medewerker', mri: '29:mo', aadObjectId: aad(5) },
} satisfies Record<string, TeamsUser>;

export const TENANT = '11111111-2222-4333-8444-555555555555';

export interface ActivityOptions {
  serviceUrl: string;
  tenantId?: string;
  id?: string;
  locale?: string;
  replyToId?: string;
}

function base(user: TeamsUser, options: ActivityOptions) {
  const tenantId = options.tenantId ?? TENANT;
  return {
    id: options.id ?? randomUUID(),
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: options.locale ?? 'nl-NL',
    from: { id: user.mri, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: '28:klachtenbot', name: 'Klachtenbot' },
    conversation: { id: `a:personal-${user.id}`, conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
  };
}

export function messageActivity(user: TeamsUser, text: string, options: ActivityOptions) {
  return { ...base(user, options), type: 'message', text };
}

export function executeActivity(
  user: TeamsUser,
  verb: string,
  data: Record<string, unknown>,
  options: ActivityOptions,
) {
  return {
    ...base(user, options),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: options.replyToId ?? 'act-unknown',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

export function fetchTaskActivity(user: TeamsUser, messageHtml: string, options: ActivityOptions) {
  return {
    ...base(user, options),
    type: 'invoke',
    name: 'composeExtension/fetchTask',
    value: {
      commandId: 'kb_report_message',
      commandContext: 'message',
      messagePayload: {
        body: { contentType: 'html', content: messageHtml },
        linkToMessage: 'https://teams.microsoft.com/l/message/1',
      },
    },
  };
}

export function submitActionActivity(
  user: TeamsUser,
  data: Record<string, unknown>,
  options: ActivityOptions,
) {
  return {
    ...base(user, options),
    type: 'invoke',
    name: 'composeExtension/submitAction',
    value: { commandId: 'kb_report_message', commandContext: 'message', data },
  };
}
