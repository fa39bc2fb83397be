ALTER TABLE "measures" ALTER COLUMN "complaint_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "measures" ADD COLUMN "origin" text DEFAULT 'complaint' NOT NULL;--> statement-breakpoint
ALTER TABLE "measures" ADD COLUMN "evidence" text;--> statement-breakpoint
ALTER TABLE "measures" ADD COLUMN "reviewed_by" text;--> statement-breakpoint
ALTER TABLE "measures" ADD COLUMN "review_note" text;--> statement-breakpoint
ALTER TABLE "measures" ADD COLUMN "follow_up_of" uuid;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_reviewed_by_people_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;