import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IncomingFile } from '../../app/attachments.js';
import {
  type ComplainantPageView,
  complainantAnswers,
  complainantReacts,
  type LinkRefusal,
  loadComplainantPage,
} from '../../app/complainant-portal.js';
import {
  formatLocalDate,
  hasKey,
  type MessageKey,
  translator,
} from '../../app/messages/catalogue.js';
import { TEXT_LIMITS } from '../../domain/complaint.js';
import { isDomainError } from '../../domain/errors.js';
import type { Locale } from '../../domain/people.js';
import {
  allowClient,
  type ComplainantRoutesOptions,
  csrfFor,
  MEGABYTES,
  nowMs,
  type PortalContext,
  portalContext,
  sendForbidden,
  sendNotice,
  sendTooLarge,
  sendTooMany,
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
import {
  contactBlock,
  type Html,
  html,
  page,
  redirect,
  requestLocale,
  sendHtml,
} from './complainant-html.js';
import { webFormRoutes } from './complainant-web-form.js';
import type { Route } from './server.js';
import { verifyToken } from './signed-token.js';

export { type ComplainantRoutesOptions, DEFAULT_RATE_LIMITS } from './complainant-context.js';

/**
 * The complainant's page (issue 11) on the service's HTTP server, and the optional public
 * web form (complainant-web-form.ts). Server-rendered, without JavaScript:
 *
 * - `GET /klager?t=<token>`: the complaint in plain language, in the complainant's language.
 *   The token is signed (purpose `complainant`, sub = complainant_links.id) and expires; the
 *   link row must exist, be unexpired and unrevoked. Anything else gets a page saying how to
 *   reach the organisation (404 unknown or forged, 410 expired, revoked or anonymised), and
 *   nothing changes.
 * - `POST /klager/reactie` (accept, or object with a reason) and `POST /klager/antwoord` (the
 *   answer to an information request, with an optional file): the token and the page's version
 *   ride in hidden fields; on success a 303 back to the page with a confirmation.
 *
 * Every POST passes, in order: the client-IP rate limit, the Origin/Referer check, the body
 * limits (files are discarded while they stream once over 10 MB), the double-submit CSRF
 * token (cookie `kb_csrf`, `SameSite=Strict; HttpOnly; Path=/klager`, against the hidden
 * field, in constant time), the token, and the per-link rate limit. Rate limits: see
 * DEFAULT_RATE_LIMITS (fixed windows in memory, per process).
 */
export function complainantRoutes(options: ComplainantRoutesOptions): Route[] {
  const ctx = portalContext(options);
  return [
    { method: 'GET', path: '/klager', handle: (req, res) => guarded(ctx, req, res, showPage) },
    {
      method: 'POST',
      path: '/klager/reactie',
      handle: (req, res) => guarded(ctx, req, res, (c, q, r) => post(c, q, r, react)),
    },
    {
      method: 'POST',
      path: '/klager/antwoord',
      handle: (req, res) => guarded(ctx, req, res, (c, q, r) => post(c, q, r, answer)),
    },
    ...webFormRoutes(ctx),
  ];
}

const PAGE_PATH = '/klager';
const PURPOSE = 'complainant';

type Handler = (ctx: PortalContext, req: IncomingMessage, res: ServerResponse) => Promise<void>;

async function guarded(
  ctx: PortalContext,
  req: IncomingMessage,
  res: ServerResponse,
  handler: Handler,
): Promise<void> {
  try {
    await handler(ctx, req, res);
  } catch (error) {
    sendUnexpected(ctx, req, res, error);
  }
}

// --- Links ----------------------------------------------------------------------------------

type LinkCheck = { ok: true; linkId: string } | { ok: false; status: 404 | 410 };

/** The link id a token names: forged, foreign (another purpose) or malformed → 404; expired → 410. */
function checkToken(ctx: PortalContext, token: string): LinkCheck {
  const { linkSecret } = ctx.settings;
  const now = ctx.deps.clock.now();
  const claims = verifyToken(linkSecret, PURPOSE, token, now);
  if (claims) return { ok: true, linkId: claims.sub };
  // Genuine but past its time: "expired"; anything else was never ours.
  const genuine = verifyToken(linkSecret, PURPOSE, token, new Date(0));
  return { ok: false, status: genuine ? 410 : 404 };
}

function refuseLink(
  ctx: PortalContext,
  req: IncomingMessage,
  res: ServerResponse,
  status: 404 | 410,
): void {
  const locale = requestLocaleOf(req);
  const t = translator(locale);
  const text = status === 410 ? t('page.invalid.expired') : t('page.invalid.text');
  ctx.logger.info({ status, path: req.url?.split('?')[0] ?? '' }, 'complainant link refused');
  sendNotice(ctx, res, status, locale, t('page.invalid.title'), [text]);
}

function refusalStatus(reason: LinkRefusal): 404 | 410 {
  return reason === 'unknown' ? 404 : 410;
}

function requestLocaleOf(req: IncomingMessage): Locale {
  return requestLocale(req.headers['accept-language']);
}

const pageUrl = (token: string, done?: string) =>
  `${PAGE_PATH}?t=${encodeURIComponent(token)}${done ? `&ok=${done}` : ''}`;

// --- GET ------------------------------------------------------------------------------------

const NOTICES = ['accept', 'object', 'answer'] as const;
type Notice = (typeof NOTICES)[number];

async function showPage(ctx: PortalContext, req: IncomingMessage, res: ServerResponse) {
  if (!allowClient(ctx, req, res)) return;
  const url = new URL(req.url ?? '/', 'http://localhost');
  const token = url.searchParams.get('t') ?? '';
  const check = checkToken(ctx, token);
  if (!check.ok) return refuseLink(ctx, req, res, check.status);
  const loaded = await loadComplainantPage(ctx.deps, check.linkId);
  if (!loaded.ok) return refuseLink(ctx, req, res, refusalStatus(loaded.reason));
  const done = url.searchParams.get('ok');
  const notice = NOTICES.find((n) => n === done);
  const csrf = csrfFor(ctx, req, PAGE_PATH);
  sendHtml(
    res,
    200,
    renderPage(ctx, loaded.view, { token, csrf: csrf.token, notice }),
    csrf.headers,
  );
}

// --- POST -----------------------------------------------------------------------------------

interface PostInput {
  view: ComplainantPageView;
  linkId: string;
  token: string;
  form: ParsedForm;
  csrf: string;
}

type Action = (ctx: PortalContext, input: PostInput) => Promise<ActionResult>;
type ActionResult =
  | { ok: true; notice: Notice }
  | { ok: false; status: number; errors: PageErrors; values: PageValues };

async function post(
  ctx: PortalContext,
  req: IncomingMessage,
  res: ServerResponse,
  action: Action,
): Promise<void> {
  if (!allowClient(ctx, req, res)) return;
  if (!sameOrigin(req, ctx.settings.publicBaseUrl)) return sendForbidden(ctx, req, res);
  let form: ParsedForm;
  try {
    form = await parseForm(req, {
      fileBytes: FILE_BYTES,
      files: action === answer ? 1 : 0,
      fieldBytes: FIELD_BYTES,
    });
  } catch (error) {
    if (error instanceof BadFormError) return sendForbidden(ctx, req, res);
    throw error;
  }
  if (form.bodyTooLarge) return sendTooLarge(ctx, req, res);
  const csrf = form.fields[CSRF_FIELD];
  if (!csrfMatches(req, csrf)) return sendForbidden(ctx, req, res);
  const token = form.fields.t ?? '';
  const check = checkToken(ctx, token);
  if (!check.ok) return refuseLink(ctx, req, res, check.status);
  const loaded = await loadComplainantPage(ctx.deps, check.linkId);
  if (!loaded.ok) return refuseLink(ctx, req, res, refusalStatus(loaded.reason));
  const { view } = loaded;
  if (!ctx.limiters.perLink.hit(`link:${check.linkId}`, nowMs(ctx))) {
    return sendTooMany(ctx, req, res, view.locale);
  }
  const result = await action(ctx, { view, linkId: check.linkId, token, form, csrf: csrf ?? '' });
  if (result.ok) return redirect(res, pageUrl(token, result.notice));
  // Show the page as it is now, with the problems and what was typed.
  const current = await loadComplainantPage(ctx.deps, check.linkId);
  if (!current.ok) return refuseLink(ctx, req, res, refusalStatus(current.reason));
  sendHtml(
    res,
    result.status,
    renderPage(ctx, current.view, {
      token,
      csrf: csrf ?? '',
      errors: result.errors,
      values: result.values,
    }),
  );
}

/** Text fields are cut here (a few times the longest text, in UTF-8); longer is refused. */
const FIELD_BYTES = 4 * Math.max(TEXT_LIMITS.reason, TEXT_LIMITS.answer) + 16;
const FILE_BYTES = MEGABYTES * 1024 * 1024;

function expectedVersion(form: ParsedForm): number | undefined {
  const v = Number(form.fields.v);
  return Number.isInteger(v) && v > 0 ? v : undefined;
}

async function react(ctx: PortalContext, input: PostInput): Promise<ActionResult> {
  const { form } = input;
  const reaction = form.fields.reaction;
  const reason = form.fields.reason ?? '';
  const values = { reason };
  if (reaction !== 'accept' && reaction !== 'object') {
    return { ok: false, status: 400, errors: { general: 'page.error.not_now' }, values };
  }
  if (form.fieldTooLong.has('reason')) {
    return { ok: false, status: 400, errors: { fields: { reason: 'too_long' } }, values };
  }
  try {
    await complainantReacts(ctx.deps, input.linkId, {
      reaction,
      reason: reaction === 'object' ? reason : null,
      expectedVersion: expectedVersion(form),
    });
    return { ok: true, notice: reaction };
  } catch (error) {
    return failed(ctx, error, values, 'reason');
  }
}

async function answer(ctx: PortalContext, input: PostInput): Promise<ActionResult> {
  const { form } = input;
  const text = form.fields.answer ?? '';
  const values = { answer: text };
  if (form.fileTooLarge) {
    return { ok: false, status: 413, errors: { fields: { file: 'too_large' } }, values };
  }
  if (form.fieldTooLong.has('answer')) {
    return { ok: false, status: 400, errors: { fields: { answer: 'too_long' } }, values };
  }
  const files: IncomingFile[] = form.files;
  try {
    await complainantAnswers(ctx.deps, input.linkId, {
      answer: text,
      files,
      expectedVersion: expectedVersion(form),
    });
    return { ok: true, notice: 'answer' };
  } catch (error) {
    return failed(ctx, error, values, 'answer', files.length > 0);
  }
}

/** A refusal in the complainant's words; anything unexpected is logged and said plainly. */
function failed(
  ctx: PortalContext,
  error: unknown,
  values: PageValues,
  textField: 'reason' | 'answer',
  withFile = false,
): ActionResult {
  if (!isDomainError(error)) {
    ctx.logger.error({ err: error }, 'complainant page action failed');
    return { ok: false, status: 500, errors: { general: 'page.error.unexpected' }, values };
  }
  const problem = error.fields[textField];
  if (problem === 'required' || problem === 'too_long' || error.code === 'input.reason_required') {
    const p = problem === 'too_long' ? 'too_long' : 'required';
    return { ok: false, status: 400, errors: { fields: { [textField]: p } }, values };
  }
  switch (error.code) {
    case 'complaint.stale':
    case 'complaint.concurrent_change':
      return { ok: false, status: 409, errors: { general: 'page.error.stale' }, values };
    case 'complaint.invalid_transition':
    case 'complaint.not_permitted':
    case 'complaint.not_found':
      return { ok: false, status: 409, errors: { general: 'page.error.not_now' }, values };
    case 'database.unavailable':
    case 'database.busy':
      return { ok: false, status: 503, errors: { general: 'page.error.unexpected' }, values };
    default:
      // What is left is the file's refusal (type, size, the complaint's total).
      if (withFile) {
        const own = `error.${error.code}`;
        return {
          ok: false,
          status: 400,
          errors: { fields: { file: 'refused' }, fileReason: hasKey(own) ? own : null },
          values,
        };
      }
      ctx.logger.warn({ code: error.code }, 'complainant page refused an action');
      return { ok: false, status: 400, errors: { general: 'page.error.not_now' }, values };
  }
}

// --- Rendering ------------------------------------------------------------------------------

type FieldError = 'required' | 'too_long' | 'too_large' | 'refused';

interface PageErrors {
  general?: MessageKey;
  fields?: Partial<Record<'reason' | 'answer' | 'file', FieldError>>;
  /** The attachment's own refusal text, when the catalogue has one. */
  fileReason?: MessageKey | null;
}

interface PageValues {
  reason?: string;
  answer?: string;
}

interface RenderOptions {
  token: string;
  csrf: string;
  notice?: Notice | undefined;
  errors?: PageErrors;
  values?: PageValues;
}

function statusKey(view: ComplainantPageView): MessageKey {
  switch (view.status) {
    case 'registered':
      return view.kind === 'feedback'
        ? 'page.status.registered.feedback'
        : 'page.status.registered';
    case 'resolved':
      return view.reactionDeferred ? 'page.status.resolved.deferred' : 'page.status.resolved';
    case 'closed':
      return view.closeReason
        ? (`page.status.closed.${view.closeReason}` as MessageKey)
        : 'page.status.closed.plain';
    default:
      return `page.status.${view.status}` as MessageKey;
  }
}

function fieldMessage(locale: Locale, field: 'reason' | 'answer' | 'file', errors: PageErrors) {
  const t = translator(locale);
  const problem = errors.fields?.[field];
  if (!problem) return null;
  const max = field === 'reason' ? TEXT_LIMITS.reason : TEXT_LIMITS.answer;
  if (field === 'file') {
    const reason =
      problem === 'too_large'
        ? t('page.error.file.too_large', { max: MEGABYTES })
        : errors.fileReason
          ? t(errors.fileReason)
          : t('page.error.file.refused');
    return t('page.error.file', { reason });
  }
  if (problem === 'too_long') return t('page.error.text.too_long', { max });
  return t(field === 'reason' ? 'page.error.reason.required' : 'page.error.answer.required');
}

/** Hidden fields every form carries: the token, the CSRF token and the page's version. */
function hidden(view: ComplainantPageView, options: RenderOptions): Html {
  return html`<input type="hidden" name="t" value="${options.token}"><input type="hidden" name="${CSRF_FIELD}" value="${options.csrf}"><input type="hidden" name="v" value="${view.version}">`;
}

/** A labelled textarea with its hint and, when refused, its error (aria-describedby). */
function textArea(
  id: 'reason' | 'answer',
  label: string,
  hint: string,
  value: string,
  error: string | null,
): Html {
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return html`<label for="${id}">${label}</label><p class="hint" id="${id}-hint">${hint}</p>${
    error ? html`<p class="error" id="${id}-error">${error}</p>` : ''
  }<textarea id="${id}" name="${id}" rows="6" required aria-describedby="${describedBy}"${
    error ? html` aria-invalid="true"` : ''
  }>${value}</textarea>`;
}

function renderPage(ctx: PortalContext, view: ComplainantPageView, options: RenderOptions): string {
  const { locale } = view;
  const t = translator(locale);
  const date = (d: string) => formatLocalDate(locale, d);
  const errors = options.errors ?? {};
  const messages = {
    reason: fieldMessage(locale, 'reason', errors),
    answer: fieldMessage(locale, 'answer', errors),
    file: fieldMessage(locale, 'file', errors),
  };
  const title = t('page.title', { reference: view.reference });
  const errorLinks = (['answer', 'file', 'reason'] as const)
    .filter((field) => messages[field])
    .map((field) => html`<li><a href="#${field}">${messages[field]}</a></li>`);
  const summary =
    errors.general || errorLinks.length > 0
      ? html`<div class="alert" role="alert" aria-labelledby="errors-heading"><h2 id="errors-heading">${t('page.errors.heading')}</h2>${
          errors.general ? html`<p>${t(errors.general)}</p>` : ''
        }${errorLinks.length > 0 ? html`<ul>${errorLinks}</ul>` : ''}</div>`
      : '';
  const notice = options.notice
    ? html`<div class="notice" role="status"><p>${t(
        options.notice === 'answer' ? 'page.done.answer' : `page.done.reaction.${options.notice}`,
      )}</p></div>`
    : '';
  const until = date(ctx.deps.calendar.localDate(view.linkExpiresAt));
  const intro = html`${view.complainantName ? html`<p>${t('page.greeting', { name: view.complainantName })}</p>` : ''}<p>${t('page.intro', { until })}</p>`;
  const status = html`<section aria-labelledby="status-heading"><h2 id="status-heading">${t('page.status.heading')}</h2><p>${t(statusKey(view))}</p><h3>${t('page.dates.heading')}</h3><dl>${view.dates.map(
    (d) => html`<dt>${t(`page.date.${d.key}`)}</dt><dd>${date(d.on)}</dd>`,
  )}</dl></section>`;
  const hasOutcome = view.decision !== null || view.texts.length > 0 || view.verdict !== null;
  const verdict = view.verdict;
  const outcome = hasOutcome
    ? html`<section aria-labelledby="outcome-heading"><h2 id="outcome-heading">${t('page.outcome.heading')}</h2>${
        view.decision ? html`<p>${t(`page.decision.${view.decision}`)}</p>` : ''
      }${
        verdict
          ? html`<p>${t('page.verdict', {
              date: verdict.on ? date(verdict.on) : '',
              verdict: t(`verdict.${verdict.verdict}`).toLowerCase(),
              binding: verdict.binding === null ? '' : t(`page.verdict.binding.${verdict.binding}`),
            })}</p>`
          : ''
      }${view.texts.map(
        (text) => html`<h3>${t(`page.text.${text.key}`)}</h3><p class="text">${text.text}</p>`,
      )}</section>`
    : '';
  const question =
    view.canAnswer && view.question
      ? html`<section aria-labelledby="question-heading"><h2 id="question-heading">${t('page.question.heading')}</h2><p>${t('page.question.asked', { date: date(view.question.askedOn) })}</p><p class="text">${view.question.text}</p><form method="post" action="/klager/antwoord" enctype="multipart/form-data" novalidate>${hidden(view, options)}${textArea(
          'answer',
          t('page.answer.label'),
          t('page.answer.hint', { max: TEXT_LIMITS.answer }),
          options.values?.answer ?? '',
          messages.answer,
        )}<label for="file">${t('page.answer.file')}</label><p class="hint" id="file-hint">${t('page.answer.file.hint', { max: MEGABYTES })}</p>${
          messages.file ? html`<p class="error" id="file-error">${messages.file}</p>` : ''
        }<input type="file" id="file" name="file" accept=".pdf,.jpg,.jpeg,.png,.docx,.eml,.msg" aria-describedby="${
          messages.file ? 'file-hint file-error' : 'file-hint'
        }"${messages.file ? html` aria-invalid="true"` : ''}><button type="submit">${t('page.answer.button')}</button></form></section>`
      : '';
  const reaction = view.canReact
    ? html`<section aria-labelledby="reaction-heading"><h2 id="reaction-heading">${t('page.reaction.heading')}</h2><p>${t('page.reaction.intro')}</p><h3>${t('page.reaction.accept.heading')}</h3><form method="post" action="/klager/reactie">${hidden(view, options)}<input type="hidden" name="reaction" value="accept"><p class="hint" id="accept-hint">${t('page.reaction.accept.hint')}</p><button type="submit" aria-describedby="accept-hint">${t('page.reaction.accept.button')}</button></form><h3>${t('page.reaction.object.heading')}</h3><form method="post" action="/klager/reactie" novalidate>${hidden(view, options)}<input type="hidden" name="reaction" value="object">${textArea(
        'reason',
        t('page.reaction.reason'),
        t('page.reaction.reason.hint', { max: TEXT_LIMITS.reason }),
        options.values?.reason ?? '',
        messages.reason,
      )}<button type="submit" class="secondary">${t('page.reaction.object.button')}</button></form></section>`
    : '';
  const body = html`<h1>${title}</h1>${notice}${summary}${intro}${status}${outcome}${question}${reaction}${contactBlock(locale, ctx.settings.letterhead, 'contact-heading')}`;
  return page({ locale, title, organisation: ctx.settings.letterhead.name, body });
}
