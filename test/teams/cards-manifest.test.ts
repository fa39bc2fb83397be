// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests type `${...}` on purpose (it must stay literal)
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ManifestUtil } from '@microsoft/app-manifest';
import { describe, expect, it } from 'vitest';
import { buildTeamsPackage, zip } from '../../scripts/build-teams-manifest.js';
import { renderCommandForm } from '../../src/adapters/teams/cards/command-form.js';
import {
  renderBaseCard,
  renderMessageCard,
  renderTextCard,
} from '../../src/adapters/teams/cards/message-card.js';
import { renderReportForm } from '../../src/adapters/teams/cards/report-form.js';
import {
  expandCard,
  TEMPLATE_DIR,
  TEMPLATE_NAMES,
} from '../../src/adapters/teams/cards/templates.js';
import type { AdaptiveCardJson, TemplateData } from '../../src/adapters/teams/cards/types.js';
import type { MessageModel } from '../../src/app/messages/model.js';
import { COMMANDS_WITH_FORM } from '../../src/app/messages/model.js';

// adaptivecards 3 only loads as its UMD bundle in Node (STACK-NOTES).
interface ParsedCard {
  parse(json: unknown, context?: unknown): void;
  validateProperties(): { validationEvents: { message: string }[] };
}
interface AdaptiveCardsModule {
  AdaptiveCard: new () => ParsedCard;
  SerializationContext: new () => { toJSONOriginalParam?: unknown; getEventCount?(): number };
  Versions: { v1_5: unknown };
}
const AC = createRequire(import.meta.url)(
  'adaptivecards/dist/adaptivecards.js',
) as AdaptiveCardsModule;

function parseErrors(card: AdaptiveCardJson): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext() as unknown as {
    targetVersion: unknown;
    eventCount: number;
    getEventAt(i: number): { message: string; phase: number };
  };
  context.targetVersion = AC.Versions.v1_5;
  parsed.parse(card, context);
  const events: string[] = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i).message);
  // Teams answers `choices.data` (Data.Query type-ahead) on 1.5 cards too (its own docs use
  // it on 1.2); the SDK files it under 1.6. Only that one property is let through.
  const typeAhead = /^Property "choices\.data" is supported in version 1\.6/;
  const failures = parsed.validateProperties().validationEvents.map((e) => e.message);
  return [...events.filter((e) => !typeAhead.test(e)), ...failures];
}

const model: MessageModel = {
  summary: 'Klacht KL-2026-0001',
  title: 'Klacht KL-2026-0001: Product',
  intro: 'Intro',
  facts: [{ label: 'Status', value: 'Geregistreerd' }],
  sections: [{ heading: 'Wat is er gebeurd?', text: '${evil}' }],
  actions: [
    {
      command: 'declare_founded',
      id: 'kb_declare_founded',
      label: 'Gegrond',
      style: 'primary',
      opensForm: false,
    },
  ],
  footer: 'Termijn verstreken',
  complaint: { id: 'c1', reference: 'KL-2026-0001', version: 1 },
};

const samples: { [N in keyof TemplateData]: TemplateData[N] } = {
  message: {
    summary: 's',
    title: 't',
    notice: 'n',
    error: 'e',
    intro: 'i',
    facts: [{ label: 'l', value: 'v' }],
    sections: [{ heading: 'h', text: 'x' }],
    footer: 'f',
    actions: [
      {
        title: 'a',
        verb: 'kb_accept',
        style: 'positive',
        data: { complaintId: 'c', version: 1, kind: 'outcome' },
      },
    ],
    moreActions: [
      {
        title: 'm',
        verb: 'kb_withdraw',
        style: 'default',
        data: { complaintId: 'c', version: 1, kind: 'outcome' },
      },
    ],
    moreTitle: 'Meer…',
    hasRefresh: true,
    refreshTitle: 'r',
    refreshVerb: 'kb_refresh',
    refreshData: { complaintId: 'c', version: 1, kind: 'outcome' },
    refreshUserIds: ['29:a'],
    image:
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  },
  form: {
    title: 't',
    subtitle: 's',
    error: 'e',
    fields: (['text', 'choice', 'person', 'date', 'toggle'] as const).map((kind) => ({
      kind,
      id: `f-${kind}`,
      label: kind,
      value: kind === 'toggle' ? 'false' : '',
      hint: 'h',
      error: 'e',
      required: false,
      requiredMessage: 'r',
      multiline: true,
      maxLength: 100,
      style: 'expanded' as const,
      choices: [{ title: 'A', value: 'a' }],
      dataset: kind === 'person' ? 'people' : '',
      placeholder: 'p',
      optionTitle: 'o',
    })),
    submitKind: 'execute',
    submitTitle: 'ok',
    submitVerb: 'kb_report',
    submitData: { formId: 'x' },
    cancelTitle: 'c',
    cancelVerb: 'kb_refresh',
    cancelData: {},
  },
};

