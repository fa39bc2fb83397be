import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const localDate = (name: string) => date(name, { mode: 'string' });

/** People from the organisation file, and reporters created on first contact. */
export const people = pgTable(
  'people',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    email: text('email'),
    roles: text('roles').array().notNull().default(sql`'{}'::text[]`),
    slackUserId: text('slack_user_id'),
    teamsAadObjectId: text('teams_aad_object_id'),
    locale: text('locale'),
    /** Set by the organisation sync when the file names a locale: the platform's never wins. */
    localePinned: boolean('locale_pinned').notNull().default(false),
    source: text('source').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('people_slack_user_id_key').on(t.slackUserId),
    uniqueIndex('people_teams_aad_object_id_key').on(t.teamsAadObjectId),
    index('people_email_idx').on(sql`lower(${t.email})`),
  ],
);

export const categories = pgTable('categories', {
  key: text('key').primaryKey(),
  labelNl: text('label_nl').notNull(),
  labelEn: text('label_en').notNull(),
  handlerId: text('handler_id')
    .notNull()
    .references(() => people.id),
  position: integer('position').notNull().default(0),
  active: boolean('active').notNull().default(true),
});

/** Gapless numbering per year: incremented by the one statement that numbers a complaint. */
export const referenceCounters = pgTable('reference_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

export const complaints = pgTable(
  'complaints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: text('reference').notNull().unique(),
    intakeKey: text('intake_key').unique(),
    kind: text('kind').notNull(),
    formality: text('formality').notNull(),
    categoryKey: text('category_key')
      .notNull()
      .references(() => categories.key),
    description: text('description').notNull(),
    desiredOutcome: text('desired_outcome'),
    complainantType: text('complainant_type').notNull(),
    complainantName: text('complainant_name'),
    complainantContact: text('complainant_contact'),
    /** Issue 11: how to reach a complainant outside the organisation. */
    complainantEmail: text('complainant_email'),
    complainantPhone: text('complainant_phone'),
    complainantAddress: text('complainant_address'),
    /** email, letter or phone: how the complainant wants to hear from us. */
    complainantPreferredContact: text('complainant_preferred_contact'),
    /** The language letters and e-mails to the complainant are written in (nl, en). */
    complainantLocale: text('complainant_locale'),
    intakeChannel: text('intake_channel').notNull(),
    /** When the complaint reached the organisation (a letter's arrival); null: when registered. */
    receivedAt: timestamptz('received_at'),
    /** The complainant was acknowledged: at intake (phone, in person) or when the letter/e-mail went out. */
    acknowledgedAt: timestamptz('acknowledged_at'),
    /** The acknowledgement is due by this working day (per intake channel); null: none due. */
    acknowledgementDue: localDate('acknowledgement_due'),
    occurredOn: localDate('occurred_on'),
    relatedTo: text('related_to'),
    sourceLink: text('source_link'),
    concernsEmployee: boolean('concerns_employee').notNull().default(false),
    subjectPersonId: text('subject_person_id').references(() => people.id),
    reporterId: text('reporter_id')
      .notNull()
      .references(() => people.id),
    handlerId: text('handler_id')
      .notNull()
      .references(() => people.id),
    mediatorId: text('mediator_id').references(() => people.id),
    referredToCommittee: boolean('referred_to_committee').notNull().default(false),
    status: text('status').notNull(),
    version: integer('version').notNull().default(1),
    feedbackDue: localDate('feedback_due').notNull(),
    decisionDue: localDate('decision_due').notNull(),
    resolutionDue: localDate('resolution_due').notNull(),
    reactionDue: localDate('reaction_due'),
    decision: text('decision'),
    motivation: text('motivation'),
    resolution: text('resolution'),
    cause: text('cause'),
    correctiveMeasure: text('corrective_measure'),
    preventiveMeasure: text('preventive_measure'),
    objectionReason: text('objection_reason'),
    finalOutcome: text('final_outcome'),
    closeReason: text('close_reason'),
    admissibility: text('admissibility'),
    admissibilityMotivation: text('admissibility_motivation'),
    admissibilityDecidedAt: timestamptz('admissibility_decided_at'),
    decidedBy: text('decided_by').references(() => people.id),
    rootCause: text('root_cause'),
    causeCategory: text('cause_category'),
    agreedSolution: text('agreed_solution'),
    agreedTermOn: localDate('agreed_term_on'),
    complainantAgreed: boolean('complainant_agreed'),
    remediationParty: jsonb('remediation_party').$type<{
      name: string;
      organisation: string | null;
      contact: string | null;
    }>(),
    fixDoneAt: timestamptz('fix_done_at'),
    originalResolutionDue: localDate('original_resolution_due'),
    extensionReason: text('extension_reason'),
    extensionCount: integer('extension_count').notNull().default(0),
    objectionDue: localDate('objection_due'),
    committeeVerdict: text('committee_verdict'),
    committeeVerdictOn: localDate('committee_verdict_on'),
    committeeBinding: boolean('committee_binding'),
    committeeFollowUp: text('committee_follow_up'),
    registeredAt: timestamptz('registered_at').notNull(),
    firstFeedbackAt: timestamptz('first_feedback_at'),
    decidedAt: timestamptz('decided_at'),
    resolvedAt: timestamptz('resolved_at'),
    objectedAt: timestamptz('objected_at'),
    closedAt: timestamptz('closed_at'),
    withdrawnAt: timestamptz('withdrawn_at'),
    lastProgressAt: timestamptz('last_progress_at').notNull(),
    anonymisedAt: timestamptz('anonymised_at'),
  },
  (t) => [
    index('complaints_status_idx').on(t.status),
    index('complaints_handler_status_idx').on(t.handlerId, t.status),
    index('complaints_reporter_idx').on(t.reporterId, t.registeredAt),
    index('complaints_registered_at_idx').on(t.registeredAt),
    index('complaints_category_registered_idx').on(t.categoryKey, t.registeredAt),
    index('complaints_closed_at_idx').on(t.closedAt),
    index('complaints_open_deadlines_idx')
      .on(t.status, t.feedbackDue, t.decisionDue, t.resolutionDue)
      .where(sql`status not in ('closed', 'withdrawn')`),
    // Committed complaints still waiting for their number (see assignReference): normally
    // none, for a few milliseconds; after a crash, the ones the start-up repair numbers.
    index('complaints_pending_reference_idx')
      .on(t.registeredAt, t.id)
      .where(sql`reference like 'pending-%'`),
  ],
);

