import { describe, expect, it } from 'vitest';
import { renderDetail } from '../../src/adapters/slack/block-kit/message.js';
import { renderDetailCard } from '../../src/adapters/teams/cards/list-card.js';
import type { ComplaintDetailModel } from '../../src/app/messages/detail.js';

const model: ComplaintDetailModel = {
  summary: 'Klacht KL-2026-0001',
  title: 'Klacht KL-2026-0001',
  intro: null,
  facts: [{ label: 'Status', value: 'Geregistreerd' }],
  sections: [{ heading: 'Bijlagen (1)', text: 'a <b> & c.pdf (2 kB) — Mo, maandag 2 maart 2026' }],
  actions: [],
  footer: null,
  complaint: { id: 'c1', reference: 'KL-2026-0001', version: 1 },
  timeline: { heading: 'Verloop', entries: [] },
  downloads: {
    links: [
      { label: 'Download a <b> & c.pdf', url: 'https://klachten.example.nl/bijlage?t=abc.def' },
    ],
    hint: 'De downloadlinks zijn 15 minuten geldig en alleen voor u.',
  },
};

describe('the detail view renders the private download links', () => {
  it('Slack: a mrkdwn link with the name escaped', () => {
    const text = JSON.stringify(renderDetail(model).blocks);
    expect(text).toContain(
      '<https://klachten.example.nl/bijlage?t=abc.def|Download a &lt;b&gt; &amp; c.pdf>',
    );
    expect(text).toContain('15 minuten');
  });

  it('Teams: an Action.OpenUrl per file, the name as its plain title', () => {
    const card = renderDetailCard(model, 'nl');
    const body = JSON.stringify(card.body);
    expect(body).toContain('"type":"Action.OpenUrl"');
    expect(body).toContain('"title":"Download a <b> & c.pdf"');
    expect(body).toContain('https://klachten.example.nl/bijlage?t=abc.def');
  });
});
