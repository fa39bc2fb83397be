import { type OrgConfig, parseOrgConfig } from './org-file.js';

/**
 * The built-in demo organisation, used when ORG_CONFIG is not set. Its people are also the
 * Agents Playground users, so their Teams AAD object ids are fixed.
 */
export const DEMO_ORG_YAML = `\
organisation: { name: Demo Organisatie BV, locale: nl, timezone: Europe/Amsterdam }
people:
  - id: dirk
    name: Dirk Directeur
    email: dirk@example.org
    roles: [director]
    teamsAadObjectId: 00000000-0000-4000-8000-000000000001
  - id: kim
    name: Kim Kwaliteit
    email: kim@example.org
    roles: [quality_adviser]
    teamsAadObjectId: 00000000-0000-4000-8000-000000000002
  - id: piet
    name: Piet Projectleider
    email: piet@example.org
    roles: [handler]
    teamsAadObjectId: 00000000-0000-4000-8000-000000000003
  - id: hanna
    name: Hanna Hoofd Service
    email: hanna@example.org
    roles: [handler]
    teamsAadObjectId: 00000000-0000-4000-8000-000000000004
  - id: mo
    name: Mo Medewerker
    email: mo@example.org
    roles: [reporter]
    teamsAadObjectId: 00000000-0000-4000-8000-000000000005
categories:
  - { key: dienstverlening, label: { nl: Dienstverlening, en: Service }, handler: piet }
  - { key: product, label: { nl: Product, en: Product }, handler: piet }
  - { key: communicatie, label: { nl: Communicatie, en: Communication }, handler: hanna }
  - { key: facturatie, label: { nl: Facturatie, en: Invoicing }, handler: hanna }
  - { key: overig, label: { nl: Overig, en: Other }, handler: hanna }
`;

export const DEMO_ORG_FILE_NAME = '<demo organisation>';

/** The demo organisation, validated exactly like a real organisation file. */
export function demoOrgConfig(): OrgConfig {
  return parseOrgConfig(DEMO_ORG_YAML, DEMO_ORG_FILE_NAME);
}
