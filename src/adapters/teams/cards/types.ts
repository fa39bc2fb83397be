/**
 * The data of each template in `adaptive-cards/` (after OfficeDev/teams-toolkit-samples'
 * cardModels.ts). Every field always has a value: the templating library leaves an undefined
 * field as a literal `${path}`. User text lives only here, never in a template.
 */

/** Data carried by Action.Execute buttons; the verb says what to do. */
export interface ActionData {
  complaintId: string;
  version: number;
  /** Outbox message kind the card was sent as, so a refresh re-renders the same view. */
  kind: string;
  /** Set on a form's submit button: run the command with the inputs. */
  submit?: boolean;
  /**
   * The outbox payload of the message the card was sent as (ids and event facts, never
   * complaint text), so a refresh composes the same message instead of guessing from state.
   */
  payload?: Record<string, string | number | boolean | null>;
}

/** `adaptive-cards/message.json`: any MessageModel, and the base card shown to everyone. */
export interface CardAction {
  title: string;
  verb: string;
  style: 'positive' | 'destructive' | 'default';
  data: ActionData;
}

export interface MessageCardData {
  summary: string;
  title: string;
  notice: string;
  error: string;
  intro: string;
  facts: { label: string; value: string }[];
  sections: { heading: string; text: string }[];
  footer: string;
  actions: CardAction[];
  /** Actions beyond the first few, behind a "Meer…" (Action.ShowCard); empty for none. */
  moreActions: CardAction[];
  moreTitle: string;
  hasRefresh: boolean;
  refreshTitle: string;
  refreshVerb: string;
  refreshData: ActionData | Record<string, never>;
  /** User MRIs (`29:…`) who get the user-specific view; at most 60. */
  refreshUserIds: string[];
  /** A chart as a `data:image/png;base64,…` URI, or '' for none (the yearly digest). */
  image: string;
}

/**
 * `heading`: a group's title (its label), no input; `note`: a text (its hint) where a surface
 * has no input for the field (files on Teams go in the 1:1 chat).
 */
export type FormFieldKind =
  | 'text'
  | 'choice'
  | 'person'
  | 'date'
  | 'time'
  | 'toggle'
  | 'heading'
  | 'note';

/** One input of `form.json`, rendered from a field of the form model (src/app/forms). */
export interface FormField {
  kind: FormFieldKind;
  id: string;
  label: string;
  value: string;
  hint: string;
  /** The domain's reason next to the field, or ''. */
  error: string;
  required: boolean;
  requiredMessage: string;
  multiline: boolean;
  /** Text inputs: the model's limit; 0 for other kinds. */
  maxLength: number;
  /** `choice`: a dropdown (`compact`) or radio buttons (`expanded`). */
  style: 'compact' | 'expanded';
  /** `choice`: every option; `person`: only the person chosen so far (so its name shows). */
  choices: { title: string; value: string }[];
  /** `person`: the `Data.Query` dataset the type-ahead asks the bot for (`application/search`). */
  dataset: string;
  placeholder: string;
  /** `toggle`: the text beside the box. */
  optionTitle: string;
}

/** `adaptive-cards/form.json`: the report form and every command's input form. */
export interface FormCardData {
  title: string;
  subtitle: string;
  error: string;
  fields: FormField[];
  /** `execute` in a chat card (Action.Execute), `submit` in a dialog (Action.Submit). */
  submitKind: 'execute' | 'submit';
  submitTitle: string;
  submitVerb: string;
  submitData: Record<string, string | number | boolean>;
  cancelTitle: string;
  /** Empty: no cancel button (a dialog has its own close button). */
  cancelVerb: string;
  cancelData: Record<string, string | number | boolean>;
}

export interface TemplateData {
  message: MessageCardData;
  form: FormCardData;
}

export type TemplateName = keyof TemplateData;

/** An expanded Adaptive Card (JSON). */
export type AdaptiveCardJson = Record<string, unknown> & { type: 'AdaptiveCard' };
