/// The declared features an event has already named, so a repeated one is refused: a bit per
/// position, in one inline word for up to 64 features (no allocation per event) and in an array
/// beyond that.
struct SeenPositions {
    private var word: UInt64 = 0
    private var words: [UInt64]

    init(count: Int) {
        words = count > 64 ? Array(repeating: 0, count: (count + 63) / 64) : []
    }

    /// Marks `position`; false when it was already marked.
    mutating func insert(_ position: Int) -> Bool {
        let bit = UInt64(1) << UInt64(position % 64)
        if words.isEmpty {
            defer { word |= bit }
            return word & bit == 0
        }
        let index = position / 64
        defer { words[index] |= bit }
        return words[index] & bit == 0
    }
}
