// Frozen once landed: add a new migration instead of editing this one.
// Analytics from the typed e-record (issue 15 item 5): each span carries the Party membership status on
// its dates and the leadership post held; the cube and its unit rollup count Party membership as a
// dimension (the national "đảng viên" tables read thousands of rollup rows, not millions of spans).
// The read models are derived, so the spans are cut again rather than guessed: forgetting who was
// refreshed (and the watermark) makes the next analytics read re-cut everyone.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE analytics_spans
      ADD COLUMN party_status text NOT NULL DEFAULT 'none'
        CHECK (party_status IN ('member', 'probationary', 'none')),
      ADD COLUMN leadership_code text;

    DELETE FROM analytics_cube;
    DELETE FROM analytics_cube_units;
    DELETE FROM analytics_cube_dates;
    ALTER TABLE analytics_cube ADD COLUMN party_status text NOT NULL DEFAULT 'none';
    ALTER TABLE analytics_cube DROP CONSTRAINT analytics_cube_pkey;
    ALTER TABLE analytics_cube ADD PRIMARY KEY
      (as_of, unit_id, category, sex, age_band, ethnic_code, salary_group, party_status);
    ALTER TABLE analytics_cube_units ADD COLUMN party_status text NOT NULL DEFAULT 'none';
    ALTER TABLE analytics_cube_units DROP CONSTRAINT analytics_cube_units_pkey;
    ALTER TABLE analytics_cube_units ADD PRIMARY KEY (as_of, unit_id, category, sex, party_status);

    DELETE FROM analytics_refreshed;
    DELETE FROM analytics_watermark;
  `.execute(db);
}
