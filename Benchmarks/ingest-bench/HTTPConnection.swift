import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal blocking HTTP/1.1 keep-alive client over one loopback TCP socket: the load
/// generator. Hand-written (not URLSession or AsyncHTTPClient) so the generator costs little CPU
/// beside the server it measures: one write per request, one read loop per response, no
/// pipelining. Only what the benchmark sends and driftwatch answers is supported (responses with
/// `content-length`).
final class HTTPConnection {
    private let socket: Int32
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var request: [UInt8] = []

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw BenchmarkError.http("socket() failed: errno \(errno)") }
        var noDelay: Int32 = 1
        setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(socket)
            throw BenchmarkError.http("connect to 127.0.0.1:\(port) failed: errno \(errno)")
        }
    }

    deinit { close(socket) }

    /// Sends one request and reads the whole response.
    func send(_ method: String, _ path: String, contentType: String? = nil, body: [UInt8] = []) throws
        -> (status: Int, body: [UInt8])
    {
        request.removeAll(keepingCapacity: true)
        var head = "\(method) \(path) HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: \(body.count)\r\n"
        if let contentType { head += "content-type: \(contentType)\r\n" }
        head += "\r\n"
        request.append(contentsOf: head.utf8)
        request.append(contentsOf: body)
        try request.withUnsafeBytes { bytes in
            var sent = 0
            while sent < bytes.count {
                let written = Glibc.send(socket, bytes.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
                guard written > 0 else { throw BenchmarkError.http("send failed: errno \(errno)") }
                sent += written
            }
        }
        return try readResponse()
    }

    private func readResponse() throws -> (status: Int, body: [UInt8]) {
        var received: [UInt8] = []
        var headerEnd: Int?
        while headerEnd == nil {
            try receive(into: &received)
            headerEnd = Self.headerEnd(in: received)
        }
        guard let headerEnd, let head = String(bytes: received[..<headerEnd], encoding: .utf8) else {
            throw BenchmarkError.http("unreadable response head")
        }
        let lines = head.split(separator: "\r\n")
        guard let statusLine = lines.first, statusLine.split(separator: " ").count >= 2,
            let status = Int(statusLine.split(separator: " ")[1])
        else { throw BenchmarkError.http("bad status line") }
        guard let lengthLine = lines.first(where: { $0.lowercased().hasPrefix("content-length:") }),
            let length = Int(lengthLine.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
        else { throw BenchmarkError.http("response without content-length") }
        let bodyStart = headerEnd + 4
        while received.count < bodyStart + length { try receive(into: &received) }
        return (status, Array(received[bodyStart..<(bodyStart + length)]))
    }

    private func receive(into received: inout [UInt8]) throws {
        let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { throw BenchmarkError.http(count == 0 ? "connection closed by the server" : "recv failed: errno \(errno)") }
        received.append(contentsOf: buffer[0..<count])
    }

    private static func headerEnd(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }
}

enum BenchmarkError: Error, CustomStringConvertible {
    case http(String)
    case server(String)
    case peerFailed(String)

    var description: String {
        switch self {
        case .http(let detail): return "HTTP: \(detail)"
        case .server(let detail): return "server: \(detail)"
        case .peerFailed(let detail): return "peer benchmark failed: \(detail)"
        }
    }
}

/// `"accepted":N` of an ingest response (0 when absent).
func acceptedCount(_ body: [UInt8]) -> Int {
    let key = Array(#""accepted":"#.utf8)
    guard body.count > key.count else { return 0 }
    for start in 0...(body.count - key.count) where body[start] == key[0] && Array(body[start..<(start + key.count)]) == key {
        var value = 0
        var index = start + key.count
        while index < body.count, body[index] >= 48, body[index] <= 57 {
            value = value * 10 + Int(body[index] - 48)
            index += 1
        }
        return value
    }
    return 0
}
