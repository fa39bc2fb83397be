import { createHmac, randomUUID } from 'node:crypto';

/** Signs like Slack: `v0=` + HMAC-SHA256(secret, `v0:{timestamp}:{body}`). */
export function slackSignature(secret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  secret?: string;
  timestamp?: number;
  signature?: string;
  headers?: Record<string, string>;
}

export interface SlackUserRef {
  id: string;
  name: string;
}

type StateValue = Record<string, unknown>;
/** View state in Slack's shape: block id → action id `value` → typed value. */
export const input = {
  text: (value: string): StateValue => ({ type: 'plain_text_input', value }),
  option: (value: string): StateValue => ({ type: 'static_select', selected_option: { value } }),
  radio: (value: string): StateValue => ({ type: 'radio_buttons', selected_option: { value } }),
  user: (id: string): StateValue => ({ type: 'users_select', selected_user: id }),
  date: (day: string): StateValue => ({ type: 'datepicker', selected_date: day }),
  checked: (): StateValue => ({ type: 'checkboxes', selected_options: [{ value: 'yes' }] }),
};

export interface OpenedView {
  id?: string;
  callback_id: string;
  private_metadata: string;
  blocks: unknown[];
}

/**
 * Drives the app the way Slack does: signed slash commands, interactivity payloads and
 * Events API callbacks, all posted to `POST /slack/events`.
 */
export class FakeSlackClient {
  private seq = 0;
  /** Slack's trigger ids are unique across restarts; a service keeps them in its request ledger. */
  private readonly instance = Math.random().toString(36).slice(2, 8);

  constructor(
    private readonly endpoint: string,
    private readonly secret: string,
    private readonly responseBase: string,
  ) {}

  async send(body: string, contentType: string, options: SendOptions = {}) {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const signature =
      options.signature ?? slackSignature(options.secret ?? this.secret, timestamp, body);
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signature,
        ...options.headers,
      },
      body,
    });
    const text = await response.text();
    let json: Record<string, unknown> | null = null;
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    } catch {
      json = null;
    }
    return { status: response.status, text, json };
  }

  private team = { id: 'T1', domain: 'voorbeeld' };

  command(user: SlackUserRef, text: string, options?: SendOptions) {
    const n = ++this.seq;
    const form = new URLSearchParams({
      token: 'legacy',
      team_id: this.team.id,
      team_domain: this.team.domain,
      channel_id: 'C0GENERAL',
      channel_name: 'general',
      user_id: user.id,
      user_name: user.name,
      command: '/klacht',
      text,
      api_app_id: 'A1',
      response_url: `${this.responseBase}/response/${n}`,
      trigger_id: `trigger-${this.instance}-${n}`,
    });
    return this.send(form.toString(), 'application/x-www-form-urlencoded', options);
  }

  interaction(payload: Record<string, unknown>, options?: SendOptions) {
    const form = new URLSearchParams({ payload: JSON.stringify(payload) });
    return this.send(form.toString(), 'application/x-www-form-urlencoded', options);
  }

  click(
    user: SlackUserRef,
    action: { action_id: string; value?: string },
    channel = `D${user.id}`,
  ) {
    const n = ++this.seq;
    return this.interaction({
      type: 'block_actions',
      team: this.team,
      user: { id: user.id, username: user.name, name: user.name, team_id: this.team.id },
      api_app_id: 'A1',
      token: 'legacy',
      trigger_id: `trigger-${this.instance}-${n}`,
      container: { type: 'message', message_ts: '1.1', channel_id: channel, is_ephemeral: false },
      channel: { id: channel, name: 'directmessage' },
      response_url: `${this.responseBase}/response/${n}`,
      actions: [
        {
          type: 'button',
          block_id: 'kb_actions',
          action_id: action.action_id,
          value: action.value,
          text: { type: 'plain_text', text: 'x' },
          action_ts: `${Date.now() / 1000}`,
        },
      ],
    });
  }

  submit(user: SlackUserRef, view: OpenedView, values: Record<string, StateValue>) {
    const state: Record<string, Record<string, StateValue>> = {};
    for (const [block, value] of Object.entries(values)) state[block] = { value };
    return this.interaction({
      type: 'view_submission',
      team: this.team,
      user: { id: user.id, username: user.name, name: user.name, team_id: this.team.id },
      api_app_id: 'A1',
      token: 'legacy',
      trigger_id: `trigger-${this.instance}-${++this.seq}`,
      view: {
        id: view.id ?? `V-${randomUUID()}`,
        type: 'modal',
        team_id: this.team.id,
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        blocks: view.blocks,
        state: { values: state },
        hash: 'h',
      },
    });
  }

  messageShortcut(user: SlackUserRef, message: { text: string; ts: string; channel: string }) {
    return this.interaction({
      type: 'message_action',
      callback_id: 'kb_report_message',
      team: this.team,
      user: { id: user.id, username: user.name, name: user.name, team_id: this.team.id },
      channel: { id: message.channel, name: 'general' },
      message: { type: 'message', text: message.text, ts: message.ts, user: 'U0OTHER' },
      message_ts: message.ts,
      trigger_id: `trigger-${this.instance}-${++this.seq}`,
      response_url: `${this.responseBase}/response/${this.seq}`,
      token: 'legacy',
      action_ts: `${Date.now() / 1000}`,
    });
  }

  event(event: Record<string, unknown>, eventId = `Ev${++this.seq}`, options?: SendOptions) {
    const body = JSON.stringify({
      token: 'legacy',
      team_id: this.team.id,
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      event,
    });
    return this.send(body, 'application/json', options);
  }
}