export const infoRequests = pgTable(
  'info_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id),
    askedBy: text('asked_by')
      .notNull()
      .references(() => people.id),
    question: text('question').notNull(),
    askedAt: timestamptz('asked_at').notNull(),
    answer: text('answer'),
    answeredAt: timestamptz('answered_at'),
  },
  (t) => [index('info_requests_complaint_idx').on(t.complaintId)],
);

/** Measures; organisation-wide ones form the improvement register (verbeterregister). */
export const measures = pgTable(
  'measures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null for a measure from the trend or management review (seed 002, step 7). */
    complaintId: uuid('complaint_id').references(() => complaints.id),
    /** Where the measure came from: complaint, trend_review or management_review. */
    origin: text('origin').notNull().default('complaint'),
    scope: text('scope').notNull(),
    type: text('type').notNull(),
    description: text('description').notNull(),
    ownerId: text('owner_id').references(() => people.id),
    dueOn: localDate('due_on'),
    /** An outside party carrying the measure out; `owner_id` is then the internal follower. */
    externalParty: jsonb('external_party').$type<{
      name: string;
      organisation: string | null;
      contact: string | null;
    }>(),
    status: text('status').notNull().default('open'),
    implementedAt: timestamptz('implemented_at'),
    /** What shows it was done (the owner's note when marking it implemented). */
    evidence: text('evidence'),
    reviewDueOn: localDate('review_due_on'),
    effective: boolean('effective'),
    reviewedAt: timestamptz('reviewed_at'),
    reviewedBy: text('reviewed_by').references(() => people.id),
    reviewNote: text('review_note'),
    /** The measure this one follows up (one judged not effective). */
    followUpOf: uuid('follow_up_of'),
    createdBy: text('created_by')
      .notNull()
      .references(() => people.id),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [
    index('measures_complaint_idx').on(t.complaintId),
    index('measures_open_due_idx').on(t.status, t.dueOn),
  ],
);

