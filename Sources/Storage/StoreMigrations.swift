import GRDB

/// The store's schema, as versioned migrations. A migration, once released, is never edited:
/// changes go in a new one, so every file reaches the same schema from any earlier version.
///
/// Tables are `STRICT` so a value of the wrong type is refused instead of stored. Raw events
/// live in `prediction`, `label` and `metric_sample` (pruned by receipt time); everything else is
/// kept long.
enum StoreMigrations {
    /// The identifiers of the registered migrations, in order.
    static let identifiers = [
        "v1-models-baselines-events-windows", "v2-metric-samples", "v3-window-performance", "v4-open-window-event-times",
        "v5-prediction-receipts", "v6-alerts", "v7-action-runs",
        "v8-metric-anomaly-state",
    ]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(identifiers[0]) { db in
            try db.execute(sql: """
                CREATE TABLE model (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    schema_json TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL
                ) STRICT;

                CREATE TABLE baseline (
                    model_id INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    row_count INTEGER NOT NULL,
                    created_at REAL NOT NULL,
                    is_active INTEGER NOT NULL DEFAULT 0 CHECK (is_active IN (0, 1)),
                    profile_json BLOB NOT NULL,
                    PRIMARY KEY (model_id, name)
                ) STRICT;
                -- At most one active baseline per model, enforced by SQLite itself.
                CREATE UNIQUE INDEX baseline_one_active ON baseline(model_id) WHERE is_active = 1;

                -- The sorted feature names a prediction's features blob is laid out in.
                CREATE TABLE feature_layout (
                    id INTEGER PRIMARY KEY,
                    names BLOB NOT NULL UNIQUE
                ) STRICT;

                -- Raw events carry no FOREIGN KEY clauses: a check would cost a parent lookup per row
                -- and key on the ingest hot path, while the store resolves model_id and layout_id
                -- itself in the inserting transaction and never deletes models or layouts.
                CREATE TABLE prediction (
                    seq INTEGER PRIMARY KEY,
                    model_id INTEGER NOT NULL,
                    event_id TEXT NOT NULL,
                    event_time REAL NOT NULL,
                    received_at REAL NOT NULL,
                    version TEXT,
                    prediction ANY NOT NULL,
                    latency_ms REAL,
                    layout_id INTEGER NOT NULL,
                    features BLOB NOT NULL
                ) STRICT;
                CREATE UNIQUE INDEX prediction_event ON prediction(model_id, event_id);
                CREATE INDEX prediction_event_time ON prediction(model_id, event_time);
                CREATE INDEX prediction_received ON prediction(received_at);

                CREATE TABLE label (
                    seq INTEGER PRIMARY KEY,
                    model_id INTEGER NOT NULL,
                    event_id TEXT NOT NULL,
                    label ANY NOT NULL,
                    event_time REAL NOT NULL,
                    received_at REAL NOT NULL
                ) STRICT;
                CREATE UNIQUE INDEX label_event ON label(model_id, event_id);
                CREATE INDEX label_received ON label(received_at);

                CREATE TABLE window_state (
                    model_id INTEGER PRIMARY KEY REFERENCES model(id) ON DELETE CASCADE,
                    windowing_json BLOB NOT NULL,
                    applied_through INTEGER,
                    saved_at REAL NOT NULL
                ) STRICT;

                CREATE TABLE open_window (
                    model_id INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE,
                    window_index INTEGER NOT NULL,
                    profile_json BLOB NOT NULL,
                    PRIMARY KEY (model_id, window_index)
                ) STRICT;

                CREATE TABLE closed_window (
                    model_id INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE,
                    window_index INTEGER NOT NULL,
                    window_start REAL NOT NULL,
                    window_end REAL NOT NULL,
                    closed_at REAL NOT NULL,
                    rows INTEGER NOT NULL,
                    drift_share REAL,
                    report_json BLOB NOT NULL,
                    PRIMARY KEY (model_id, window_index)
                ) STRICT;
                CREATE INDEX closed_window_start ON closed_window(model_id, window_start);
                """)
        }
        migrator.registerMigration(identifiers[1]) { db in
            try db.execute(sql: """
                -- One row per series: the metric name and its labels as canonical JSON (keys sorted),
                -- so equal label sets map to one row whatever order a client sent them in.
                CREATE TABLE metric_series (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    labels_json TEXT NOT NULL,
                    UNIQUE (name, labels_json)
                ) STRICT;

                -- value is NULL for NaN: SQLite stores a bound NaN as NULL, so the column says so
                -- openly. Infinities are stored as REAL. One sample per (series, timestamp): a
                -- re-push replaces it.
                CREATE TABLE metric_sample (
                    series_id INTEGER NOT NULL,
                    timestamp REAL NOT NULL,
                    value REAL,
                    received_at REAL NOT NULL,
                    PRIMARY KEY (series_id, timestamp)
                ) STRICT, WITHOUT ROWID;
                CREATE INDEX metric_sample_received ON metric_sample(received_at);
                """)
        }
        // Each window's model performance, recomputed from its predictions and labels as labels
        // arrive; `labeled_rows` lets the latest window with labels be found by the partial index.
        migrator.registerMigration(identifiers[2]) { db in
            try db.execute(sql: """
                CREATE TABLE window_performance (
                    model_id INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE,
                    window_index INTEGER NOT NULL,
                    window_start REAL NOT NULL,
                    window_end REAL NOT NULL,
                    computed_at REAL NOT NULL,
                    labeled_rows INTEGER NOT NULL,
                    performance_json BLOB NOT NULL,
                    PRIMARY KEY (model_id, window_index)
                ) STRICT;
                CREATE INDEX window_performance_labeled ON window_performance(model_id, window_index)
                    WHERE labeled_rows > 0;
                """)
        }
        // The event-time span of an open row-count window (NULL for event-time windows and for
        // rows saved before this migration).
        migrator.registerMigration(identifiers[3]) { db in
            try db.execute(sql: """
                ALTER TABLE open_window ADD COLUMN first_event_time REAL;
                ALTER TABLE open_window ADD COLUMN last_event_time REAL;
                """)
        }
        // Receipt times of predictions, one row per stored batch (its rows have contiguous seqs:
        // one writer, one transaction) instead of an index entry per prediction, which cost about
        // a tenth of ingest throughput; only retention reads them. Existing rows are backfilled as
        // runs of consecutive seqs with the same model and receipt time (the islands of
        // `seq - row_number()`), so each range holds only the rows it names.
        migrator.registerMigration(identifiers[4]) { db in
            try db.execute(sql: """
                CREATE TABLE prediction_receipt (
                    model_id INTEGER NOT NULL,
                    first_seq INTEGER NOT NULL,
                    last_seq INTEGER NOT NULL,
                    received_at REAL NOT NULL
                ) STRICT;
                CREATE INDEX prediction_receipt_received ON prediction_receipt(received_at);
                INSERT INTO prediction_receipt (model_id, first_seq, last_seq, received_at)
                    SELECT model_id, MIN(seq), MAX(seq), received_at FROM (
                        SELECT seq, model_id, received_at,
                               seq - ROW_NUMBER() OVER (PARTITION BY model_id, received_at ORDER BY seq) AS island
                        FROM prediction)
                    GROUP BY model_id, received_at, island;
                DROP INDEX prediction_received;
                """)
        }
        // Alert rules' states (each rule's `AlertRuleState` as JSON, replaced after each
        // evaluation), their transitions for the history, and the notifications waiting for their
        // receivers: one row per receiver and alert, replaced by a newer notification of the same
        // alert, so the queue is bounded by the alerts and the newest state is what gets delivered.
        migrator.registerMigration(identifiers[5]) { db in
            try db.execute(sql: """
                CREATE TABLE alert_rule_state (
                    rule TEXT PRIMARY KEY,
                    state_json BLOB NOT NULL,
                    updated_at REAL NOT NULL
                ) STRICT;
                CREATE TABLE alert_transition (
                    seq INTEGER PRIMARY KEY,
                    rule TEXT NOT NULL,
                    labels_json TEXT NOT NULL,
                    from_state TEXT,
                    to_state TEXT NOT NULL,
                    at REAL NOT NULL,
                    value REAL
                ) STRICT;
                CREATE INDEX alert_transition_at ON alert_transition(at);
                CREATE TABLE notification (
                    id INTEGER PRIMARY KEY,
                    receiver TEXT NOT NULL,
                    alert_key TEXT NOT NULL,
                    body BLOB NOT NULL,
                    queued_at REAL NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at REAL NOT NULL,
                    last_error TEXT,
                    UNIQUE (receiver, alert_key)
                ) STRICT;
                CREATE INDEX notification_due ON notification(next_attempt_at);
                """)
        }
        // Action runs and their audit trail: the whole run as JSON, with the columns the queries
        // filter on beside it. The unique idempotency key is what makes an alert's trigger run an
        // action at most once, whatever restarts and re-evaluations happen.
        migrator.registerMigration(identifiers[6]) { db in
            try db.execute(sql: """
                CREATE TABLE action_run (
                    id INTEGER PRIMARY KEY,
                    idempotency_key TEXT NOT NULL UNIQUE,
                    action TEXT NOT NULL,
                    adapter TEXT NOT NULL,
                    model TEXT NOT NULL,
                    status TEXT NOT NULL,
                    dry_run INTEGER NOT NULL CHECK (dry_run IN (0, 1)),
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    target_resource TEXT,
                    run_json BLOB NOT NULL
                ) STRICT;
                CREATE INDEX action_run_open ON action_run(status)
                    WHERE status IN ('triggered', 'pending_approval', 'queued', 'running');
                CREATE INDEX action_run_cooldown ON action_run(action, model, created_at);
                CREATE INDEX action_run_target ON action_run(target_resource, id) WHERE target_resource IS NOT NULL;
                """)
        }
        // The state of each series a metric-anomaly detector watches, saved now and then (it is
        // derived: a restart replays the metric samples stored after `last_timestamp`). The
        // detector's kind and parameters are saved beside it, so a state saved under other
        // parameters is recognised and dropped.
        migrator.registerMigration(identifiers[7]) { db in
            try db.execute(sql: """
                CREATE TABLE metric_anomaly_state (
                    detector TEXT NOT NULL,
                    series_name TEXT NOT NULL,
                    labels_json TEXT NOT NULL,
                    spec_json BLOB NOT NULL,
                    state_json BLOB NOT NULL,
                    saved_at REAL NOT NULL,
                    PRIMARY KEY (detector, series_name, labels_json)
                ) STRICT;
                """)
        }
        return migrator
    }
}
