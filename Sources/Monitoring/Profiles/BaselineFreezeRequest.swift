/// The body of `POST /v1/models/{model}/baselines/{name}/from-window`: which stored predictions to
/// freeze as a baseline, and whether to activate it.
///
/// ```json
/// {"from": "2026-11-20T00:00:00Z", "to": 1763683200, "activate": true}
/// {"window": "latest", "activate": false}
/// ```
/// - `from`/`to`: event times, RFC 3339 or epoch seconds; the range is `[from, to)`, and `from`
///   must be before `to`.
/// - `window: "latest"`: the time span of the model's most recently closed window.
/// - `activate`: default true.
///
/// Exactly one of the two forms; unknown or repeated keys are refused, so a typo never silently
/// freezes a different range.
public struct BaselineFreezeRequest: Sendable, Equatable {
    public enum Selection: Sendable, Equatable {
        /// Event times in `[from, to)`.
        case timeRange(from: Double, to: Double)
        /// The span of the latest closed window.
        case latestWindow
    }

    public var selection: Selection
    public var activate: Bool

    public init(selection: Selection, activate: Bool = true) {
        self.selection = selection
        self.activate = activate
    }

    /// Why a body was refused: the message names the key.
    public struct DecodingError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Decodes and validates a JSON body.
    public static func decode(_ body: [UInt8]) throws(DecodingError) -> BaselineFreezeRequest {
        let outcome = body.withUnsafeBufferPointer { bytes in
            Result { () throws(DecodingError) -> BaselineFreezeRequest in try decode(bytes) }
        }
        return try outcome.get()
    }

    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws(DecodingError) -> BaselineFreezeRequest {
        var reader = JSONReader(bytes: bytes, range: 0..<bytes.count)
        let document: JSONValue
        do throws(JSONSyntaxError) {
            document = try reader.parseDocument()
        } catch {
            throw DecodingError(message: "malformed JSON at byte \(error.offset + 1): \(error.message)")
        }
        guard case let .object(members) = document else {
            throw DecodingError(message: "expected a JSON object, got \(document.kindName)")
        }
        var from: Double?
        var to: Double?
        var window: String?
        var activate: Bool?
        var seen: Set<String> = []
        for member in members {
            guard seen.insert(member.key).inserted else { throw DecodingError(message: "\(member.key): given more than once") }
            switch member.key {
            case "from", "to":
                let time: Double?
                do throws(EventFieldError) {
                    time = try EventFields.timestamp(member.value, reader: reader)
                } catch {
                    // EventFields names the field "timestamp"; the user wrote "from" or "to".
                    throw DecodingError(message: member.key + error.message.dropFirst("timestamp".count))
                }
                guard let time else { throw DecodingError(message: "\(member.key): expected RFC 3339 or epoch seconds, got null") }
                if member.key == "from" { from = time } else { to = time }
            case "window":
                guard case let .string(text) = member.value, text == "latest" else {
                    throw DecodingError(message: #"window: the only window form is "latest"; give "from" and "to" for any other range"#)
                }
                window = text
            case "activate":
                guard case let .bool(flag) = member.value else {
                    throw DecodingError(message: "activate: expected true or false, got \(member.value.kindName)")
                }
                activate = flag
            default:
                throw DecodingError(message: #"unknown key '\#(member.key)' (expected "from" and "to", or "window", and "activate")"#)
            }
        }
        switch (from, to, window) {
        case let (from?, to?, nil):
            guard from < to else { throw DecodingError(message: "from must be before to: the range [from, to) is empty") }
            return BaselineFreezeRequest(selection: .timeRange(from: from, to: to), activate: activate ?? true)
        case (nil, nil, .some):
            return BaselineFreezeRequest(selection: .latestWindow, activate: activate ?? true)
        case (.some, .some, .some), (.some, nil, .some), (nil, .some, .some):
            throw DecodingError(message: #"give either "from" and "to" or "window", not both"#)
        case (.some, nil, nil):
            throw DecodingError(message: "to: required with from")
        case (nil, .some, nil):
            throw DecodingError(message: "from: required with to")
        case (nil, nil, nil):
            throw DecodingError(message: #"give "from" and "to" (event times) or "window": "latest""#)
        }
    }
}
