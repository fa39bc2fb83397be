CREATE TABLE "conversation_refs" (
	"key" text PRIMARY KEY NOT NULL,
	"person_id" text,
	"aad_object_id" text,
	"tenant_id" text,
	"conversation_id" text NOT NULL,
	"service_url" text NOT NULL,
	"reference" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reminder_ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"complaint_id" uuid,
	"measure_id" uuid,
	"kind" text NOT NULL,
	"recipient_person_id" text,
	"for_date" date NOT NULL,
	"once_key" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reminder_ledger_once_key_unique" UNIQUE("once_key")
);
--> statement-breakpoint
ALTER TABLE "conversation_refs" ADD CONSTRAINT "conversation_refs_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_ledger" ADD CONSTRAINT "reminder_ledger_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_ledger" ADD CONSTRAINT "reminder_ledger_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_ledger" ADD CONSTRAINT "reminder_ledger_recipient_person_id_people_id_fk" FOREIGN KEY ("recipient_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_refs_person_idx" ON "conversation_refs" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "conversation_refs_aad_idx" ON "conversation_refs" USING btree ("aad_object_id");--> statement-breakpoint
CREATE INDEX "reminder_ledger_complaint_idx" ON "reminder_ledger" USING btree ("complaint_id","kind");