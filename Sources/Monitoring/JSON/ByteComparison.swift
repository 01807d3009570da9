import Foundation

extension UnsafeBufferPointer<UInt8> {
    /// Whether both buffers hold the same bytes: one `memcmp`, where the generic
    /// `elementsEqual` compared byte by byte and showed in profiles of the ingest decoder.
    func hasSameBytes(as other: UnsafeBufferPointer<UInt8>) -> Bool {
        guard count == other.count else { return false }
        guard count > 0, let mine = baseAddress, let theirs = other.baseAddress else { return true }
        return memcmp(mine, theirs, count) == 0
    }

    /// Whether the buffer holds exactly the UTF-8 of `text`.
    func hasSameBytes(as text: StaticString) -> Bool {
        count == text.utf8CodeUnitCount
            && hasSameBytes(as: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
