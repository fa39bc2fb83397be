CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"summary" jsonb NOT NULL,
	"chart_png" "bytea",
	"register_xlsx" "bytea",
	"register_csv" "bytea",
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "reports_kind_period_key" ON "reports" USING btree ("kind","period");--> statement-breakpoint
CREATE INDEX "outbox_complaint_kind_idx" ON "outbox" USING btree ("complaint_id","kind");