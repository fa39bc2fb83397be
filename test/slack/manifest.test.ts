import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EVENTS, REPORT_SHORTCUT, SLASH_COMMAND } from '../../src/adapters/slack/ids.js';

interface Manifest {
  features: {
    app_home: { home_tab_enabled: boolean };
    slash_commands: { command: string; url: string }[];
    shortcuts: { type: string; callback_id: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
  };
}

describe('Slack manifest', () => {
  it('matches what the code registers', async () => {
    const text = await readFile(
      new URL('../../manifest/slack/manifest.yaml', import.meta.url),
      'utf8',
    );
    const manifest = parse(text) as Manifest;
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'message', callback_id: REPORT_SHORTCUT }),
    ]);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([...EVENTS]);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    const urls = [
      ...manifest.features.slash_commands.map((c) => c.url),
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    for (const url of urls) expect(url).toMatch(/^https:\/\/<host>\/slack\/events$/);
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(
      [
        // conversations.history: a message re-claimed after a crash looks for its outbox id
        'channels:history',
        'groups:history',
        'im:history',
        'chat:write',
        'commands',
        // files shared with the bot in its DM, and the report modal's file_input (files.info)
        'files:read',
        'files:write',
        'im:write',
        'users:read',
        'users:read.email',
      ].sort(),
    );
  });
});
