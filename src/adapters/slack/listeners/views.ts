import type { App, types } from '@slack/bolt';
import { z } from 'zod';
import { commandForm, REPORT_FORM } from '../../../app/forms/definitions.js';
import { formErrors } from '../../../app/forms/errors.js';
import type { FormModel, FormValues } from '../../../app/forms/model.js';
import {
  attachmentFileIds,
  checkForm,
  commandPayload,
  reportInput,
} from '../../../app/forms/payloads.js';
import { translate } from '../../../app/messages/catalogue.js';
import { reportComplaint, reportedNotice } from '../../../app/report-complaint.js';
import { runCommand } from '../../../app/run-command.js';
import type { Complaint } from '../../../domain/complaint.js';
import { COMMANDS } from '../../../domain/lifecycle.js';
import type { Locale } from '../../../domain/people.js';
import { attachSlackFiles, slackText } from '../attachments.js';
import { readFields, type ViewState } from '../block-kit/fields.js';
import { plain } from '../block-kit/text.js';
import { COMMAND_VIEW, REPORT_VIEW } from '../ids.js';
import { errorText, identify, type SlackActor, type SlackRuntime } from '../runtime.js';
import { tellPrivately } from './open-view.js';

/**
 * Slack closes a modal after 3 s without an answer. No timer races the submission (a timer
 * could say "not saved" about a transaction that commits afterwards): the database gives up
 * first (store.ts: lock 1 s, statement 1.2 s, transaction 1.5 s) and the answer is the real
 * outcome.
 */

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

/**
 * A failed submission → `response_action: errors`: the domain's reason next to each field of
 * this form, and the error's sentence on the fallback field when no field shows it.
 */
export function viewErrors(
  runtime: SlackRuntime,
  lang: Locale,
  model: FormModel,
  error: unknown,
  fallback: string,
): Record<string, string> {
  const { fields, general } = formErrors(model, lang, error);
  if (general && !fields[fallback]) fields[fallback] = errorText(runtime, lang, error);
  return fields;
}

function doneView(title: string, text: string): types.ModalView {
  return {
    type: 'modal',
    title: plain(title, 24),
    close: plain('OK', 24),
    blocks: [{ type: 'section', text: plain(text, 3000) }],
  };
}

/** People fields hold Slack user ids; the use cases expect person ids. */
async function withPersonIds(
  runtime: SlackRuntime,
  model: FormModel,
  values: FormValues,
): Promise<FormValues> {
  const out = { ...values };
  for (const field of model.fields) {
    const slackUserId = values[field.name];
    if (field.kind === 'person' && slackUserId) {
      out[field.name] = (await identify(runtime, slackUserId)).person.id;
    }
  }
  return out;
}

export function registerViews(app: App, runtime: SlackRuntime): void {
  app.view(REPORT_VIEW, async ({ ack, body, view, client }) => {
    const m = meta(reportMeta, view.private_metadata) ?? {
      locale: runtime.org.organisation.locale,
      sourceLink: null,
    };
    const values = readFields(REPORT_FORM.fields, view.state.values as ViewState);
    let reported: Awaited<ReturnType<typeof submitReport>>;
    try {
      reported = await submitReport(runtime, body.user.id, view.id, values, m.sourceLink);
      runtime.wakeOutbox();
      await ack({
        response_action: 'update',
        view: doneView(
          translate(m.locale, 'form.report.title'),
          reportedNotice(m.locale, reported.complaint.reference),
        ),
      });
    } catch (error) {
      await ack({
        response_action: 'errors',
        errors: viewErrors(runtime, m.locale, REPORT_FORM, error, 'description'),
      });
      return;
    }
    // The files are fetched after the modal is answered (Slack waits 3 s at most); the
    // complaint is registered whatever happens to them.
    const fileIds = attachmentFileIds(values);
    if (fileIds.length > 0 && !reported.duplicate) {
      await attachReportFiles(runtime, client, body.user.id, reported, fileIds);
    }
  });

  app.view(COMMAND_VIEW, async ({ ack, body, view, client }) => {
    const m = meta(commandMeta, view.private_metadata);
    if (!m) {
      await ack();
      return;
    }
    const model = commandForm(m.cmd);
    if (!model) {
      await ack();
      return;
    }
    const values = readFields(model.fields, view.state.values as ViewState);
    try {
      checkForm(model, values); // before any database work
      const actor = await identify(runtime, body.user.id);
      const payload = commandPayload(m.cmd, await withPersonIds(runtime, model, values));
      const result = await runCommand(runtime.deps, {
        complaint: m.c,
        actor: { kind: 'person', person: actor.person },
        command: m.cmd,
        payload,
        // No expectedVersion: a form is a deliberate act, re-checked against the current
        // state (permission, transition, compare-and-set); a card shown before an unrelated
        // change (a mediator appointed) must not block the decision.
        requestKey: `slack:view:${view.id}`,
      });
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
        errors: viewErrors(runtime, m.locale, model, error, model.fields[0]?.name ?? 'value'),
      });
    }
  });
}

async function submitReport(
  runtime: SlackRuntime,
  slackUserId: string,
  viewId: string,
  values: FormValues,
  sourceLink: string | null,
) {
  checkForm(REPORT_FORM, values); // before any database work
  const actor = await identify(runtime, slackUserId);
  const input = reportInput(await withPersonIds(runtime, REPORT_FORM, values), {
    reporterId: actor.person.id,
    intakeKey: `slack:view:${viewId}`,
    sourceLink,
  });
  return { ...(await reportComplaint(runtime.deps, input)), actor };
}

/**
 * The report form's files onto the new complaint; the reporter hears privately (DM) which
 * files were stored, or that none were and why, and how to send them again.
 */
async function attachReportFiles(
  runtime: SlackRuntime,
  client: Parameters<typeof attachSlackFiles>[1],
  slackUserId: string,
  { actor, complaint }: { actor: SlackActor; complaint: Complaint },
  fileIds: readonly string[],
): Promise<void> {
  try {
    // The reference is drawn right after the commit: read it again for the message.
    const current = await runtime.deps.store.repository.findComplaint(complaint.id);
    const reference = current?.reference ?? complaint.reference;
    const outcome = await attachSlackFiles(runtime, client, {
      person: actor.person,
      locale: actor.locale,
      complaintId: complaint.id,
      reference,
      fileIds,
    });
    const text = outcome.ok
      ? outcome.text
      : translate(actor.locale, 'attachment.refused.after_report', {
          reference,
          reason: outcome.text,
        });
    await tellPrivately(runtime, { client, userId: slackUserId }, { text: slackText(text) }, [
      'dm',
    ]);
  } catch (error) {
    runtime.logger.error({ err: error, complaintId: complaint.id }, 'report files not stored');
  }
}
