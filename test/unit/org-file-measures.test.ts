import { describe, expect, it } from 'vitest';
import { DEMO_ORG_YAML } from '../../src/config/demo-org.js';
import { OrgConfigError, parseOrgConfig } from '../../src/config/org-file.js';

/** `measures.reviewAfter` in the organisation file (issue 13): the effectiveness review's delay. */
describe('the measures section of the organisation file', () => {
  const problemsOf = (yaml: string) => {
    try {
      parseOrgConfig(yaml, 'org.yaml');
      return [];
    } catch (error) {
      if (error instanceof OrgConfigError) return error.problems;
      throw error;
    }
  };

  it('reviews a measure 40 working days after implementation unless the file says otherwise', () => {
    expect(parseOrgConfig(DEMO_ORG_YAML, 'org.yaml').measures).toEqual({ reviewAfter: 40 });
    expect(
      parseOrgConfig(`${DEMO_ORG_YAML}measures: { reviewAfter: 60 }\n`, 'org.yaml').measures,
    ).toEqual({ reviewAfter: 60 });
  });

  it('refuses a delay that is no whole number of working days, and unknown keys', () => {
    const lines = DEMO_ORG_YAML.split('\n').length;
    expect(problemsOf(`${DEMO_ORG_YAML}measures: { reviewAfter: 0, reviewBy: kim }\n`)).toEqual([
      `org.yaml:${lines}:26 measures.reviewAfter: must be a whole number of working days from 1 to 260, got 0`,
      `org.yaml:${lines}:29 measures.reviewBy: unknown key`,
    ]);
  });
});
