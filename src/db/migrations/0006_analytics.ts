// Frozen once landed: add a new migration instead of editing this one.
// Analytics read models (issue 5). All three tables are derived from the ledger and can be rebuilt
// from it at any time (src/modules/analytics/refresh.ts), so backups may carry or drop them.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One row per stretch of valid time during which a person's analysed state did not change:
    -- the fold of the ledger cut at every effective date. "Who was where on D" is one range probe.
    CREATE TABLE analytics_spans (
      employee_id uuid NOT NULL REFERENCES employees (id),
      valid_from date NOT NULL,
      valid_to date,
      status text NOT NULL,
      category text NOT NULL,
      managing_unit_id bigint NOT NULL,
      working_unit_id bigint NOT NULL,
      sex char(1) NOT NULL,
      birth_date date NOT NULL,
      ethnic_code text NOT NULL,
      religion_code text NOT NULL,
      rank_code text,
      salary_group text,
      salary_step smallint,
      step_since date,
      position_title text,
      job_position_id bigint,
      education_level text,
      political_theory text,
      state_management text,
      PRIMARY KEY (employee_id, valid_from)
    );
    CREATE INDEX analytics_spans_unit ON analytics_spans (working_unit_id, valid_from);
    CREATE INDEX analytics_spans_open ON analytics_spans (working_unit_id) WHERE valid_to IS NULL;
    CREATE INDEX analytics_spans_job ON analytics_spans (job_position_id) WHERE job_position_id IS NOT NULL;

    -- Personnel events with the unit before and after, so movements in and out of a subtree are counted in SQL.
    CREATE TABLE analytics_movements (
      action_id bigint PRIMARY KEY,
      employee_id uuid NOT NULL REFERENCES employees (id),
      type text NOT NULL,
      effective_date date NOT NULL,
      category text NOT NULL,
      from_unit_id bigint,
      to_unit_id bigint
    );
    CREATE INDEX analytics_movements_date ON analytics_movements (effective_date, type);
    CREATE INDEX analytics_movements_employee ON analytics_movements (employee_id);
    CREATE INDEX analytics_movements_to ON analytics_movements (to_unit_id, effective_date);
    CREATE INDEX analytics_movements_from ON analytics_movements (from_unit_id, effective_date);

    -- Which projection each person's spans were cut from: another updated_at or action count means stale.
    CREATE TABLE analytics_refreshed (
      employee_id uuid PRIMARY KEY REFERENCES employees (id),
      projection_updated_at timestamptz NOT NULL,
      action_count int NOT NULL
    );
    CREATE TABLE analytics_watermark (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      updated_through timestamptz NOT NULL
    );
    CREATE INDEX employees_updated_at ON employees (updated_at);

    -- Headcount cube for a few dates (today, month ends asked for): in-service people per working unit
    -- and the dimensions dashboards group by. Kept exact by the refresh (minus old spans, plus new).
    CREATE TABLE analytics_cube (
      as_of date NOT NULL,
      unit_id bigint NOT NULL,
      category text NOT NULL,
      sex char(1) NOT NULL,
      age_band smallint NOT NULL,
      ethnic_code text NOT NULL,
      salary_group text NOT NULL,
      n int NOT NULL,
      PRIMARY KEY (as_of, unit_id, category, sex, age_band, ethnic_code, salary_group)
    );
    -- The same counts rolled up to unit × category × sex: national tables read thousands of rows, not millions.
    CREATE TABLE analytics_cube_units (
      as_of date NOT NULL,
      unit_id bigint NOT NULL,
      category text NOT NULL,
      sex char(1) NOT NULL,
      n int NOT NULL,
      PRIMARY KEY (as_of, unit_id, category, sex)
    );
    CREATE TABLE analytics_cube_dates (
      as_of date PRIMARY KEY,
      built_at timestamptz NOT NULL,
      used_at timestamptz NOT NULL
    );
  `.execute(db);
}
