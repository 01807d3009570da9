extension Duration {
    /// Whole milliseconds, as AsyncHTTPClient's timeouts take them.
    var wholeMilliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
