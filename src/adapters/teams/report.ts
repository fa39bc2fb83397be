import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { translator } from '../../app/messages/catalogue.js';
import { reportComplaint } from '../../app/report-complaint.js';
import { isDomainError } from '../../domain/errors.js';
import type { Locale, Person } from '../../domain/people.js';
import { renderTextCard } from './cards/message-card.js';
import {
  type ReportSubmission,
  readReportSubmission,
  renderReportForm,
  reportInput,
} from './cards/report-form.js';
import type { AdaptiveCardJson } from './cards/types.js';
import { errorText, type TeamsContext, within } from './context.js';

/** The user is told within 3 s when the register does not answer (DESIGN.md §8). */
const REPORT_TIMEOUT_MS = 2_500;

export async function reportForm(
  ctx: TeamsContext,
  locale: Locale,
  mode: 'execute' | 'submit',
  prefill: { description?: string; sourceLink?: string | null } = {},
): Promise<AdaptiveCardJson> {
  const repo = ctx.deps.store.repository;
  const [categories, people] = await Promise.all([repo.listCategories(), repo.listPeople()]);
  return renderReportForm({
    locale,
    categories,
    people,
    values: prefill.description ? { description: prefill.description } : {},
    formId: randomUUID(),
    sourceLink: prefill.sourceLink ?? null,
    mode,
  });
}

export type ReportOutcome =
  | { ok: true; card: AdaptiveCardJson; reference: string }
  | { ok: false; card: AdaptiveCardJson };

/**
 * A submitted report form: registered (commit before confirm), or the same form back with
 * the user's text, the problems per field and the error.
 */
export async function submitReport(
  ctx: TeamsContext,
  turn: TurnContext,
  reporter: Person,
  locale: Locale,
  data: Record<string, unknown>,
  mode: 'execute' | 'submit',
): Promise<ReportOutcome> {
  const submission = readReportSubmission(data);
  const intakeKey = `teams:${submission.formId ?? turn.activity.id ?? randomUUID()}`;
  try {
    const { complaint } = await within(
      reportComplaint(ctx.deps, reportInput(submission, reporter.id, intakeKey)),
      REPORT_TIMEOUT_MS,
    );
    ctx.wakeOutbox();
    const t = translator(locale);
    return {
      ok: true,
      reference: complaint.reference,
      card: renderTextCard(
        t('form.report.title'),
        t('done.reported', { reference: complaint.reference }),
      ),
    };
  } catch (error) {
    return { ok: false, card: await formAgain(ctx, locale, submission, error, mode) };
  }
}

async function formAgain(
  ctx: TeamsContext,
  locale: Locale,
  submission: ReportSubmission,
  error: unknown,
  mode: 'execute' | 'submit',
): Promise<AdaptiveCardJson> {
  const repo = ctx.deps.store.repository;
  // With the register down the choices cannot be loaded: keep the text, show the error.
  const [categories, people] = await Promise.all([
    repo.listCategories().catch(() => []),
    repo.listPeople().catch(() => []),
  ]);
  return renderReportForm({
    locale,
    categories,
    people,
    values: submission.values,
    problems: isDomainError(error) ? error.fields : {},
    error: errorText(ctx, locale, error),
    formId: submission.formId ?? randomUUID(),
    sourceLink: submission.sourceLink,
    mode,
  });
}
