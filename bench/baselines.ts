import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import {
  ActivityHandler,
  type AdaptiveCardInvokeResponse,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
} from 'botbuilder';
import { readJsonBody, shimRequest, shimResponse } from '../src/adapters/teams/http.js';

/** The floors: servers that do the least each framework allows, on a port of their own. */
export interface Floor {
  url: string;
  stop(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Bare node:http answering `ok`. */
export async function bareHttpServer(): Promise<Floor> {
  const server = createServer((_req, res) => res.end('ok'));
  const url = await listen(server);
  return { url: `${url}/`, stop: () => close(server) };
}

/**
 * A bare Bolt app on its own HTTPReceiver: verifies the signature (Bolt's check), parses the
 * form, runs the middleware chain and acks `/klacht` with nothing else.
 */
export async function bareBolt(signingSecret: string): Promise<Floor> {
  const app = new App({
    signingSecret,
    token: 'xoxb-bench',
    tokenVerificationEnabled: false,
    // Known bot ids: otherwise Bolt calls auth.test (slack.com) before the first listener.
    botId: 'BBENCH',
    botUserId: 'UBENCH',
    clientOptions: { slackApiUrl: 'http://127.0.0.1:9/api/' },
    logLevel: process.env.BOLT_DEBUG ? LogLevel.DEBUG : LogLevel.ERROR,
  });
  app.command('/klacht', async ({ ack }) => {
    await ack();
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/slack/events`, stop: () => app.stop() as Promise<void> };
}

class BareInvokeBot extends ActivityHandler {
  protected override async onAdaptiveCardInvoke(): Promise<AdaptiveCardInvokeResponse> {
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: {
        type: 'AdaptiveCard',
        version: '1.4',
        body: [{ type: 'TextBlock', text: 'ok' }],
      },
    };
  }
}

/**
 * A bare botbuilder endpoint: CloudAdapter with authentication off (no app id), the same
 * body reader and request shim the service uses, and an ActivityHandler whose
 * `adaptiveCard/action` answer is a constant card.
 */
export async function bareBotbuilder(): Promise<Floor> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new BareInvokeBot();
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readJsonBody(req);
      await adapter.process(shimRequest(req, body), shimResponse(res), (context) =>
        bot.run(context),
      );
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const url = await listen(server);
  return { url: `${url}/api/messages`, stop: () => close(server) };
}
