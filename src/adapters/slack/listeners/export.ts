import { exportRegister } from '../../../app/export-register.js';
import { translate } from '../../../app/messages/catalogue.js';
import { escapeMrkdwn } from '../block-kit/text.js';
import { errorText, identify, quickLocale, type SlackRuntime, slackErrorCode } from '../runtime.js';
import { type Reach, tellPrivately } from './open-view.js';

/**
 * `/klacht export <period>` (issue 13): the register as XLSX and CSV, uploaded into the
 * person's direct message with the bot (files.uploadV2 to the DM: the files are shared there
 * only, never in the channel the command was typed in). A refusal, a bad period or a failure
 * is told privately where the command was typed.
 */
export async function exportOnSlack(
  runtime: SlackRuntime,
  reach: Reach,
  argument: string,
): Promise<void> {
  let locale = quickLocale(runtime, reach.userId);
  try {
    const actor = await identify(runtime, reach.userId);
    locale = actor.locale;
    const outcome = await exportRegister(runtime.deps, actor.person, argument, locale);
    if (!outcome.ok) {
      await tellPrivately(runtime, reach, { text: escapeMrkdwn(outcome.text) });
      return;
    }
    try {
      const dm = (await reach.client.conversations.open({ users: reach.userId })).channel?.id;
      if (!dm) throw new Error('conversations.open returned no channel');
      await reach.client.filesUploadV2({
        channel_id: dm,
        initial_comment: escapeMrkdwn(outcome.comment),
        file_uploads: outcome.files.map((f) => ({
          file: Buffer.from(f.data),
          filename: f.fileName,
          title: f.fileName,
        })),
      });
    } catch (error) {
      runtime.logger.warn({ code: slackErrorCode(error) }, 'register upload to the DM failed');
      await tellPrivately(runtime, reach, {
        text: escapeMrkdwn(translate(locale, 'export.failed')),
      });
      return;
    }
    await tellPrivately(runtime, reach, { text: escapeMrkdwn(outcome.sent) });
  } catch (error) {
    await tellPrivately(runtime, reach, { text: errorText(runtime, locale, error) });
  }
}
