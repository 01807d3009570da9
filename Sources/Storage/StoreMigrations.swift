import GRDB

/// The store's schema, as versioned migrations. A migration, once released, is never edited:
/// changes go in a new one, so every file reaches the same schema from any earlier version.
///
/// Tables are `STRICT` so a value of the wrong type is refused instead of stored. Raw events
/// live in `prediction` and `label` (pruned by receipt time); everything else is kept long.
enum StoreMigrations {
    /// The identifiers of the registered migrations, in order.
    static let identifiers = ["v1-models-baselines-events-windows", "v2-open-window-event-times"]

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
        // The event-time span of an open row-count window (NULL for event-time windows and for
        // rows saved before this migration).
        migrator.registerMigration(identifiers[1]) { db in
            try db.execute(sql: """
                ALTER TABLE open_window ADD COLUMN first_event_time REAL;
                ALTER TABLE open_window ADD COLUMN last_event_time REAL;
                """)
        }
        return migrator
    }
}
