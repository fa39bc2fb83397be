import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** The demo organisation with Slack user ids and Teams AAD object ids, both channels set. */
export const BENCH_ORG_YAML = `\
organisation: { name: Bench BV, locale: nl, timezone: Europe/Amsterdam }
people:
  - { id: dirk, name: Dirk Directeur, email: dirk@example.org, roles: [director], slackUserId: U0DIRK, teamsAadObjectId: 00000000-0000-4000-8000-000000000001 }
  - { id: kim, name: Kim Kwaliteit, email: kim@example.org, roles: [quality_adviser], slackUserId: U0KIM, teamsAadObjectId: 00000000-0000-4000-8000-000000000002 }
  - { id: piet, name: Piet Projectleider, email: piet@example.org, roles: [handler], slackUserId: U0PIET, teamsAadObjectId: 00000000-0000-4000-8000-000000000003 }
  - { id: hanna, name: Hanna Hoofd Service, email: hanna@example.org, roles: [handler], slackUserId: U0HANNA, teamsAadObjectId: 00000000-0000-4000-8000-000000000004 }
  - { id: mo, name: Mo Medewerker, email: mo@example.org, roles: [reporter], slackUserId: U0MO, teamsAadObjectId: 00000000-0000-4000-8000-000000000005 }
categories:
  - { key: dienstverlening, label: { nl: Dienstverlening, en: Service }, handler: piet }
  - { key: product, label: { nl: Product, en: Product }, handler: piet }
  - { key: communicatie, label: { nl: Communicatie, en: Communication }, handler: hanna }
  - { key: facturatie, label: { nl: Facturatie, en: Invoicing }, handler: hanna }
  - { key: overig, label: { nl: Overig, en: Other }, handler: hanna }
channels:
  quality: { slack: C0KWALITEIT, teams: "19:kwaliteit@thread.tacv2" }
`;

export const CATEGORIES = ['dienstverlening', 'product', 'communicatie', 'facturatie', 'overig'];

export const SLACK_USERS = [
  { id: 'U0DIRK', name: 'dirk' },
  { id: 'U0KIM', name: 'kim' },
  { id: 'U0PIET', name: 'piet' },
  { id: 'U0HANNA', name: 'hanna' },
  { id: 'U0MO', name: 'mo' },
];

export async function writeBenchOrg(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kb-bench-'));
  const file = path.join(dir, 'org.yaml');
  await writeFile(file, BENCH_ORG_YAML);
  return file;
}
