/// Postfix, as `ReleaseNumber`'s `Software`.
public enum PostfixRelease {}

/// A Postfix release number such as 3.7.11.
public typealias PostfixVersion = ReleaseNumber<PostfixRelease>

extension ReleaseNumber where Software == PostfixRelease {
    /// `smtpd_tls_chain_files` appeared in 3.4.
    public var supportsChainFiles: Bool { self >= PostfixVersion(3, 4) }
    /// Postfix knows `submissions` (465) without /etc/services since 3.6.
    public var knowsSubmissionsName: Bool { self >= PostfixVersion(3, 6) }
}
