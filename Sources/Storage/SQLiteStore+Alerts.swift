import Foundation
import GRDB
import Monitoring

extension SQLiteStore {
    public func saveAlertEvaluation(_ record: AlertEvaluationRecord, at time: Double) async throws(StoreError) {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
        encoder.outputFormatting = .sortedKeys
        var states: [(String, Data)] = []
        var transitions: [(AlertTransition, String)] = []
        do {
            for (rule, state) in record.states.sorted(by: { $0.key < $1.key }) { states.append((rule, try encoder.encode(state))) }
            for transition in record.transitions {
                transitions.append((transition, String(decoding: try encoder.encode(transition.labels), as: UTF8.self)))
            }
        } catch {
            throw .failed(operation: "encode alert states", reason: "\(error)")
        }
        var runs: [(ActionRun, Data)] = []
        for run in record.actionRuns { runs.append((run, try StoreJSON.encode(run, "action run of '\(run.action)'"))) }
        let encodedStates = states
        let encodedTransitions = transitions
        let encodedRuns = runs
        try await write("save an alert evaluation") { db in
            for (rule, json) in encodedStates {
                try db.execute(
                    sql: """
                        INSERT INTO alert_rule_state (rule, state_json, updated_at) VALUES (?, ?, ?)
                        ON CONFLICT (rule) DO UPDATE SET state_json = excluded.state_json, updated_at = excluded.updated_at
                        """, arguments: [rule, json, time])
            }
            for rule in record.removedRules {
                try db.execute(sql: "DELETE FROM alert_rule_state WHERE rule = ?", arguments: [rule])
            }
            for (transition, labels) in encodedTransitions {
                let value: Double? = transition.value.isNaN ? nil : transition.value
                try db.execute(
                    sql: "INSERT INTO alert_transition (rule, labels_json, from_state, to_state, at, value) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [transition.alertName, labels, transition.from?.rawValue, transition.to.rawValue, transition.at, value])
            }
            for notification in record.notifications {
                try db.execute(
                    sql: """
                        INSERT INTO notification (receiver, alert_key, body, queued_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (receiver, alert_key) DO UPDATE SET
                            body = excluded.body, queued_at = excluded.queued_at, next_attempt_at = excluded.next_attempt_at,
                            attempts = 0, last_error = NULL
                        """,
                    arguments: [notification.receiver, notification.alertKey, Data(notification.body), time, time])
            }
            for (run, json) in encodedRuns {
                try SQLiteStore.insertActionRun(run, json: json, in: db)
            }
        }
    }

    public func alertStates() async throws(StoreError) -> [String: AlertRuleState] {
        let rows = try await read("read alert states") { db in
            try Row.fetchAll(db, sql: "SELECT rule, state_json FROM alert_rule_state").map { ($0[0] as String, $0[1] as Data) }
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
        var states: [String: AlertRuleState] = [:]
        for (rule, json) in rows {
            do {
                states[rule] = try decoder.decode(AlertRuleState.self, from: json)
            } catch {
                throw .corrupt("the stored state of alert rule '\(rule)' does not decode: \(error)")
            }
        }
        return states
    }

    public func alertTransitions(from: Double, to: Double, limit: Int) async throws(StoreError) -> [AlertTransition] {
        try await read("read alert transitions") { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT rule, labels_json, from_state, to_state, at, value FROM alert_transition
                    WHERE at >= ? AND at < ? ORDER BY at DESC, seq DESC LIMIT ?
                    """, arguments: [from, to, limit])
            var transitions: [AlertTransition] = []
            while let row = try rows.next() {
                let rule: String = row[0]
                guard let labels = try? JSONDecoder().decode(SeriesLabels.self, from: Data((row[1] as String).utf8)),
                    let state = AlertState(rawValue: row[3])
                else { throw StoreError.corrupt("a transition of alert rule '\(rule)' does not decode") }
                transitions.append(AlertTransition(
                    alertName: rule, labels: labels, from: (row[2] as String?).flatMap(AlertState.init(rawValue:)), to: state,
                    at: row[4], value: (row[5] as Double?) ?? .nan))
            }
            return transitions
        }
    }

    public func dueNotifications(at time: Double, limit: Int) async throws(StoreError) -> [QueuedNotification] {
        try await read("read due notifications") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, receiver, alert_key, body, queued_at, attempts, next_attempt_at, last_error FROM notification
                    WHERE next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?
                    """, arguments: [time, limit]
            ).map { row in
                QueuedNotification(
                    id: row[0], receiver: row[1], alertKey: row[2], body: [UInt8](row[3] as Data), queuedAt: row[4],
                    attempts: row[5], nextAttemptAt: row[6], lastError: row[7])
            }
        }
    }

    public func completeNotification(_ notification: QueuedNotification) async throws(StoreError) {
        try await write("remove a delivered notification") { db in
            // A newer notification of the same alert may have replaced this one meanwhile: keep it.
            try db.execute(
                sql: "DELETE FROM notification WHERE id = ? AND queued_at = ?", arguments: [notification.id, notification.queuedAt])
        }
    }

    public func retryNotification(_ notification: QueuedNotification, at nextAttempt: Double, error: String)
        async throws(StoreError)
    {
        // A newer notification of the same alert may have replaced this one meanwhile: it keeps
        // its own schedule.
        try await write("record a failed delivery") { db in
            try db.execute(
                sql: """
                    UPDATE notification SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?
                    WHERE id = ? AND queued_at = ?
                    """, arguments: [error, nextAttempt, notification.id, notification.queuedAt])
        }
    }
}
