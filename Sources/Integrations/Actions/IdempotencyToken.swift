import Crypto
import Monitoring

/// The idempotency key of a run as external systems take it: the SHA-256 of
/// ``ActionRun/idempotencyKey`` in lower-case hex (64 characters, within SageMaker's 32–128
/// `ClientRequestToken` and fit for an `Idempotency-Key` header), so a retried request is
/// recognised as the same one.
enum IdempotencyToken {
    static func of(_ run: ActionRun) -> String {
        HexEncoding.lowercase(SHA256.hash(data: Array(run.idempotencyKey.utf8)))
    }
}
