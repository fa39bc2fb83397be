/**
 * The optional public intake form (issue 11): off by default, a honeypot, CSRF, a rate limit,
 * and a complaint registered with intake channel "web form" and the complainant's details.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/adapters/postgres/migrate.js';
import { Client, hiddenValue, type PageHarness, startPage } from './support.js';

let h: PageHarness;

beforeAll(async () => {
  h = await startPage();
}, 60_000);

afterAll(async () => {
  await h?.close();
});

async function complaintCount(harness: PageHarness = h): Promise<number> {
  const rows = rowsOf<{ n: number }>(
    await harness.db.handle.db.execute(sql`select count(*)::int as n from complaints`),
  );
  return Number(rows[0]?.n);
}

async function openForm(harness: PageHarness = h, path = '/klacht-indienen') {
  const client = new Client(harness.baseUrl);
  const page = await client.get(path);
  return { client, page };
}

function filled(client: Client, page: string, overrides: Record<string, string> = {}) {
  const form = new FormData();
  const fields: Record<string, string> = {
    csrf: client.csrf,
    n: hiddenValue(page, 'n') ?? '',
    lang: hiddenValue(page, 'lang') ?? 'nl',
    website: '',
    name: 'Familie de Vries',
    email: 'devries@example.org',
    phone: '',
    address: 'Dorpsstraat 1\n1234 AB Ergens',
    preferredContact: 'email',
    category: 'facturatie',
    description: 'De factuur van maart is twee keer afgeschreven.',
    desiredOutcome: 'Het bedrag terug.',
    ...overrides,
  };
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return form;
}

describe('the public web form', () => {
  it('is off by default: 404', async () => {
    const off = await startPage({
      db: h.db,
      settings: { webForm: { enabled: false, registeredBy: null } },
    });
    try {
      const client = new Client(off.baseUrl);
      expect((await client.get('/klacht-indienen')).res.status).toBe(404);
      expect((await client.post('/klacht-indienen', new FormData())).res.status).toBe(404);
    } finally {
      await off.close();
    }
  });

  it('shows a labelled form with the organisation’s categories and strict headers', async () => {
    const { page } = await openForm();
    expect(page.res.status).toBe(200);
    expect(page.text).toContain('<html lang="nl">');
    expect(page.text).toContain('<label for="name">Naam');
    expect(page.text).toContain('<label for="description">Wat is er gebeurd?');
    expect(page.text).toContain('<option value="facturatie">Facturatie</option>');
    expect(page.text).toContain('<div class="hp" aria-hidden="true">');
    expect(page.res.headers.get('x-frame-options')).toBe('DENY');
    expect(page.res.headers.getSetCookie().join()).toMatch(
      /kb_csrf=[^;]+; Path=\/klacht-indienen; HttpOnly; SameSite=Strict/,
    );
    const english = await openForm(h, '/klacht-indienen?lang=en');
    expect(english.page.text).toContain('<option value="facturatie">Invoicing</option>');
  });

  it('registers a complaint through the web form channel and shows its reference', async () => {
    const { client, page } = await openForm();
    const posted = await client.post('/klacht-indienen', filled(client, page.text));
    expect(posted.res.status).toBe(200);
    const reference = /KL-\d{4}-\d{4}/.exec(posted.text)?.[0];
    expect(reference).toBeDefined();
    const complaint = await h.deps.store.repository.findComplaint(reference!);
    expect(complaint).toMatchObject({
      intakeChannel: 'web_form',
      reporterId: 'mo',
      handlerId: 'hanna',
      categoryKey: 'facturatie',
      description: 'De factuur van maart is twee keer afgeschreven.',
      complainant: {
        type: 'client',
        name: 'Familie de Vries',
        email: 'devries@example.org',
        phone: null,
        address: 'Dorpsstraat 1\n1234 AB Ergens',
        preferredContact: 'email',
        locale: 'nl',
      },
    });
    // Sent twice (a reload), registered once.
    const count = await complaintCount();
    const again = await client.post('/klacht-indienen', filled(client, page.text));
    expect(again.text).toContain(reference);
    expect(await complaintCount()).toBe(count);
  });

  it('the honeypot filled: pretends success, stores nothing', async () => {
    const { client, page } = await openForm();
    const before = await complaintCount();
    const posted = await client.post(
      '/klacht-indienen',
      filled(client, page.text, { website: 'http://spam.example' }),
    );
    expect(posted.res.status).toBe(200);
    expect(posted.text).toContain('Uw klacht is ontvangen');
    expect(posted.text).not.toMatch(/KL-\d{4}/);
    expect(await complaintCount()).toBe(before);
  });

  it('missing and invalid fields are said next to each field, nothing stored', async () => {
    const { client, page } = await openForm();
    const before = await complaintCount();
    const posted = await client.post(
      '/klacht-indienen',
      filled(client, page.text, { name: '', description: '', email: 'geen-adres', category: '' }),
    );
    expect(posted.res.status).toBe(400);
    expect(posted.text).toContain('<p class="error" id="name-error">Vul dit veld in.</p>');
    expect(posted.text).toContain('aria-describedby="description-error"');
    expect(posted.text).toContain('<a href="#category">');
    expect(posted.text).toContain('value="geen-adres"');
    expect(await complaintCount()).toBe(before);
    const invalid = await client.post(
      '/klacht-indienen',
      filled(client, page.text, { email: 'geen-adres' }),
    );
    expect(invalid.res.status).toBe(400);
    expect(invalid.text).toContain('Vul een geldig e-mailadres in');
    expect(await complaintCount()).toBe(before);
  });

  it('a forbidden file type is refused before anything is registered', async () => {
    const { client, page } = await openForm();
    const before = await complaintCount();
    const form = filled(client, page.text);
    form.set('file', new Blob(['MZ'], { type: 'application/octet-stream' }), 'setup.exe');
    const posted = await client.post('/klacht-indienen', form);
    expect(posted.res.status).toBe(400);
    expect(posted.text).toContain('Dit soort bestand nemen wij niet aan');
    expect(await complaintCount()).toBe(before);
  });

  it('a file whose content is not what its name says is refused before anything is registered', async () => {
    const { client, page } = await openForm();
    const before = await complaintCount();
    const form = filled(client, page.text);
    form.set('file', new Blob(['MZ this is no pdf'], { type: 'application/pdf' }), 'factuur.pdf');
    const posted = await client.post('/klacht-indienen', form);
    expect(posted.res.status).toBe(400);
    expect(posted.text).toContain('Dit soort bestand nemen wij niet aan');
    expect(await complaintCount()).toBe(before);
  });

  it('without the CSRF cookie: 403, nothing stored', async () => {
    const { client, page } = await openForm();
    const before = await complaintCount();
    const stranger = new Client(h.baseUrl);
    const posted = await stranger.post('/klacht-indienen', filled(client, page.text));
    expect(posted.res.status).toBe(403);
    expect(await complaintCount()).toBe(before);
  });

  it('submissions are rate limited per client IP', async () => {
    const limited = await startPage({
      db: h.db,
      rateLimits: { webFormPerIp: { limit: 1, windowMs: 60_000 } },
    });
    try {
      const { client, page } = await openForm(limited);
      const first = await client.post('/klacht-indienen', filled(client, page.text));
      expect(first.res.status).toBe(200);
      const before = await complaintCount(limited);
      const second = await client.post(
        '/klacht-indienen',
        filled(client, page.text, { n: 'AAAAAAAAAAAAAAAAAAAAAA' }),
      );
      expect(second.res.status).toBe(429);
      expect(await complaintCount(limited)).toBe(before);
    } finally {
      await limited.close();
    }
  });
});