describe('Adaptive Card templates', () => {
  it('has a sample and a data type for every template file', () => {
    const files = readdirSync(TEMPLATE_DIR).filter((f) => f.endsWith('.json'));
    expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual([...TEMPLATE_NAMES].sort());
  });

  it('the checker itself reports a broken card', () => {
    const broken = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'Input.Text' }, { type: 'NoSuchElement' }],
      actions: [{ type: 'Action.Execute', title: 'x', data: '${unbound}' }],
    } as unknown as AdaptiveCardJson;
    expect(parseErrors(broken).length).toBeGreaterThan(0);
  });

  it.each(TEMPLATE_NAMES)('%s expands with sample data into a valid Adaptive Card 1.5', (name) => {
    const card = expandCard(name, samples[name] as never);
    expect(card.version).toBe('1.5');
    expect(JSON.stringify(card)).not.toContain('${');
    expect(parseErrors(card)).toEqual([]);
  });

  it('one parsed template serves many expansions: each card is its own, none leaks into the next', () => {
    const first = expandCard('message', samples.message as never);
    const snapshot = JSON.stringify(first);
    const second = expandCard('message', {
      ...(samples.message as object),
      title: 'Een andere titel ${evil}',
    } as never);
    expect(JSON.stringify(second)).toContain('Een andere titel ${evil}');
    expect(JSON.stringify(first)).toBe(snapshot);
    (first.body as unknown[]).length = 0;
    expect(JSON.stringify(expandCard('message', samples.message as never))).toBe(snapshot);
  });

  it('every renderer produces a valid card, and user text stays literal', () => {
    const cards = [
      renderMessageCard(model, 'nl', { kind: 'handler_card', refreshUserIds: ['29:piet'] }),
      renderBaseCard(model, { title: 't', reference: 'KL', category: 'c', status: 's' }, 'en', {
        kind: 'handler_card',
        refreshUserIds: ['29:piet'],
      }),
      renderTextCard('t', '${x}'),
      renderReportForm({
        locale: 'nl',
        categories: [{ key: 'p', label: { nl: 'P', en: 'P' }, active: true }],
        values: { description: '${description}', subjectPersonId: 'piet' },
        people: [{ id: 'piet', name: 'Piet' }],
        formId: 'f',
        mode: 'submit',
      }),
      ...COMMANDS_WITH_FORM.map((command) =>
        renderCommandForm({
          command,
          locale: 'en',
          reference: 'KL-2026-0001',
          people: [{ id: 'piet', name: 'Piet' }],
          data: { complaintId: 'c', version: 1, kind: 'handler_card' },
        }),
      ),
    ];
    for (const card of cards) expect(parseErrors(card)).toEqual([]);
    expect(JSON.stringify(cards[0])).toContain('${evil}');
    expect(JSON.stringify(cards[3])).toContain('${description}');
  });

  it('a card with many actions shows four and puts the rest behind "Meer…", every one reachable', () => {
    const action = (n: number) => ({
      command: 'reassign' as const,
      id: `kb_action_${n}`,
      label: `Actie ${n}`,
      style: 'default' as const,
      opensForm: false,
    });
    const layout = (count: number) => {
      const many = { ...model, actions: Array.from({ length: count }, (_, n) => action(n)) };
      const card = renderMessageCard(many, 'nl', { kind: 'handler_card' });
      expect(parseErrors(card)).toEqual([]);
      type Act = { type: string; verb?: string; title: string; card?: { actions: Act[] } };
      const top = card.actions as Act[];
      const more = top.find((a) => a.type === 'Action.ShowCard');
      return {
        shown: top.filter((a) => a.type === 'Action.Execute').map((a) => a.verb),
        more: more ? { title: more.title, verbs: more.card?.actions.map((a) => a.verb) } : null,
      };
    };
    expect(layout(5)).toEqual({ shown: [0, 1, 2, 3, 4].map((n) => `kb_action_${n}`), more: null });
    expect(layout(9)).toEqual({
      shown: [0, 1, 2, 3].map((n) => `kb_action_${n}`),
      more: { title: 'Meer…', verbs: [4, 5, 6, 7, 8].map((n) => `kb_action_${n}`) },
    });
  });
});

describe('Teams app manifest', () => {
  const manifest = JSON.parse(
    readFileSync(new URL('../../manifest/teams/manifest.json', import.meta.url), 'utf8'),
  );

  it('validates offline against the bundled schema of its version', async () => {
    const version = manifest.manifestVersion as string;
    const schema = JSON.parse(
      readFileSync(
        createRequire(import.meta.url).resolve(
          `@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`,
        ),
        'utf8',
      ),
    );
    const errors = await ManifestUtil.validateManifestAgainstSchema(manifest, schema);
    expect(errors).toEqual([]);
  });

  it('declares the bot commands and the "Meld als klacht" message extension', () => {
    const titles = manifest.bots[0].commandLists[0].commands.map((c: { title: string }) => c.title);
    expect(titles).toEqual([
      'klacht',
      'open KL-',
      'mijn klachten',
      'toegewezen',
      'open klachten',
      'te laat',
      'help',
    ]);
    expect(manifest.composeExtensions[0].commands[0]).toMatchObject({
      id: 'kb_report_message',
      type: 'action',
      context: ['message'],
      fetchTask: true,
    });
  });

  it('ships 192×192 and 32×32 PNG icons', () => {
    const size = (name: string) => {
      const png = readFileSync(new URL(`../../manifest/teams/${name}`, import.meta.url));
      return [png.readUInt32BE(16), png.readUInt32BE(20)];
    };
    expect(size('color.png')).toEqual([192, 192]);
    expect(size('outline.png')).toEqual([32, 32]);
  });

  it('packages manifest and icons into a zip with the bot id filled in', async () => {
    const appId = '12345678-1234-4234-8234-123456789012';
    const pkg = await buildTeamsPackage(appId);
    expect(pkg.readUInt32LE(0)).toBe(0x04034b50);
    const text = pkg.toString('latin1');
    for (const name of ['manifest.json', 'color.png', 'outline.png']) expect(text).toContain(name);
    expect(zip([]).length).toBe(22);
  });
});
