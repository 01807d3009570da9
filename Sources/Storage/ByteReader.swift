/// Reads what ``ByteWriter`` wrote; every read checks the bounds and returns nil past the end or
/// on a malformed value, so a damaged blob becomes an error, never a crash.
struct ByteReader {
    private let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func byte() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func varint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while shift < 64 {
            guard let next = byte() else { return nil }
            value |= UInt64(next & 0x7f) << shift
            if next < 0x80 { return value }
            shift += 7
        }
        return nil
    }

    mutating func double() -> Double? {
        guard bytes.count - offset >= 8 else { return nil }
        var bits: UInt64 = 0
        for index in (0..<8).reversed() { bits = bits << 8 | UInt64(bytes[offset + index]) }
        offset += 8
        return Double(bitPattern: bits)
    }

    mutating func string() -> String? {
        guard let length = varint(), length <= UInt64(bytes.count - offset) else { return nil }
        let end = offset + Int(length)
        defer { offset = end }
        return String(validating: bytes[offset..<end], as: UTF8.self)
    }
}
