import Foundation
import Integrations
import Logging
import ServiceLifecycle
import Storage

/// Delivers the queued alert notifications (`Store.dueNotifications`) to their receivers: a
/// notification leaves the queue once its receiver answered 2xx, or refused it with an answer a
/// retry would get again, such as a 4xx (logged); a 5xx answer or a network error schedules the
/// next attempt by `DeliveryPolicy`. The queue is in the store, so what was not delivered before
/// a restart is delivered after it. The loop wakes when the engine queues notifications and every second.
struct NotificationDeliveryService: Service {
    let store: any Store
    let receivers: [NotificationReceiver]
    let transport: any NotificationTransport
    let wake: AlertTrigger
    let now: @Sendable () -> Double
    let logger: Logger

    func run() async throws {
        // A service that returns ends the whole service group: without receivers, just wait.
        guard !receivers.isEmpty else {
            try? await gracefulShutdown()
            return
        }
        let ticks = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                wake.pull()
            }
        }
        defer { ticks.cancel() }
        await cancelWhenGracefulShutdown {
            for await _ in wake.pulls {
                await deliverDue()
            }
        }
    }

    /// Attempts every notification due now, one at a time.
    func deliverDue() async {
        let due: [QueuedNotification]
        do {
            due = try await store.dueNotifications(at: now(), limit: 100)
        } catch {
            logger.error("notification queue not read", metadata: ["error": "\(error)"])
            return
        }
        for notification in due {
            guard !Task.isCancelled else { return }
            guard let receiver = receivers.first(where: { $0.name == notification.receiver }) else {
                // A receiver removed from the settings: nothing can deliver these.
                try? await store.completeNotification(notification)
                continue
            }
            let (url, headers) = receiver.request(for: notification.body)
            var status: Int?
            var failure = ""
            do {
                status = try await transport.post(url: url, headers: headers, body: notification.body, timeout: .seconds(10))
                failure = "HTTP \(status ?? 0)"
            } catch {
                failure = "\(error)"
            }
            do {
                switch DeliveryPolicy.outcome(status: status, attempts: notification.attempts, jitter: .random(in: -1...1)) {
                case .delivered:
                    try await store.completeNotification(notification)
                case .rejected(let code):
                    logger.error(
                        "notification refused by its receiver; dropped",
                        metadata: ["receiver": "\(receiver.name)", "status": "\(code)", "alert": "\(notification.alertKey)"])
                    try await store.completeNotification(notification)
                case .retry(let seconds):
                    logger.warning(
                        "notification not delivered; retrying",
                        metadata: ["receiver": "\(receiver.name)", "error": "\(failure)", "in_seconds": "\(seconds)"])
                    try await store.retryNotification(notification, at: now() + seconds, error: failure)
                }
            } catch {
                logger.error("notification outcome not saved", metadata: ["error": "\(error)"])
            }
        }
    }
}
