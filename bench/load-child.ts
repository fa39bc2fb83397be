/**
 * The load generator, run in its own process (`bench/load.ts` forks it) so autocannon's
 * work does not share an event loop — or the resident memory figure — with the service.
 * Receives one LoadSpec over IPC, builds every request body itself (signatures, unique ids)
 * and answers with autocannon's figures.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { AutocannonResult, BodySpec, LoadSpec } from './load.js';

type Autocannon = (
  options: Record<string, unknown>,
  done: (error: Error | null, result: AutocannonResult) => void,
) => unknown;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

type Request = { body: string; headers: Record<string, string> };

function slackSigned(secret: string, body: string): Request {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
    },
  };
}

const team = { id: 'T1', domain: 'voorbeeld' };
const field = (value: Record<string, unknown>) => ({ value });

/** The same payloads test/fakes/slack-client.ts and test/fakes/teams-activities.ts send. */
function requestFactory(spec: BodySpec): () => Request {
  let n = 0;
  switch (spec.kind) {
    case 'slack-command':
      return () =>
        slackSigned(
          spec.secret,
          new URLSearchParams({
            token: 'legacy',
            team_id: team.id,
            team_domain: team.domain,
            channel_id: 'C0GENERAL',
            channel_name: 'general',
            user_id: spec.user.id,
            user_name: spec.user.name,
            command: '/klacht',
            text: 'bench',
            api_app_id: 'A1',
            response_url: `http://127.0.0.1:9/response/${++n}`,
            trigger_id: `trigger-${n}`,
          }).toString(),
        );
    case 'slack-view':
      return () => {
        const i = ++n;
        const payload = {
          type: 'view_submission',
          team,
          user: { id: spec.user.id, username: spec.user.name, name: spec.user.name, team_id: 'T1' },
          api_app_id: 'A1',
          token: 'legacy',
          trigger_id: `trigger-${i}`,
          view: {
            id: `V-${randomUUID()}`,
            type: 'modal',
            team_id: team.id,
            callback_id: 'kb_report_form',
            private_metadata: JSON.stringify({ locale: 'nl', sourceLink: null }),
            blocks: [],
            state: {
              values: {
                description: field({
                  type: 'plain_text_input',
                  value: `Bench ${i}: de monteur kwam niet opdagen en belde ook niet af.`,
                }),
                categoryKey: field({
                  type: 'static_select',
                  selected_option: { value: spec.categories[i % spec.categories.length] },
                }),
                complainantType: field({
                  type: 'static_select',
                  selected_option: { value: 'client' },
                }),
                complainantName: field({ type: 'plain_text_input', value: 'Familie Jansen' }),
                intakeChannel: field({
                  type: 'static_select',
                  selected_option: { value: 'phone' },
                }),
              },
            },
            hash: 'h',
          },
        };
        return slackSigned(
          spec.secret,
          new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        );
      };
    case 'teams-execute':
      return () => {
        const target = spec.targets[n++ % spec.targets.length]!;
        const user = spec.user;
        const activity = {
          id: randomUUID(),
          channelId: 'msteams',
          serviceUrl: spec.serviceUrl,
          timestamp: new Date().toISOString(),
          locale: 'nl-NL',
          from: { id: user.mri, name: user.name, aadObjectId: user.aadObjectId },
          recipient: { id: '28:klachtenbot', name: 'Klachtenbot' },
          conversation: {
            id: `a:personal-${user.id}`,
            conversationType: 'personal',
            tenantId: spec.tenantId,
          },
          channelData: { tenant: { id: spec.tenantId } },
          type: 'invoke',
          name: 'adaptiveCard/action',
          replyToId: 'act-bench',
          value: {
            action: {
              type: 'Action.Execute',
              verb: spec.verb,
              data: { complaintId: target.id, version: target.version, kind: 'handler_card' },
            },
            trigger: 'manual',
          },
        };
        return { body: JSON.stringify(activity), headers: { 'content-type': 'application/json' } };
      };
    case 'static':
      return () => ({ body: spec.body, headers: spec.headers });
  }
}

process.once('message', (spec: LoadSpec) => {
  const make = spec.body ? requestFactory(spec.body) : null;
  autocannon(
    {
      url: spec.url,
      connections: spec.connections,
      duration: spec.seconds,
      method: spec.method,
      requests: make
        ? [
            {
              method: spec.method,
              setupRequest: (req: Record<string, unknown>) => ({ ...req, ...make() }),
            },
          ]
        : undefined,
    },
    (error, result) => {
      if (error) {
        process.send?.({ error: String(error) });
      } else {
        process.send?.({ result });
      }
      process.disconnect?.();
    },
  );
});
