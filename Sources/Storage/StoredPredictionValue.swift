import GRDB
import Monitoring

/// How a prediction is kept in the `prediction` column: a number as REAL, a class as TEXT,
/// class probabilities as a ``ProbabilitiesBlob``.
enum StoredPredictionValue {
    /// The prediction a column value stands for, or what is wrong with it (for a `.corrupt` error
    /// naming the event).
    static func decode(_ value: DatabaseValue) -> Result<PredictionValue, StoredValueDamage> {
        switch value.storage {
        case .double(let number): return .success(.number(number))
        case .string(let label): return .success(.label(label))
        case .blob(let data):
            guard let probabilities = ProbabilitiesBlob.decode([UInt8](data)) else { return .failure(.init("probabilities")) }
            return .success(.probabilities(probabilities))
        default: return .failure(.init("prediction of an unknown type"))
        }
    }
}

/// Which part of a stored row could not be read back.
struct StoredValueDamage: Error {
    let part: String

    init(_ part: String) {
        self.part = part
    }
}
