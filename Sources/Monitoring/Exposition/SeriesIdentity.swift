/// What makes two series of one family the same series: their label sets compared as sets of byte
/// strings, with empty-valued labels left out (Prometheus and OpenMetrics treat `a=""` as no label
/// `a`), whatever order the labels were written in.
struct SeriesIdentity: Hashable {
    private let bytes: [UInt8]

    init(_ labels: LabelSet) {
        let present = labels.labels.filter { !$0.value.isEmpty }.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        var bytes: [UInt8] = []
        for label in present {
            // 0xFF never occurs in UTF-8, so the separators make the encoding unambiguous.
            bytes.append(contentsOf: label.name.utf8)
            bytes.append(0xFF)
            bytes.append(contentsOf: label.value.utf8)
            bytes.append(0xFF)
        }
        self.bytes = bytes
    }
}
