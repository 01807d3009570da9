/// The stored form of a `probabilities` prediction: varint count, then (name, 8-byte double)
/// pairs in ascending name order, so equal predictions have equal blobs.
enum ProbabilitiesBlob {
    static func encode(_ probabilities: [String: Double]) -> [UInt8] {
        var writer = ByteWriter()
        writer.varint(UInt64(probabilities.count))
        for name in probabilities.keys.sorted() {
            writer.string(name)
            writer.double(probabilities[name] ?? 0)
        }
        return writer.bytes
    }

    static func decode(_ bytes: [UInt8]) -> [String: Double]? {
        var reader = ByteReader(bytes)
        guard let count = reader.varint(), count <= UInt64(bytes.count) else { return nil }
        var probabilities: [String: Double] = [:]
        for _ in 0..<count {
            guard let name = reader.string(), let value = reader.double() else { return nil }
            probabilities[name] = value
        }
        return reader.isAtEnd ? probabilities : nil
    }
}