/**
 * The director's private notes on a behaviour complaint (seed 002: "aantekening in het
 * personeelsdossier"). A table of its own, so no view that loads a complaint carries them;
 * only the director's detail view reads it. Retention blanks the text.
 */
export const privateNotes = pgTable(
  'private_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id),
    authorId: text('author_id')
      .notNull()
      .references(() => people.id),
    note: text('note').notNull(),
    at: timestamptz('at').notNull(),
  },
  (t) => [index('private_notes_complaint_idx').on(t.complaintId)],
);

/** Append-only (a trigger refuses UPDATE and DELETE). No complaint text in `metadata`. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    complaintId: uuid('complaint_id').references(() => complaints.id),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    outcome: text('outcome').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamptz('at').notNull(),
  },
  (t) => [index('audit_events_complaint_idx').on(t.complaintId, t.id)],
);

/** Transactional outbox: written with the state change, delivered by the dispatcher. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    kind: text('kind').notNull(),
    recipientPersonId: text('recipient_person_id').references(() => people.id),
    recipientChannel: text('recipient_channel'),
    complaintId: uuid('complaint_id').references(() => complaints.id),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamptz('next_attempt_at').notNull(),
    leaseUntil: timestamptz('lease_until'),
    lastError: text('last_error'),
    /** Surfaces that already took a channel message, so a retry does not post it twice. */
    deliveredVia: text('delivered_via').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamptz('created_at').notNull(),
    deliveredAt: timestamptz('delivered_at'),
  },
  (t) => [
    index('outbox_due_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`),
    index('outbox_status_idx').on(t.status),
    // The digest's acknowledgement compliance looks up each complaint's acknowledgement.
    index('outbox_complaint_kind_idx').on(t.complaintId, t.kind),
  ],
);

/**
 * Delivery pacing shared by every replica: per surface and scope, the instant before which
 * nothing under that scope may be sent. Scopes: `method:<api method>` (the platform said wait,
 * e.g. a 429 with Retry-After) and `to:<conversation>` (the next free slot of a channel or chat).
 */
export const deliveryPauses = pgTable(
  'delivery_pauses',
  {
    surface: text('surface').notNull(),
    scope: text('scope').notNull(),
    notBefore: timestamptz('not_before').notNull(),
  },
  (t) => [primaryKey({ columns: [t.surface, t.scope] })],
);

/** Where the bot's live card of a complaint is, per surface, so it can be updated in place. */
export const messageRefs = pgTable(
  'message_refs',
  {
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    surface: text('surface').notNull(),
    kind: text('kind').notNull(),
    channelId: text('channel_id').notNull(),
    messageId: text('message_id').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.complaintId, t.personId, t.surface, t.kind] })],
);

/** Deduplication of incoming requests (Slack retries, Teams re-sends, double clicks). */
export const processedRequests = pgTable('processed_requests', {
  key: text('key').primaryKey(),
  at: timestamptz('at').notNull(),
});

/** One row per job and period: the claim that makes a job run once across replicas. */
export const jobRuns = pgTable(
  'job_runs',
  {
    job: text('job').notNull(),
    period: text('period').notNull(),
    status: text('status').notNull(),
    startedAt: timestamptz('started_at').notNull(),
    heartbeatAt: timestamptz('heartbeat_at').notNull(),
    finishedAt: timestamptz('finished_at'),
    summary: jsonb('summary').$type<Record<string, unknown>>(),
  },
  (t) => [primaryKey({ columns: [t.job, t.period] })],
);

