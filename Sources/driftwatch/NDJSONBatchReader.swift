#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Up to `size` consecutive non-blank lines of an NDJSON file, ready to send: the body joins the
/// lines with `\n`, and `lineNumbers[i]` is the file line of the body's line `i + 1`.
struct NDJSONBatch: Sendable {
    var index: Int
    var body: [UInt8]
    var lineNumbers: [Int]

    /// The file line of a line the server numbered within this batch (1-based), or nil when the
    /// server names a line the batch does not have.
    func fileLine(ofBatchLine line: Int) -> Int? {
        lineNumbers.indices.contains(line - 1) ? lineNumbers[line - 1] : nil
    }
}

/// Reads an NDJSON file in fixed-size chunks and cuts it into batches of lines, so a file of any
/// size is replayed in bounded memory (one chunk plus one batch).
///
/// Blank lines (only spaces, tabs, `\r`) are left out of the batches but counted, so file line
/// numbers match an editor's; a final line without `\n` is a line. Batch bodies hold only
/// non-blank lines, which is why each batch carries its own line-number map instead of an offset.
struct NDJSONBatchReader {
    let path: String
    let batchSize: Int
    /// The file's size when opened, for progress.
    let fileSize: Int64
    /// Bytes consumed into the batches returned so far (their lines and the blank ones between).
    private(set) var bytesRead: Int64 = 0

    private let descriptor: Int32
    private var chunk: [UInt8]
    private var chunkStart = 0
    private var chunkEnd = 0
    private var atEnd = false
    private var lineNumber = 0
    private var batchIndex = 0

    static let chunkSize = 1 << 22

    init(path: String, batchSize: Int) throws(InputError) {
        self.path = path
        self.batchSize = batchSize
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw InputError("\(path): cannot read: \(String(cString: strerror(errno)))") }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = systemClose(descriptor)
            throw InputError("\(path): cannot read: \(reason)")
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            _ = systemClose(descriptor)
            throw InputError("\(path): cannot read: Is a directory")
        }
        self.descriptor = descriptor
        fileSize = Int64(status.st_size)
        chunk = [UInt8](repeating: 0, count: Self.chunkSize)
    }

    /// Closes the file; call once when done.
    func close() {
        _ = systemClose(descriptor)
    }

    /// The next batch, or nil at the end of the file.
    mutating func next() throws(InputError) -> NDJSONBatch? {
        var body: [UInt8] = []
        var numbers: [Int] = []
        numbers.reserveCapacity(batchSize)
        var pending: [UInt8] = []
        while numbers.count < batchSize {
            if chunkStart == chunkEnd {
                if atEnd { break }
                try fill()
                if chunkStart == chunkEnd {
                    atEnd = true
                    if pending.isEmpty { break }
                    appendLine(pending[...], to: &body, numbers: &numbers)
                    pending.removeAll()
                    break
                }
            }
            let newline: Int? = chunk.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress,
                    let found = memchr(base + chunkStart, 0x0A, chunkEnd - chunkStart)
                else { return nil }
                return UnsafeRawPointer(found) - UnsafeRawPointer(base)
            }
            if let newline {
                bytesRead += Int64(newline + 1 - chunkStart)
                if pending.isEmpty {
                    appendLine(chunk[chunkStart..<newline], to: &body, numbers: &numbers)
                } else {
                    pending.append(contentsOf: chunk[chunkStart..<newline])
                    appendLine(pending[...], to: &body, numbers: &numbers)
                    pending.removeAll(keepingCapacity: true)
                }
                chunkStart = newline + 1
            } else {
                bytesRead += Int64(chunkEnd - chunkStart)
                pending.append(contentsOf: chunk[chunkStart..<chunkEnd])
                chunkStart = chunkEnd
            }
        }
        guard !numbers.isEmpty else { return nil }
        batchIndex += 1
        return NDJSONBatch(index: batchIndex, body: body, lineNumbers: numbers)
    }

    private mutating func appendLine(_ line: ArraySlice<UInt8>, to body: inout [UInt8], numbers: inout [Int]) {
        lineNumber += 1
        guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
        if !body.isEmpty { body.append(0x0A) }
        body.append(contentsOf: line)
        numbers.append(lineNumber)
    }

    private mutating func fill() throws(InputError) {
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in read(descriptor, buffer.baseAddress, buffer.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw InputError("\(path): cannot read: \(String(cString: strerror(errno)))")
            }
            chunkStart = 0
            chunkEnd = count
            return
        }
    }
}

// `close` is shadowed inside `NDJSONBatchReader` by its own method.
private func systemClose(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}
