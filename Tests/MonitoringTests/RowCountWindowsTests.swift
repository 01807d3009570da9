import Foundation
import Monitoring
import Testing

@Suite struct RowCountWindowsTests {
    private func summary(_ a: RowCountWindows.Assignment) -> String {
        "\(a.windowIndex).\(a.position)\(a.closesWindow ? "!" : "")"
    }

    @Test func numbersWindowsOfNRowsInArrivalOrder() throws {
        var windows = try RowCountWindows(rowsPerWindow: 3)
        let placed = (0..<7).map { _ in summary(windows.assign()) }
        #expect(placed == ["0.1", "0.2", "0.3!", "1.1", "1.2", "1.3!", "2.1"])
        #expect(windows.currentIndex == 2 && windows.rowsInCurrent == 1)
    }

    @Test func oneRowWindowsCloseOnEveryEvent() throws {
        var windows = try RowCountWindows(rowsPerWindow: 1)
        #expect((0..<3).map { _ in summary(windows.assign()) } == ["0.1!", "1.1!", "2.1!"])
        #expect(windows.flush() == nil)
    }

    @Test func flushClosesAPartWindowOnceAndTheNextEventStartsAnother() throws {
        var windows = try RowCountWindows(rowsPerWindow: 4)
        #expect(windows.flush() == nil)
        _ = windows.assign()
        _ = windows.assign()
        #expect(windows.flush() == RowCountWindows.PartialWindow(windowIndex: 0, rows: 2))
        #expect(windows.flush() == nil)
        #expect(summary(windows.assign()) == "1.1")
    }

    @Test func invalidSizesAreRefused() {
        for rows in [0, -1, Int.min] {
            do {
                _ = try RowCountWindows(rowsPerWindow: rows)
                Issue.record("\(rows) accepted")
            } catch {
                #expect(error == .invalidRowCount(rows))
            }
        }
    }

    @Test func restartResumesThePartlyFilledWindow() throws {
        var original = try RowCountWindows(rowsPerWindow: 5)
        for _ in 0..<7 { _ = original.assign() }
        var restored = try JSONDecoder().decode(RowCountWindows.self, from: try JSONEncoder().encode(original))
        #expect(restored == original)
        let next = (0..<4).map { _ in summary(restored.assign()) }
        #expect(next == (0..<4).map { _ in summary(original.assign()) })
        #expect(next == ["1.3", "1.4", "1.5!", "2.1"])
    }

    @Test func corruptedSavedStatesAreRefused() {
        for text in [
            #"{"rowsPerWindow":0,"currentIndex":0,"rowsInCurrent":0}"#,
            #"{"rowsPerWindow":3,"currentIndex":-1,"rowsInCurrent":0}"#,
            #"{"rowsPerWindow":3,"currentIndex":0,"rowsInCurrent":3}"#,
            #"{"rowsPerWindow":3,"currentIndex":0,"rowsInCurrent":-1}"#,
        ] {
            #expect(throws: DecodingError.self, "\(text)") {
                try JSONDecoder().decode(RowCountWindows.self, from: Data(text.utf8))
            }
        }
    }
}
