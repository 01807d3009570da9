import DriftwatchServer
import Testing

@Suite struct ListenAddressTests {
    @Test func parsesHostAndPort() throws {
        #expect(try ListenAddress(parsing: "127.0.0.1:8742") == ListenAddress(host: "127.0.0.1", port: 8742))
        #expect(try ListenAddress(parsing: "[::1]:0") == ListenAddress(host: "::1", port: 0))
        #expect(throws: ListenAddressError.self) { try ListenAddress(parsing: "127.0.0.1") }
        #expect(throws: ListenAddressError.self) { try ListenAddress(parsing: "127.0.0.1:99999") }
        #expect(throws: ListenAddressError.self) { try ListenAddress(parsing: ":80") }
    }

    @Test func onlyLoopbackCountsAsLoopback() throws {
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "::1"] {
            #expect(ListenAddress(host: host, port: 1).isLoopback, "\(host)")
        }
        for host in ["0.0.0.0", "10.0.0.1", "::", "example.internal", "127.0.0.1.example"] {
            #expect(!ListenAddress(host: host, port: 1).isLoopback, "\(host)")
        }
    }
}
