import Foundation
import Monitoring
import Testing

@testable import Storage

@Suite struct SQLiteStoreAlertsTests {
    private static let labels = SeriesLabels([("alertname", "Drift"), ("model", "fraud")])

    private func firingState() throws -> AlertRuleState {
        var state = AlertRuleState(alertName: "Drift", holdDuration: 60, keepFiringFor: 0)
        _ = try state.evaluate([AlertCandidate(labels: Self.labels, annotations: ["summary": "x"], value: .infinity)], at: 0)
        _ = try state.evaluate([AlertCandidate(labels: Self.labels, annotations: ["summary": "y"], value: 0.5)], at: 60)
        _ = state.takeDue(at: 60, resendDelay: 60, interval: 60)
        return state
    }

    @Test func statesAndHistorySurviveAReopenAndRemovedRulesGo() async throws {
        try await withTemporaryDirectory { directory in
            let state = try firingState()
            let transitions = [
                AlertTransition(alertName: "Drift", labels: Self.labels, from: nil, to: .pending, at: 0, value: .nan),
                AlertTransition(alertName: "Drift", labels: Self.labels, from: .pending, to: .firing, at: 60, value: 0.5),
            ]
            let other = AlertRuleState(alertName: "Old", holdDuration: 0, keepFiringFor: 0)
            do {
                let store = try SQLiteStore(path: directory.path())
                try await store.saveAlertEvaluation(
                    AlertEvaluationRecord(states: ["Drift": state, "Old": other], transitions: transitions), at: 60)
                try await store.close()
            }
            let store = try SQLiteStore(path: directory.path())
            #expect(try await store.alertStates() == ["Drift": state, "Old": other])
            let history = try await store.alertTransitions(from: 0, to: 61, limit: 10)
            #expect(history.map(\.to) == [.firing, .pending] && history[1].value.isNaN && history[0].labels == Self.labels)
            #expect(try await store.alertTransitions(from: 0, to: 60, limit: 10).map(\.to) == [.pending])
            #expect(try await store.alertTransitions(from: 0, to: 61, limit: 1).count == 1)
            try await store.saveAlertEvaluation(AlertEvaluationRecord(states: [:], removedRules: ["Old"]), at: 120)
            #expect(try await store.alertStates().keys.sorted() == ["Drift"])
            try await store.close()
        }
    }

    /// One queued notification per receiver and alert: a newer one replaces an undelivered one
    /// and starts its attempts over; completing or retrying the older copy leaves the newer alone.
    @Test func notificationsQueueReplaceRetryAndComplete() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory.path())
            func queue(_ body: String, for receiver: String = "alertmanager", alert: String = "a1", at time: Double) async throws {
                try await store.saveAlertEvaluation(
                    AlertEvaluationRecord(
                        states: [:], notifications: [NewNotification(receiver: receiver, alertKey: alert, body: Array(body.utf8))]),
                    at: time)
            }
            try await queue("firing", at: 10)
            try await queue("other", alert: "a2", at: 11)
            try await queue("hook", for: "webhook", at: 12)
            #expect(try await store.dueNotifications(at: 9, limit: 10).isEmpty)
            let due = try await store.dueNotifications(at: 20, limit: 10)
            #expect(due.map { String(decoding: $0.body, as: UTF8.self) } == ["firing", "other", "hook"])
            try await store.retryNotification(due[0], at: 40, error: "HTTP 503")
            let retried = try #require(try await store.dueNotifications(at: 40, limit: 10).first { $0.alertKey == "a1" && $0.receiver == "alertmanager" })
            #expect(retried.attempts == 1 && retried.lastError == "HTTP 503" && retried.nextAttemptAt == 40)
            #expect(try await store.dueNotifications(at: 39, limit: 10).allSatisfy { $0.alertKey != "a1" || $0.receiver != "alertmanager" })
            // A newer notification of a1 replaces the body and starts over.
            try await queue("resolved", at: 50)
            let replaced = try #require(try await store.dueNotifications(at: 50, limit: 10).first { $0.alertKey == "a1" && $0.receiver == "alertmanager" })
            #expect(String(decoding: replaced.body, as: UTF8.self) == "resolved" && replaced.attempts == 0 && replaced.lastError == nil)
            // The older copy's outcome touches nothing.
            try await store.retryNotification(retried, at: 500, error: "late")
            try await store.completeNotification(retried)
            #expect(try await store.dueNotifications(at: 50, limit: 10).count == 3)
            try await store.completeNotification(replaced)
            #expect(try await store.dueNotifications(at: 1000, limit: 10).map(\.alertKey) == ["a2", "a1"])
            try await store.close()
        }
    }
}