/** Teams conversation references (from installs, conversation updates and every turn). */
export const conversationRefs = pgTable(
  'conversation_refs',
  {
    /** Teams user MRI (`29:…`) for personal chats, or the conversation id for channels. */
    key: text('key').primaryKey(),
    personId: text('person_id').references(() => people.id),
    aadObjectId: text('aad_object_id'),
    tenantId: text('tenant_id'),
    conversationId: text('conversation_id').notNull(),
    serviceUrl: text('service_url').notNull(),
    reference: jsonb('reference').$type<Record<string, unknown>>().notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    index('conversation_refs_person_idx').on(t.personId),
    index('conversation_refs_aad_idx').on(t.aadObjectId),
  ],
);

/** Ledger of reminders and escalations sent, with the period they belong to (cap, interval). */
export const reminderLedger = pgTable(
  'reminder_ledger',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    complaintId: uuid('complaint_id').references(() => complaints.id),
    measureId: uuid('measure_id').references(() => measures.id),
    kind: text('kind').notNull(),
    recipientPersonId: text('recipient_person_id').references(() => people.id),
    /** The local date the reminder is for. */
    forDate: localDate('for_date').notNull(),
    /** `kind:subject:recipient:date`: a second run on the same day finds it and sends nothing. */
    onceKey: text('once_key').notNull().unique(),
    sentAt: timestamptz('sent_at').notNull(),
  },
  (t) => [index('reminder_ledger_complaint_idx').on(t.complaintId, t.kind)],
);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  // postgres.js recognises a Buffer as bytea; PGlite takes any Uint8Array.
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
});

/**
 * Reports written by the jobs (monthly overview, yearly digest): the counts as JSON and the
 * files a surface attaches (chart PNG, register XLSX and CSV). One row per kind and period;
 * a backfill re-run replaces it.
 */
export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    period: text('period').notNull(),
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull(),
    chartPng: bytea('chart_png'),
    registerXlsx: bytea('register_xlsx'),
    registerCsv: bytea('register_csv'),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [uniqueIndex('reports_kind_period_key').on(t.kind, t.period)],
);

/**
 * Files on a complaint (a letter's scan, photos, an e-mail), kept in the database with their
 * SHA-256; retention deletes the rows (content and name) of an anonymised complaint.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id),
    /** The file name as given, stored as text; escaped wherever it is shown. */
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    /** A person id, or `complainant` for a file sent through the complainant's page. */
    addedBy: text('added_by').notNull(),
    /** slack, teams, page or web_form. */
    source: text('source').notNull(),
    addedAt: timestamptz('added_at').notNull(),
  },
  (t) => [uniqueIndex('attachments_complaint_sha_key').on(t.complaintId, t.sha256)],
);

/**
 * Letters and e-mails to the complainant (correspondence): drafted from the catalogue, edited
 * and sent by staff, delivered through the outbox exactly once.
 */
export const correspondence = pgTable(
  'correspondence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id),
    /** acknowledgement, info_request, extension, inadmissible, outcome, final_outcome. */
    kind: text('kind').notNull(),
    /** email or letter. */
    channel: text('channel').notNull(),
    locale: text('locale').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** draft → sent (e-mail handed to SMTP, or letter PDF handed to the secretariat) → posted. */
    status: text('status').notNull().default('draft'),
    draftedBy: text('drafted_by'),
    sentBy: text('sent_by'),
    createdAt: timestamptz('created_at').notNull(),
    sentAt: timestamptz('sent_at'),
    /** A letter: the day the secretariat put it in the post ("verstuurd per post"). */
    postedOn: localDate('posted_on'),
    postedBy: text('posted_by'),
    /** Set by retention: subject and body are cleared, the row and its dates stay. */
    anonymisedAt: timestamptz('anonymised_at'),
  },
  (t) => [index('correspondence_complaint_idx').on(t.complaintId, t.createdAt)],
);

/**
 * The complainant's personal links: a signed token names a row here, so a link can expire
 * and be revoked without changing the secret.
 */
export const complainantLinks = pgTable(
  'complainant_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id),
    createdAt: timestamptz('created_at').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [index('complainant_links_complaint_idx').on(t.complaintId)],
);
