import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { addAttachments } from '../../app/attachments.js';
import { hasKey, type MessageKey, translator } from '../../app/messages/catalogue.js';
import type { Category } from '../../app/ports.js';
import { type ReportInput, reportComplaint } from '../../app/report-complaint.js';
import { checkAttachments } from '../../domain/attachment.js';
import {
  CONTACT_PREFERENCES,
  type ContactPreference,
  TEXT_LIMITS,
} from '../../domain/complaint.js';
import { isDomainError } from '../../domain/errors.js';
import type { Locale } from '../../domain/people.js';
import { isPendingReference } from '../../domain/reference.js';
import {
  allowClient,
  csrfFor,
  MEGABYTES,
  type PortalContext,
  sendForbidden,
  sendNotice,
  sendTooLarge,
  sendUnexpected,
} from './complainant-context.js';
import {
  BadFormError,
  CSRF_FIELD,
  csrfMatches,
  type ParsedForm,
  parseForm,
  sameOrigin,
} from './complainant-guard.js';
import { type Html, html, page, requestLocale, sendHtml } from './complainant-html.js';
import type { Route } from './server.js';

/**
 * The optional public intake form (issue 11), `GET`/`POST /klacht-indienen`: off unless the
 * organisation file enables it (`webForm.enabled`, with the person `registeredBy` who
 * registers what comes in). It registers a complaint from a client with intake channel
 * `web_form`, the complainant's contact details and language.
 *
 * Guards: a honeypot field hidden from people and screen readers (`display:none`; filled in,
 * the form pretends success and stores nothing), the client-IP rate limits (every request,
 * and submissions separately), the Origin/Referer check and the double-submit CSRF token
 * (cookie path /klacht-indienen). A hidden per-form nonce is the intake key, so a form sent
 * twice registers once.
 *
 * The optional file: its size is enforced while it streams and its type is checked by name
 * before anything is registered; the attachment is stored after the registration (two
 * transactions). If it is refused then (its content does not match its name), the complaint
 * stands and the confirmation says to send the file by e-mail.
 */
export function webFormRoutes(ctx: PortalContext): Route[] {
  const { webForm } = ctx.settings;
  if (!webForm.enabled) return [];
  const registeredBy = webForm.registeredBy;
  if (!registeredBy) {
    ctx.logger.warn({}, 'web form enabled without webForm.registeredBy: it stays off');
    return [];
  }
  const run =
    (handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>) =>
    async (req: IncomingMessage, res: ServerResponse) => {
      try {
        await handler(req, res);
      } catch (error) {
        sendUnexpected(ctx, req, res, error);
      }
    };
  return [
    { method: 'GET', path: FORM_PATH, handle: run((req, res) => showForm(ctx, req, res)) },
    {
      method: 'POST',
      path: FORM_PATH,
      handle: run((req, res) => submit(ctx, registeredBy, req, res)),
    },
  ];
}

const FORM_PATH = '/klacht-indienen';
const FILE_BYTES = MEGABYTES * 1024 * 1024;
const FIELD_BYTES = 4 * TEXT_LIMITS.description + 16;
const ALLOWED_EXTENSIONS = ['pdf', 'jpg', 'jpeg', 'png', 'docx', 'eml', 'msg'];
const NONCE = /^[A-Za-z0-9_-]{22}$/;

const FIELDS = [
  'name',
  'email',
  'phone',
  'address',
  'preferredContact',
  'category',
  'description',
  'desiredOutcome',
] as const;
type Field = (typeof FIELDS)[number] | 'file';
type Values = Partial<Record<(typeof FIELDS)[number], string>>;
type Errors = Partial<Record<Field, MessageKey>>;

/** The schema's field names on the form. */
const FORM_FIELD: Record<string, Field> = {
  complainantName: 'name',
  complainantEmail: 'email',
  complainantPhone: 'phone',
  complainantAddress: 'address',
  preferredContact: 'preferredContact',
  categoryKey: 'category',
  description: 'description',
  desiredOutcome: 'desiredOutcome',
};

