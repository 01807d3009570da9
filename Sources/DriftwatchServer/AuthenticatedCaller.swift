/// Who is calling, as the access middleware authenticated them, for handlers that record it
/// (an action's approval names who gave it).
enum AuthenticatedCaller {
    /// The bearer token's name, or nil when the server runs without tokens.
    @TaskLocal static var tokenName: String?
}
