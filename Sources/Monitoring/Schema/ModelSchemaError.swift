/// Why a model schema was refused. Every case names the field in the user's JSON, spelled like
/// `features[3].name` or `prediction.classes[1]`, so the HTTP answer can point at it.
public enum ModelSchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The body is not JSON at all.
    case malformedJSON(String)
    case unknownKey(field: String)
    case missingField(field: String)
    case wrongType(field: String, expected: String)
    /// A `type` value outside its enumeration; `allowed` lists the accepted spellings.
    case unknownType(field: String, value: String, allowed: [String])
    case emptyName(field: String)
    case nameTooLong(field: String, length: Int)
    /// `field` is the later occurrence; `firstField` the one it repeats.
    case duplicateName(field: String, name: String, firstField: String)
    case noFeatures
    case classesRequired(field: String, predictionType: String)
    case classesNotAllowed(field: String, predictionType: String)
    case tooFewClasses(field: String)
    case invalidWindow(field: String, WindowSpecError)

    /// The longest feature or class name accepted, in Unicode scalars.
    public static let maximumNameLength = 256

    /// The field the error is about.
    public var field: String {
        switch self {
        case .malformedJSON: return ""
        case .noFeatures: return "features"
        case let .unknownKey(field), let .missingField(field), let .wrongType(field, _),
            let .unknownType(field, _, _), let .emptyName(field), let .nameTooLong(field, _),
            let .duplicateName(field, _, _), let .classesRequired(field, _), let .classesNotAllowed(field, _),
            let .tooFewClasses(field), let .invalidWindow(field, _):
            return field
        }
    }

    public var description: String {
        switch self {
        case let .malformedJSON(message): return "malformed JSON: \(message)"
        case let .unknownKey(field): return "\(field): unknown key"
        case let .missingField(field): return "\(field): required"
        case let .wrongType(field, expected): return "\(field): expected \(expected)"
        case let .unknownType(field, value, allowed):
            return "\(field): unknown type '\(value)' (expected \(allowed.joined(separator: ", ")))"
        case let .emptyName(field): return "\(field): must not be empty"
        case let .nameTooLong(field, length):
            return "\(field): \(length) characters, at most \(Self.maximumNameLength) allowed"
        case let .duplicateName(field, name, firstField): return "\(field): '\(name)' repeats \(firstField)"
        case .noFeatures: return "features: at least one feature is required"
        case let .classesRequired(field, type): return "\(field): required for a \(type) prediction"
        case let .classesNotAllowed(field, type): return "\(field): not allowed for a \(type) prediction"
        case let .tooFewClasses(field): return "\(field): at least two classes are required"
        case let .invalidWindow(field, error): return "\(field): \(error)"
        }
    }
}
