CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"added_by" text NOT NULL,
	"source" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complainant_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "correspondence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"locale" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"drafted_by" text,
	"sent_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"posted_on" date,
	"posted_by" text,
	"anonymised_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "complainant_email" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "complainant_phone" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "complainant_address" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "complainant_preferred_contact" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "complainant_locale" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "received_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "acknowledged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "acknowledgement_due" date;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complainant_links" ADD CONSTRAINT "complainant_links_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correspondence" ADD CONSTRAINT "correspondence_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "attachments_complaint_sha_key" ON "attachments" USING btree ("complaint_id","sha256");--> statement-breakpoint
CREATE INDEX "complainant_links_complaint_idx" ON "complainant_links" USING btree ("complaint_id");--> statement-breakpoint
CREATE INDEX "correspondence_complaint_idx" ON "correspondence" USING btree ("complaint_id","created_at");