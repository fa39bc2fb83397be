import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { REPORT_FORM } from '../../app/forms/definitions.js';
import { formErrors } from '../../app/forms/errors.js';
import { initialValues } from '../../app/forms/model.js';
import { reportInput } from '../../app/forms/payloads.js';
import { translator } from '../../app/messages/catalogue.js';
import { reportComplaint, reportedNotice } from '../../app/report-complaint.js';
import type { Locale } from '../../domain/people.js';
import { renderTextCard } from './cards/message-card.js';
import {
  type ReportSubmission,
  readReportSubmission,
  renderReportForm,
} from './cards/report-form.js';
import type { AdaptiveCardJson } from './cards/types.js';
import { errorText, identifyUser, type TeamsContext, within } from './context.js';
import { formPeople } from './search.js';

/** Loading the form's choices again after an error. */
const LOOKUP_TIMEOUT_MS = 1_000;

export async function reportForm(
  ctx: TeamsContext,
  locale: Locale,
  mode: 'execute' | 'submit',
  prefill: { description?: string; sourceLink?: string | null } = {},
): Promise<AdaptiveCardJson> {
  const categories = await ctx.deps.store.repository.listCategories();
  return renderReportForm({
    locale,
    categories,
    values: initialValues(
      REPORT_FORM,
      prefill.description ? { description: prefill.description } : {},
    ),
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
 * the user's text, the problems per field and the error — also when the reporter cannot even
 * be identified because the register is down.
 */
export async function submitReport(
  ctx: TeamsContext,
  turn: TurnContext,
  locale: Locale,
  data: Record<string, unknown>,
  mode: 'execute' | 'submit',
): Promise<ReportOutcome> {
  const submission = readReportSubmission(data);
  const intakeKey = `teams:${submission.formId ?? turn.activity.id ?? randomUUID()}`;
  try {
    const reporter = await identifyUser(ctx, turn);
    const input = reportInput(submission.values, {
      reporterId: reporter.id,
      intakeKey,
      sourceLink: submission.sourceLink,
    });
    // No timer races the registration: it could say "not saved" about a transaction that
    // commits later. The database gives up first (postgres/store.ts, within 1.5 s of work).
    const { complaint } = await reportComplaint(ctx.deps, input);
    ctx.wakeOutbox();
    const t = translator(locale);
    return {
      ok: true,
      reference: complaint.reference,
      card: renderTextCard(t('form.report.title'), reportedNotice(locale, complaint.reference)),
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
  // With the register down the categories cannot be loaded: keep the text, show the error
  // (bounded, so the answer still comes within the invoke's time).
  const [categories, people] = await Promise.all([
    within(ctx.deps.store.repository.listCategories(), LOOKUP_TIMEOUT_MS).catch(() => []),
    within(formPeople(ctx, REPORT_FORM, submission.values), LOOKUP_TIMEOUT_MS).catch(() => []),
  ]);
  return renderReportForm({
    locale,
    categories,
    values: submission.values,
    errors: formErrors(REPORT_FORM, locale, error).fields,
    people,
    error: errorText(ctx, locale, error),
    formId: submission.formId ?? randomUUID(),
    sourceLink: submission.sourceLink,
    mode,
  });
}
