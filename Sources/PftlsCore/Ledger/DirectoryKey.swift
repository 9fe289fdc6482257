/// A directory as the ledger compares it: without trailing slashes (`/etc/postfix/` is
/// `/etc/postfix`), `/` kept as it is.
enum DirectoryKey {
    /// `path` without its trailing slashes.
    static func of(_ path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
