/// Bytes as lower-case hexadecimal, two digits each: how digests and MACs are written in
/// signature headers (SigV4, `X-Driftwatch-Signature`) and idempotency tokens.
enum HexEncoding {
    static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
