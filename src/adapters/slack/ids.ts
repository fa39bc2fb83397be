/** Everything the Slack app registers; manifest/slack/manifest.yaml must match (tested). */
export const SLASH_COMMAND = '/klacht';
export const REPORT_SHORTCUT = 'kb_report_message';
export const EVENTS = ['app_home_opened', 'message.im'] as const;

/** Modal callback ids. */
export const REPORT_VIEW = 'kb_report_form';
export const COMMAND_VIEW = 'kb_command_form';

/** Button that opens the report modal (App Home). */
export const OPEN_REPORT_ACTION = 'kb_open_report';
/** Button on a list item: shows the complaint (value: its id). */
export const OPEN_COMPLAINT_ACTION = 'kb_open';
/** "More" under a list (value: the list, the offset and where it is shown). */
export const LIST_MORE_ACTION = 'kb_list_more';

/** The action id inside every input block; the block id names the field. */
export const INPUT_ACTION = 'value';

/** Requests larger than this are refused with 413 (Slack's payloads stay far below it). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Accepted clock difference between Slack and us, in both directions. */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;
