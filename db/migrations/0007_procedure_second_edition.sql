CREATE TABLE "private_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"author_id" text NOT NULL,
	"note" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "admissibility" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "admissibility_motivation" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "admissibility_decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "decided_by" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "root_cause" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "cause_category" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "agreed_solution" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "agreed_term_on" date;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "complainant_agreed" boolean;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "remediation_party" jsonb;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "fix_done_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "original_resolution_due" date;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "extension_reason" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "extension_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "objection_due" date;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "committee_verdict" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "committee_verdict_on" date;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "committee_binding" boolean;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "committee_follow_up" text;--> statement-breakpoint
ALTER TABLE "measures" ADD COLUMN "external_party" jsonb;--> statement-breakpoint
ALTER TABLE "private_notes" ADD CONSTRAINT "private_notes_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "private_notes" ADD CONSTRAINT "private_notes_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "private_notes_complaint_idx" ON "private_notes" USING btree ("complaint_id");--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_decided_by_people_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;