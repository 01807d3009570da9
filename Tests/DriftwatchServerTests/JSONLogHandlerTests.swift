import DriftwatchServer
import Foundation
import Logging
import Synchronization
import Testing

@Suite struct JSONLogHandlerTests {
    @Test func writesOneParsableObjectPerLine() throws {
        let lines = Mutex<[String]>([])
        var logger = Logger(label: "driftwatch") { label in
            JSONLogHandler(label: label) { line in lines.withLock { $0.append(line) } }
        }
        logger.logLevel = .info
        logger[metadataKey: "node"] = "a"
        logger.debug("hidden")
        logger.info("request", metadata: ["route": "/v1/models/{model}", "status": "200", "level": "spoof", "note": "quote \" and\nnewline"])
        let written = lines.withLock { $0 }
        #expect(written.count == 1)
        let line = try #require(written.first)
        #expect(line.hasSuffix("}\n"))
        #expect(line.dropLast().contains("\n") == false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["level"] == "info")
        #expect(object["label"] == "driftwatch")
        #expect(object["message"] == "request")
        #expect(object["route"] == "/v1/models/{model}")
        #expect(object["status"] == "200")
        #expect(object["node"] == "a")
        #expect(object["metadata.level"] == "spoof")
        #expect(object["note"] == "quote \" and\nnewline")
        #expect(object["timestamp"]?.hasSuffix("Z") == true)
    }
}
