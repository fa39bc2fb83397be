import type { App, types } from '@slack/bolt';
import { z } from 'zod';
import { translate } from '../../../app/messages/catalogue.js';
import { reportComplaint } from '../../../app/report-complaint.js';
import { runCommand } from '../../../app/run-command.js';
import { DomainError, isDomainError } from '../../../domain/errors.js';
import { COMMANDS, type Command } from '../../../domain/lifecycle.js';
import type { Locale } from '../../../domain/people.js';
import { type FieldInitial, readFields, type ViewState } from '../block-kit/fields.js';
import { commandFields, reportFields } from '../block-kit/forms.js';
import { plain } from '../block-kit/text.js';
import { COMMAND_VIEW, REPORT_VIEW } from '../ids.js';
import { domainErrorText, errorText, identify, type SlackRuntime } from '../runtime.js';

/** Slack closes a modal after 3 s without an answer; we answer before that, whatever happens. */
export const SUBMIT_BUDGET_MS = 2_500;

const locale = z.enum(['nl', 'en']);
const reportMeta = z.object({ locale, sourceLink: z.string().nullable() });
const commandMeta = z.object({
  c: z.string(),
  v: z.number().int(),
  cmd: z.enum(COMMANDS),
  locale,
  ch: z.string().nullable(),
});

function meta<T>(schema: z.ZodType<T>, text: string): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Runs the work, or fails with `database.unavailable` when it takes longer than the budget. */
async function withinBudget<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DomainError('database.unavailable', 'Took too long')),
      SUBMIT_BUDGET_MS,
    );
  });
  work.catch(() => {}); // a late failure has been answered already
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** DomainError field problems → `response_action: errors`, next to the fields of this form. */
export function viewErrors(
  runtime: SlackRuntime,
  lang: Locale,
  error: unknown,
  fields: readonly string[],
  fallback: string,
): Record<string, string> {
  if (!isDomainError(error) || error.code === 'database.unavailable') {
    return { [fallback]: errorText(runtime, lang, error) };
  }
  const errors: Record<string, string> = {};
  let unmatched = Object.keys(error.fields).length === 0;
  for (const [field, problem] of Object.entries(error.fields)) {
    if (fields.includes(field)) errors[field] ??= translate(lang, `problem.${problem}`);
    else unmatched = true;
  }
  if (unmatched) errors[fallback] ??= domainErrorText(lang, error);
  return errors;
}

function doneView(title: string, text: string): types.ModalView {
  return {
    type: 'modal',
    title: plain(title, 24),
    close: plain('OK', 24),
    blocks: [{ type: 'section', text: plain(text, 3000) }],
  };
}

/** A users_select value (Slack user id) → the person id the use cases expect. */
async function personOf(runtime: SlackRuntime, slackUserId: string | undefined) {
  if (!slackUserId) return null;
  return (await identify(runtime, slackUserId)).person.id;
}

