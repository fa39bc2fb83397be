// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the text types `${...}` on purpose (it must stay literal)
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { renderDetailCard, renderListCard } from '../../src/adapters/teams/cards/list-card.js';
import type { AdaptiveCardJson } from '../../src/adapters/teams/cards/types.js';
import type { ComplaintPage } from '../../src/app/list-complaints.js';
import type { ComplaintDetailModel } from '../../src/app/messages/detail.js';

// adaptivecards 3 only loads as its UMD bundle in Node (STACK-NOTES).
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => {
    parse(json: unknown, context?: unknown): void;
    validateProperties(): { validationEvents: { message: string }[] };
  };
  SerializationContext: new () => unknown;
  Versions: { v1_5: unknown };
};

function parseErrors(card: AdaptiveCardJson): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext() as {
    targetVersion: unknown;
    eventCount: number;
    getEventAt(i: number): { message: string };
  };
  context.targetVersion = AC.Versions.v1_5;
  parsed.parse(card, context);
  const events: string[] = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i).message);
  return [...events, ...parsed.validateProperties().validationEvents.map((e) => e.message)];
}

const page: ComplaintPage = {
  list: 'assigned',
  offset: 4,
  nextOffset: 8,
  category: null,
  restricted: false,
  items: [1, 2, 3, 4].map((n) => ({
    id: `00000000-0000-4000-8000-00000000000${n}`,
    reference: `KL-2026-000${n}`,
    status: 'registered',
    categoryKey: 'product',
    kind: 'complaint',
    registeredAt: new Date('2026-03-02T09:00:00Z'),
    nextDeadline: { milestone: 'feedback', due: '2026-03-09' },
    overdue: n === 1 ? [{ milestone: 'feedback', due: '2026-03-09' }] : [],
  })),
};

describe('Teams list and detail cards', () => {
  it('a list page is a valid 1.5 card with at most five actions: four Open and More', () => {
    const card = renderListCard(page, 'nl', () => 'Product');
    expect(parseErrors(card)).toEqual([]);
    const actions = card.actions as { verb: string; data: Record<string, unknown> }[];
    expect(actions).toHaveLength(5);
    expect(actions.at(-1)).toMatchObject({
      verb: 'kb_list_more',
      data: { list: 'assigned', offset: 8 },
    });
    expect(JSON.stringify(card)).toContain('Nummer 5 t/m 8');
  });

  it('the detail keeps user text literal and whole', () => {
    const text = '${evil} & <b>x</b> '.repeat(200);
    const model: ComplaintDetailModel = {
      summary: 'Klacht KL-2026-0001',
      title: 'Klacht KL-2026-0001: Product',
      intro: null,
      facts: [{ label: 'Status', value: 'Geregistreerd' }],
      sections: [{ heading: 'Wat is er gebeurd?', text }],
      actions: [
        {
          command: 'withdraw',
          id: 'kb_withdraw',
          label: 'Intrekken',
          style: 'danger',
          opensForm: false,
        },
      ],
      footer: null,
      complaint: {
        id: '00000000-0000-4000-8000-000000000001',
        reference: 'KL-2026-0001',
        version: 2,
      },
      timeline: { heading: 'Verloop', entries: ['maandag 2 maart 2026 — Mo Medewerker: gemeld'] },
    };
    const card = renderDetailCard(model, 'nl');
    expect(parseErrors(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain(JSON.stringify(text).slice(1, -1));
    expect(JSON.stringify(card)).toContain('Mo Medewerker: gemeld');
  });
});
