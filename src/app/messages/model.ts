import type { Command } from '../../domain/lifecycle.js';

/** Commands whose button opens a form (modal / dialog) before anything is decided. */
export const COMMANDS_WITH_FORM: readonly Command[] = [
  'request_info',
  'provide_info',
  'declare_unfounded',
  'record_resolution',
  'add_measure',
  'object',
  'record_acceptance',
  'record_objection',
  'appoint_mediator',
  'record_final_outcome',
  'reassign',
  'classify',
  'declare_inadmissible',
  'agree_solution',
  'report_fix_done',
  'extend_deadline',
  'record_committee_verdict',
  'record_private_note',
];

/** Slack `action_id` and Teams `Action.Execute` verb of a command: one id on both surfaces. */
export function actionId(command: Command): string {
  return `kb_${command}`;
}

export function commandOfAction(id: string): Command | null {
  return id.startsWith('kb_') ? (id.slice(3) as Command) : null;
}

export interface ActionModel {
  command: Command;
  id: string;
  label: string;
  style: 'primary' | 'danger' | 'default';
  opensForm: boolean;
}

export interface Fact {
  label: string;
  value: string;
}

export interface Section {
  heading: string;
  /** User text: renderers escape it (Slack mrkdwn) or bind it as data (Adaptive Cards). */
  text: string;
}

/**
 * A platform-neutral message: Block Kit and Adaptive Card renderers are pure functions of it,
 * so both surfaces show the same information in the same order.
 */
export interface MessageModel {
  /** Plain-text fallback and notification text; never confidential for channel posts. */
  summary: string;
  title: string;
  intro: string | null;
  facts: Fact[];
  sections: Section[];
  actions: ActionModel[];
  footer: string | null;
  complaint: { id: string; reference: string; version: number } | null;
}