export function registerViews(app: App, runtime: SlackRuntime): void {
  app.view(REPORT_VIEW, async ({ ack, body, view }) => {
    const m = meta(reportMeta, view.private_metadata) ?? {
      locale: runtime.org.organisation.locale,
      sourceLink: null,
    };
    const specs = reportFields(runtime.org, m.locale);
    const names = specs.map((s) => s.name);
    const input = readFields(specs, view.state.values as ViewState);
    if (input.concernsEmployee === 'yes' && !input.subjectPersonId) {
      await ack({
        response_action: 'errors',
        errors: { subjectPersonId: translate(m.locale, 'problem.required') },
      });
      return;
    }
    try {
      const { complaint } = await withinBudget(
        submitReport(runtime, body.user.id, view.id, input, m.sourceLink),
      );
      runtime.wakeOutbox();
      await ack({
        response_action: 'update',
        view: doneView(
          translate(m.locale, 'form.report.title'),
          translate(m.locale, 'done.reported', { reference: complaint.reference }),
        ),
      });
    } catch (error) {
      await ack({
        response_action: 'errors',
        errors: viewErrors(runtime, m.locale, error, names, 'description'),
      });
    }
  });

  app.view(COMMAND_VIEW, async ({ ack, body, view, client }) => {
    const m = meta(commandMeta, view.private_metadata);
    if (!m) {
      await ack();
      return;
    }
    const specs = commandFields(m.cmd, m.locale);
    const names = specs.map((s) => s.name);
    const input = readFields(specs, view.state.values as ViewState);
    try {
      const { actor, result } = await withinBudget(
        (async () => {
          const actor = await identify(runtime, body.user.id);
          const payload = await commandPayload(runtime, m.cmd, input);
          const result = await runCommand(runtime.deps, {
            complaint: m.c,
            actor: { kind: 'person', person: actor.person },
            command: m.cmd,
            payload,
            // No expectedVersion: a form is a deliberate act, re-checked against the current
            // state (permission, transition, compare-and-set); a card shown before an
            // unrelated change (a mediator appointed) must not block the decision.
            requestKey: `slack:view:${view.id}`,
          });
          return { actor, result };
        })(),
      );
      await ack();
      runtime.wakeOutbox();
      if (m.ch && !result.duplicate) {
        await client.chat
          .postEphemeral({
            channel: m.ch,
            user: body.user.id,
            text: translate(actor.locale, 'done.command', {
              action: translate(actor.locale, `action.${m.cmd}`).replace(/…$/, ''),
              reference: result.complaint.reference,
            }),
          })
          .catch(() => {});
      }
    } catch (error) {
      await ack({
        response_action: 'errors',
        errors: viewErrors(runtime, m.locale, error, names, names[0] ?? 'value'),
      });
    }
  });
}

async function submitReport(
  runtime: SlackRuntime,
  slackUserId: string,
  viewId: string,
  input: FieldInitial,
  sourceLink: string | null,
) {
  const actor = await identify(runtime, slackUserId);
  const concerns = input.concernsEmployee === 'yes';
  return reportComplaint(runtime.deps, {
    reporterId: actor.person.id,
    kind: input.kind as 'complaint' | 'feedback' | undefined,
    categoryKey: input.categoryKey ?? '',
    description: input.description ?? '',
    desiredOutcome: input.desiredOutcome ?? null,
    complainantType: input.complainantType as 'client' | undefined,
    complainantName: input.complainantName ?? null,
    complainantContact: input.complainantContact ?? null,
    intakeChannel: input.intakeChannel as 'chat' | undefined,
    occurredOn: input.occurredOn ?? null,
    relatedTo: input.relatedTo ?? null,
    sourceLink,
    concernsEmployee: concerns,
    subjectPersonId: concerns ? await personOf(runtime, input.subjectPersonId) : null,
    intakeKey: `slack:view:${viewId}`,
  });
}

/** Form values → the command's payload; people picked in Slack become person ids. */
async function commandPayload(
  runtime: SlackRuntime,
  command: Command,
  input: FieldInitial,
): Promise<Record<string, unknown>> {
  switch (command) {
    case 'appoint_mediator':
      return { mediatorId: await personOf(runtime, input.mediatorId) };
    case 'reassign':
      return { handlerId: await personOf(runtime, input.handlerId) };
    case 'add_measure':
      return {
        scope: input.scope,
        type: input.type,
        description: input.description ?? '',
        ownerId: await personOf(runtime, input.ownerId),
        dueOn: input.dueOn ?? null,
      };
    case 'record_resolution': {
      const improvement = input['improvement.description'];
      return {
        resolution: input.resolution ?? '',
        cause: input.cause,
        correctiveMeasure: input.correctiveMeasure ?? '',
        preventiveMeasure: input.preventiveMeasure ?? null,
        improvement: improvement
          ? {
              scope: 'organisation',
              type: 'preventive',
              description: improvement,
              ownerId: await personOf(runtime, input['improvement.ownerId']),
              dueOn: input['improvement.dueOn'] ?? null,
            }
          : null,
      };
    }
    default:
      return { ...input };
  }
}
