import GRDB

/// The database schema, as an ordered list of migrations. Never edit a shipped migration: add a
/// new one. `DatabaseMigrator` records which ran in `grdb_migrations`.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: master data, cases, steps, sign-offs, audit log") { db in
            try db.execute(sql: """
                CREATE TABLE branches (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL
                );
                CREATE TABLE users (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    roles TEXT NOT NULL,            -- JSON list of role ids
                    branch TEXT REFERENCES branches(id)
                );
                CREATE TABLE customers (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    government INTEGER NOT NULL,
                    credit_limit_fen INTEGER NOT NULL,
                    overdue_fen INTEGER NOT NULL
                );
                CREATE TABLE products (
                    sku TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    unit TEXT,
                    difficult INTEGER NOT NULL,
                    key INTEGER NOT NULL,
                    standard_specs TEXT NOT NULL,   -- JSON list
                    unit_cost_fen INTEGER
                );
                -- Earlier documents imported as master data (quotes, contracts with their progress).
                CREATE TABLE documents (
                    id TEXT PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL,
                    customer TEXT NOT NULL REFERENCES customers(id),
                    body TEXT NOT NULL              -- JSON in the context-file shape
                );

                CREATE TABLE cases (
                    id TEXT PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL,
                    submitter TEXT NOT NULL REFERENCES users(id),
                    branch TEXT,
                    customer TEXT NOT NULL,
                    contract_ref TEXT,              -- refs.contract, for progress sums
                    request TEXT NOT NULL,          -- JSON, request-file shape
                    decision TEXT NOT NULL,         -- JSON, Decision
                    outcome TEXT NOT NULL,
                    policy TEXT NOT NULL,           -- rules hash that decided it
                    state TEXT NOT NULL CHECK (state IN ('open','approved','rejected','returned','cancelled')),
                    stage_index INTEGER NOT NULL,   -- the open stage (0-based); = stage count when done
                    revision INTEGER NOT NULL,      -- 1, then +1 per amendment
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    closed_at TEXT
                );
                CREATE INDEX cases_contract_ref ON cases(contract_ref, state);
                CREATE INDEX cases_state ON cases(state, kind);

                CREATE TABLE steps (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    case_id TEXT NOT NULL REFERENCES cases(id),
                    revision INTEGER NOT NULL,
                    number INTEGER NOT NULL,        -- 1-based within the case revision
                    stage_index INTEGER NOT NULL,
                    stage_name TEXT NOT NULL,
                    role TEXT NOT NULL,
                    action TEXT NOT NULL,
                    task TEXT,
                    scope TEXT,
                    assignee TEXT,
                    reasons TEXT NOT NULL,          -- JSON list of Reason
                    due TEXT,                       -- JSON Due
                    on_overdue TEXT,                -- JSON OverdueAction
                    covered_hash TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('waiting','pending','done','voided')),
                    opened_at TEXT,
                    due_at TEXT,
                    done_at TEXT,
                    UNIQUE (case_id, revision, number)
                );
                CREATE INDEX steps_open ON steps(state, role);

                CREATE TABLE signoffs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    case_id TEXT NOT NULL REFERENCES cases(id),
                    step_id INTEGER NOT NULL REFERENCES steps(id),
                    user_id TEXT NOT NULL REFERENCES users(id),
                    acting_for TEXT,
                    action TEXT NOT NULL CHECK (action IN ('approve','reject','return','perform','sign')),
                    comment TEXT,
                    covered_hash TEXT NOT NULL,
                    at TEXT NOT NULL,
                    voided INTEGER NOT NULL DEFAULT 0,
                    void_reason TEXT,
                    UNIQUE (step_id, user_id)        -- one action per user per step
                );
                -- one live sign-off per step: of two simultaneous approvals exactly one commits
                CREATE UNIQUE INDEX signoffs_one_live_per_step ON signoffs(step_id) WHERE voided = 0;
                CREATE INDEX signoffs_case ON signoffs(case_id);

                CREATE TABLE audit_events (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    event TEXT NOT NULL,
                    case_id TEXT,
                    data TEXT NOT NULL,             -- JSON, sorted keys
                    prev_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                CREATE INDEX audit_case ON audit_events(case_id);
                CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
                    BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
                CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
                    BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
                """)
        }
        migrator.registerMigration("v2: delegations, overdue alerts") { db in
            try db.execute(sql: """
                -- An approver hands their steps to a substitute for a period (days inclusive).
                CREATE TABLE delegations (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    from_user TEXT NOT NULL REFERENCES users(id),
                    to_user TEXT NOT NULL REFERENCES users(id),
                    starts TEXT NOT NULL,           -- YYYY-MM-DD
                    ends TEXT NOT NULL,             -- YYYY-MM-DD
                    created_at TEXT NOT NULL,
                    CHECK (from_user <> to_user),
                    CHECK (starts <= ends)
                );
                CREATE INDEX delegations_to ON delegations(to_user, starts, ends);

                -- What `tick` did about an overdue step: at most one alert per step and kind.
                CREATE TABLE step_alerts (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    step_id INTEGER NOT NULL REFERENCES steps(id),
                    kind TEXT NOT NULL CHECK (kind IN ('remind', 'escalate')),
                    role TEXT,                      -- the role escalated to
                    at TEXT NOT NULL,
                    UNIQUE (step_id, kind)
                );
                """)
        }
        migrator.registerMigration("v3: policy versions, policy changes, decision contexts") { db in
            try db.execute(sql: """
                -- Every policy version that decided a case or was proposed: its files and hash.
                -- active_from / active_until (YYYY-MM-DD, inclusive) describe its latest approved
                -- period and are recomputed from policy_changes whenever one is approved.
                CREATE TABLE policy_versions (
                    hash TEXT PRIMARY KEY NOT NULL,     -- sha256:… over the files (RulesSnapshot.hash)
                    files TEXT NOT NULL,                -- JSON {"contract.lua": "…", …}
                    first_used TEXT,                    -- when it first decided a case
                    proposed_by TEXT,
                    approved_by TEXT,
                    active_from TEXT,
                    active_until TEXT,
                    state TEXT NOT NULL CHECK (state IN ('recorded','proposed','approved','rejected')),
                    created_at TEXT NOT NULL
                );

                -- A proposal to put a policy version live on a date: a case of its own, decided by
                -- leadership (never by its proposer), with the check, test and replay reports.
                CREATE TABLE policy_changes (
                    id TEXT PRIMARY KEY NOT NULL,       -- PC-2026-0001
                    hash TEXT NOT NULL REFERENCES policy_versions(hash),
                    proposed_by TEXT NOT NULL REFERENCES users(id),
                    effective TEXT NOT NULL,            -- YYYY-MM-DD asked for
                    state TEXT NOT NULL CHECK (state IN ('open','approved','rejected')),
                    reports TEXT NOT NULL,              -- JSON: check, test and replay reports
                    created_at TEXT NOT NULL,
                    decided_by TEXT REFERENCES users(id),
                    decided_at TEXT,
                    comment TEXT,
                    active_from TEXT                    -- YYYY-MM-DD, once approved: max(effective, approval day)
                );
                CREATE INDEX policy_changes_active ON policy_changes(state, active_from);

                -- The context each revision of a case was decided in (PolicyContext as JSON, the
                -- context-file shape), so replay re-decides it exactly, whatever master data says today.
                CREATE TABLE case_contexts (
                    case_id TEXT NOT NULL REFERENCES cases(id),
                    revision INTEGER NOT NULL,
                    policy TEXT NOT NULL,               -- the version that decided this revision
                    context TEXT NOT NULL,
                    PRIMARY KEY (case_id, revision)
                );
                CREATE INDEX case_contexts_policy ON case_contexts(policy);
                CREATE INDEX cases_policy ON cases(policy);
                """)
        }
        return migrator
    }
}
