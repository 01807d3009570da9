import Monitoring
/// How rejected rows of an input file are announced: their count and the first few with lines.
enum RejectionSummary {
    /// Rejected rows listed by line before the rest are only counted.
    static let shownRows = 3

    /// `cur.csv: 2 rows rejected, the check uses the 998 valid rows: line 17: …; line 40: …`
    static func text(of file: SampleFile) -> String {
        let count = file.rejected.count
        let rows = count == 1 ? "1 row rejected" : "\(count) rows rejected"
        let shown = file.rejected.prefix(shownRows).map { "line \($0.line): \($0.error)" }.joined(separator: "; ")
        let more = count > shownRows ? "; and \(count - shownRows) more" : ""
        let valid = file.rowCount == 1 ? "1 valid row" : "\(file.rowCount) valid rows"
        return "\(file.path): \(rows), the check uses the \(valid): \(shown)\(more)"
    }
}
