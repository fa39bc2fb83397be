CREATE TABLE "delivery_pauses" (
	"surface" text NOT NULL,
	"scope" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	CONSTRAINT "delivery_pauses_surface_scope_pk" PRIMARY KEY("surface","scope")
);
