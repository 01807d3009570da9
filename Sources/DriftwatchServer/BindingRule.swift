/// Which addresses `driftwatch serve` may bind (issue 3's security baseline).
///
/// Without tokens every route is open, so the server binds only to loopback unless the operator
/// says `--insecure` (then it starts with a loud warning, e.g. behind an authenticating proxy on
/// a private network). With tokens it may bind anywhere.
public enum BindingRule {
    /// Nil when the binding is allowed silently, a warning when it is allowed by `--insecure`;
    /// throws when it is refused.
    public static func check(listen: ListenAddress, hasTokens: Bool, insecure: Bool) throws(ConfigError) -> String? {
        if hasTokens || listen.isLoopback { return nil }
        guard insecure else {
            throw ConfigError(
                "refusing to listen on \(listen) without tokens: anyone who can reach it could read and change everything; "
                    + "configure tokens_file (--tokens-file), listen on loopback, or pass --insecure")
        }
        return "WARNING: listening on \(listen) WITHOUT AUTHENTICATION (--insecure): "
            + "anyone who can reach this address can ingest, read and change models and baselines"
    }
}
