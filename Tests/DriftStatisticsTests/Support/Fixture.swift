import Foundation
import Testing

/// One conformance-fixture file written by a generator under `scripts/fixtures/`.
struct FixtureFile {
    let generator: String
    let versions: [String: String]
    let cases: [FixtureCase]

    /// Loads `Fixtures/<name>.json` from the test bundle.
    static func load(_ name: String) throws -> FixtureFile {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw FixtureError.missing(name)
        }
        let data = quotingNumbers(try Data(contentsOf: url))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let cases = root["cases"] as? [[String: Any]]
        else { throw FixtureError.malformed(name, "no cases array") }
        let versions = (root["versions"] as? [String: Any] ?? [:]).mapValues { "\($0)" }
        return FixtureFile(
            generator: root["generator"] as? String ?? "?",
            versions: versions,
            cases: cases.enumerated().map { FixtureCase(file: name, index: $0.offset, fields: $0.element) }
        )
    }
}

/// Wraps every JSON number token in quotes, so numbers reach the cases as their exact decimal
/// text. Foundation's JSON parser on Linux is not correctly rounded past about 12 significant
/// digits and bridges 0 and 1 to `Bool`; Swift's `Double(_:)` parses the text correctly rounded.
private func quotingNumbers(_ json: Data) -> Data {
    var output = [UInt8]()
    output.reserveCapacity(json.count + json.count / 4)
    var inString = false
    var escaped = false
    var inNumber = false
    for byte in json {
        if inString {
            output.append(byte)
            if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            continue
        }
        let isNumberByte = (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
        if inNumber && !isNumberByte {
            output.append(UInt8(ascii: "\""))
            inNumber = false
        }
        if !inNumber && isNumberByte && byte != UInt8(ascii: "e") && byte != UInt8(ascii: "E") {
            output.append(UInt8(ascii: "\""))
            inNumber = true
        }
        if byte == UInt8(ascii: "\"") { inString = true }
        output.append(byte)
    }
    if inNumber { output.append(UInt8(ascii: "\"")) }
    return Data(output)
}

enum FixtureError: Error, CustomStringConvertible {
    case missing(String)
    case malformed(String, String)

    var description: String {
        switch self {
        case .missing(let name): return "fixture \(name).json is not in the test bundle"
        case .malformed(let name, let detail): return "fixture \(name).json: \(detail)"
        }
    }
}

/// One case of a fixture file: a JSON object whose fields are read by name.
struct FixtureCase: CustomStringConvertible {
    let file: String
    let index: Int
    let fields: [String: Any]

    var description: String { "\(file)#\(index) \(fields["name"] as? String ?? "")" }

    func string(_ key: String) throws -> String {
        guard let value = fields[key] as? String else { throw FixtureError.malformed(file, "case \(index): no string '\(key)'") }
        return value
    }

    func has(_ key: String) -> Bool { fields[key] != nil && !(fields[key] is NSNull) }

    func double(_ key: String) throws -> Double {
        guard let raw = fields[key], let value = Self.number(raw) else {
            throw FixtureError.malformed(file, "case \(index): no number '\(key)'")
        }
        return value
    }

    func int(_ key: String) throws -> Int {
        guard let text = fields[key] as? String, let value = Int(text) else {
            throw FixtureError.malformed(file, "case \(index): no integer '\(key)'")
        }
        return value
    }

    func bool(_ key: String) throws -> Bool {
        guard let value = fields[key] as? Bool else { throw FixtureError.malformed(file, "case \(index): no boolean '\(key)'") }
        return value
    }

    func doubles(_ key: String) throws -> [Double] {
        guard let array = fields[key] as? [Any] else { throw FixtureError.malformed(file, "case \(index): no array '\(key)'") }
        return try array.map { element in
            guard let value = Self.number(element) else { throw FixtureError.malformed(file, "case \(index): '\(key)' has a non-number") }
            return value
        }
    }

    func ints(_ key: String) throws -> [Int] {
        guard let array = fields[key] as? [String] else { throw FixtureError.malformed(file, "case \(index): no integer array '\(key)'") }
        return try array.map { text in
            guard let value = Int(text) else { throw FixtureError.malformed(file, "case \(index): '\(key)' has a non-integer") }
            return value
        }
    }

    /// String values; number tokens are accepted too, as their decimal text.
    /// String values; a number token comes back as its decimal text.
    func strings(_ key: String) throws -> [String] {
        guard let array = fields[key] as? [String] else { throw FixtureError.malformed(file, "case \(index): no string array '\(key)'") }
        return array
    }

    /// A nested matrix given as a list of rows.
    func rows(_ key: String) throws -> [[Double]] {
        guard let array = fields[key] as? [[Any]] else { throw FixtureError.malformed(file, "case \(index): no matrix '\(key)'") }
        return try array.map { row in
            try row.map { element in
                guard let value = Self.number(element) else { throw FixtureError.malformed(file, "case \(index): '\(key)' has a non-number") }
                return value
            }
        }
    }

    /// A nested object, e.g. `inputs` or `expected`.
    func object(_ key: String) throws -> FixtureCase {
        guard let nested = fields[key] as? [String: Any] else { throw FixtureError.malformed(file, "case \(index): no object '\(key)'") }
        return FixtureCase(file: file, index: index, fields: nested)
    }

    private static func number(_ raw: Any) -> Double? {
        switch raw as? String {
        case "inf": return .infinity
        case "-inf": return -.infinity
        case "nan": return .nan
        case let text?: return Double(text)
        default: return nil
        }
    }
}

/// Whether `actual` agrees with `expected` within `relative` tolerance, with an absolute floor
/// for values at or near zero. Non-finite values must match exactly (NaN matches NaN).
func isClose(_ actual: Double, _ expected: Double, relative: Double = 1e-9, absolute: Double = 1e-300) -> Bool {
    if expected.isNaN { return actual.isNaN }
    if expected.isInfinite { return actual == expected }
    return abs(actual - expected) <= max(relative * abs(expected), absolute)
}

/// Records a test issue naming the case when `actual` is not close to `expected`.
func expectClose(
    _ actual: Double, _ expected: Double, relative: Double = 1e-9, absolute: Double = 1e-300,
    _ context: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        isClose(actual, expected, relative: relative, absolute: absolute),
        "\(context()): got \(actual), expected \(expected) (relative error \(abs(actual - expected) / max(abs(expected), .leastNormalMagnitude)))",
        sourceLocation: sourceLocation
    )
}