function formLocale(req: IncomingMessage, chosen: string | null | undefined): Locale {
  return requestLocale(req.headers['accept-language'], chosen ?? null);
}

async function showForm(ctx: PortalContext, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const locale = formLocale(req, url.searchParams.get('lang'));
  if (!allowClient(ctx, req, res, undefined, locale)) return;
  const csrf = csrfFor(ctx, req, FORM_PATH);
  const categories = await activeCategories(ctx);
  const body = renderForm(ctx, locale, categories, {
    csrf: csrf.token,
    values: { preferredContact: 'email' },
    errors: {},
  });
  sendHtml(res, 200, body, csrf.headers);
}

async function activeCategories(ctx: PortalContext): Promise<Category[]> {
  const all = await ctx.deps.store.repository.listCategories();
  return all.filter((c) => c.active);
}

async function submit(
  ctx: PortalContext,
  registeredBy: string,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const headerLocale = formLocale(req, null);
  if (!allowClient(ctx, req, res, undefined, headerLocale)) return;
  if (!allowClient(ctx, req, res, ctx.limiters.webForm, headerLocale)) return;
  if (!sameOrigin(req, ctx.settings.publicBaseUrl)) return sendForbidden(ctx, req, res);
  let form: ParsedForm;
  try {
    form = await parseForm(req, { fileBytes: FILE_BYTES, files: 1, fieldBytes: FIELD_BYTES });
  } catch (error) {
    if (error instanceof BadFormError) return sendForbidden(ctx, req, res);
    throw error;
  }
  const locale = formLocale(req, form.fields.lang);
  if (form.bodyTooLarge) return sendTooLarge(ctx, req, res, locale);
  const csrf = form.fields[CSRF_FIELD];
  if (!csrfMatches(req, csrf)) return sendForbidden(ctx, req, res, locale);
  const t = translator(locale);
  if ((form.fields.website ?? '').trim() !== '') {
    // A bot filled the hidden field: it is told "received", and nothing is stored.
    ctx.logger.info({}, 'web form honeypot filled: ignored');
    return sendNotice(ctx, res, 200, locale, t('webform.done.title'), [t('webform.done.pending')]);
  }
  const values: Values = Object.fromEntries(
    FIELDS.map((field) => [field, form.fields[field] ?? '']),
  );
  const categories = await activeCategories(ctx);
  const again = (status: number, errors: Errors) =>
    sendHtml(
      res,
      status,
      renderForm(ctx, locale, categories, { csrf: csrf ?? '', values, errors }),
    );
  const errors = checkForm(form, values);
  if (Object.keys(errors).length > 0) return again(form.fileTooLarge ? 413 : 400, errors);
  const nonce = form.fields.n && NONCE.test(form.fields.n) ? form.fields.n : null;
  const input: ReportInput = {
    reporterId: registeredBy,
    kind: 'complaint',
    categoryKey: values.category ?? '',
    description: values.description ?? '',
    desiredOutcome: values.desiredOutcome || null,
    complainantType: 'client',
    complainantName: values.name || null,
    complainantEmail: values.email || null,
    complainantPhone: values.phone || null,
    complainantAddress: values.address || null,
    preferredContact: (values.preferredContact as ContactPreference) || null,
    complainantLocale: locale,
    intakeChannel: 'web_form',
    intakeKey: nonce ? `web_form:${nonce}` : null,
  };
  let reference: string;
  let complaintId: string;
  let duplicate: boolean;
  try {
    const result = await reportComplaint(ctx.deps, input);
    reference = result.complaint.reference;
    complaintId = result.complaint.id;
    duplicate = result.duplicate;
  } catch (error) {
    if (isDomainError(error) && Object.keys(error.fields).length > 0) {
      return again(400, domainErrors(error.fields));
    }
    if (isDomainError(error) && error.code === 'category.not_found') {
      return again(400, { category: 'webform.error.unknown' });
    }
    throw error;
  }
  const paragraphs = [
    isPendingReference(reference)
      ? t('webform.done.pending')
      : t('webform.done.text', { reference }),
  ];
  const [file] = form.files;
  if (file && !duplicate) {
    try {
      await addAttachments(ctx.deps, {
        complaintId,
        addedBy: registeredBy,
        source: 'web_form',
        files: [file],
      });
    } catch (error) {
      ctx.logger.warn(
        { err: error, complaintId },
        'web form attachment refused after registration',
      );
      const own = isDomainError(error) ? `error.${error.code}` : '';
      const reason = (hasKey(own) ? t(own) : t('page.error.file.refused')).replace(/\.$/, '');
      paragraphs.push(t('webform.done.file_refused', { reason }));
    }
  }
  sendNotice(ctx, res, 200, locale, t('webform.done.title'), paragraphs);
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** What the form checks before registering: the schema checks the rest. */
function checkForm(form: ParsedForm, values: Values): Errors {
  const errors: Errors = {};
  for (const field of FIELDS) {
    if (form.fieldTooLong.has(field)) errors[field] = 'webform.error.too_long';
  }
  if (!values.name?.trim()) errors.name = 'webform.error.required';
  if (!values.category) errors.category = 'webform.error.required';
  if (!values.description?.trim()) errors.description = 'webform.error.required';
  if (!values.email?.trim() && !values.phone?.trim() && !values.address?.trim()) {
    errors.email = 'webform.error.contact';
  }
  if (!CONTACT_PREFERENCES.includes(values.preferredContact as ContactPreference)) {
    errors.preferredContact = 'webform.error.required';
  }
  if (form.fileTooLarge) errors.file = 'page.error.file.too_large';
  const [file] = form.files;
  if (file && !ALLOWED_EXTENSIONS.includes(extensionOf(file.fileName))) {
    errors.file = 'webform.error.file_type';
  } else if (file && !errors.file) {
    // The full check (content, not only the name) before anything is registered: a refused
    // file leaves no complaint behind.
    try {
      checkAttachments([file], 0);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      errors.file = 'webform.error.file_type';
    }
  }
  return errors;
}

function domainErrors(fields: Readonly<Record<string, string>>): Errors {
  const errors: Errors = {};
  for (const [name, problem] of Object.entries(fields)) {
    const field = FORM_FIELD[name];
    if (!field) continue;
    errors[field] =
      problem === 'required'
        ? 'webform.error.required'
        : problem === 'too_long'
          ? 'webform.error.too_long'
          : problem === 'unknown'
            ? 'webform.error.unknown'
            : field === 'email'
              ? 'webform.error.email'
              : field === 'phone'
                ? 'webform.error.phone'
                : 'webform.error.invalid';
  }
  return errors;
}

// --- Rendering ------------------------------------------------------------------------------

interface FormState {
  csrf: string;
  values: Values;
  errors: Errors;
}

function renderForm(
  ctx: PortalContext,
  locale: Locale,
  categories: readonly Category[],
  state: FormState,
): string {
  const t = translator(locale);
  const organisation = ctx.settings.letterhead.name;
  const title = t('webform.title', { organisation });
  const { values, errors } = state;
  const message = (field: Field) => {
    const key = errors[field];
    if (!key) return null;
    return key === 'page.error.file.too_large' ? t(key, { max: MEGABYTES }) : t(key);
  };
  const described = (field: Field, hint: boolean) =>
    [hint ? `${field}-hint` : null, errors[field] ? `${field}-error` : null]
      .filter(Boolean)
      .join(' ');
  const aria = (field: Field, hint = false): Html => {
    const ids = described(field, hint);
    return html`${ids ? html` aria-describedby="${ids}"` : ''}${errors[field] ? html` aria-invalid="true"` : ''}`;
  };
  const errorLine = (field: Field) =>
    errors[field] ? html`<p class="error" id="${field}-error">${message(field)}</p>` : '';
  const required = html` <span>${t('webform.required')}</span>`;
  const input = (
    field: 'name' | 'email' | 'phone',
    type: string,
    autocomplete: string,
    isRequired: boolean,
  ) =>
    html`<label for="${field}">${t(`webform.field.${field}`)}${isRequired ? required : ''}</label>${errorLine(field)}<input id="${field}" name="${field}" type="${type}" autocomplete="${autocomplete}" maxlength="${TEXT_LIMITS.shortText}" value="${values[field] ?? ''}"${isRequired ? html` required` : ''}${aria(field)}>`;
  const area = (field: 'address' | 'description' | 'desiredOutcome', max: number, hint?: string) =>
    html`<label for="${field}">${t(`webform.field.${field}`)}${field === 'description' ? required : ''}</label>${
      hint ? html`<p class="hint" id="${field}-hint">${hint}</p>` : ''
    }${errorLine(field)}<textarea id="${field}" name="${field}" rows="${field === 'address' ? 3 : 6}" maxlength="${max}"${
      field === 'description' ? html` required` : ''
    }${field === 'address' ? html` autocomplete="street-address"` : ''}${aria(field, !!hint)}>${values[field] ?? ''}</textarea>`;
  const fieldNames = Object.keys(errors) as Field[];
  const summary =
    fieldNames.length > 0
      ? html`<div class="alert" role="alert" aria-labelledby="errors-heading"><h2 id="errors-heading">${t('page.errors.heading')}</h2><ul>${fieldNames.map(
          (field) =>
            html`<li><a href="#${field === 'preferredContact' ? 'preferredContact-email' : field}">${message(field)}</a></li>`,
        )}</ul></div>`
      : '';
  const contactChoice = html`<fieldset${aria('preferredContact')}><legend>${t('webform.field.preferredContact')}${required}</legend>${errorLine('preferredContact')}${CONTACT_PREFERENCES.map(
    (preference) =>
      html`<label class="choice" for="preferredContact-${preference}"><input type="radio" id="preferredContact-${preference}" name="preferredContact" value="${preference}"${
        values.preferredContact === preference ? html` checked` : ''
      }>${t(`intake.contact.${preference}`)}</label>`,
  )}</fieldset>`;
  const category = html`<label for="category">${t('webform.field.category')}${required}</label>${errorLine('category')}<select id="category" name="category" required${aria('category')}><option value="">${t('webform.field.category.choose')}</option>${categories.map(
    (c) =>
      html`<option value="${c.key}"${values.category === c.key ? html` selected` : ''}>${c.label[locale]}</option>`,
  )}</select>`;
  const file = html`<label for="file">${t('webform.field.file')}</label><p class="hint" id="file-hint">${t('page.answer.file.hint', { max: MEGABYTES })}</p>${errorLine('file')}<input type="file" id="file" name="file" accept=".pdf,.jpg,.jpeg,.png,.docx,.eml,.msg"${aria('file', true)}>`;
  const nonce = randomBytes(16).toString('base64url');
  const honeypot = html`<div class="hp" aria-hidden="true"><label for="website">${t('webform.field.website')}</label><input id="website" name="website" type="text" tabindex="-1" autocomplete="off"></div>`;
  const body = html`<h1>${title}</h1>${summary}<p>${t('webform.intro')}</p><form method="post" action="${FORM_PATH}" enctype="multipart/form-data" novalidate><input type="hidden" name="${CSRF_FIELD}" value="${state.csrf}"><input type="hidden" name="n" value="${nonce}"><input type="hidden" name="lang" value="${locale}">${honeypot}<h2>${t('webform.group.you')}</h2>${input('name', 'text', 'name', true)}${input('email', 'email', 'email', false)}${input('phone', 'tel', 'tel', false)}${area('address', TEXT_LIMITS.shortText, t('webform.field.address.hint'))}${contactChoice}<h2>${t('webform.group.complaint')}</h2>${category}${area('description', TEXT_LIMITS.description)}${area('desiredOutcome', TEXT_LIMITS.desiredOutcome)}${file}<button type="submit">${t('webform.button')}</button></form>`;
  return page({ locale, title, organisation, body });
}
