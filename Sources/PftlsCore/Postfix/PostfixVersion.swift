/// A Postfix release number such as 3.7.11, comparable.
public struct PostfixVersion: Comparable, Sendable, CustomStringConvertible {
    public let major: Int
    public let minor: Int
    public let patch: Int

    /// Creates a version.
    public init(_ major: Int, _ minor: Int, _ patch: Int = 0) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Parses `postconf -h mail_version` output such as `3.7.11` or `3.9-20240101`.
    public init?(parsing text: String) {
        let numbers = text.trimmingWhitespace()
            .split(whereSeparator: { $0 == "." || $0 == "-" }).prefix(3).map { Int($0) }
        guard numbers.count >= 2, let major = numbers[0], let minor = numbers[1] else { return nil }
        self.init(major, minor, numbers.count > 2 ? (numbers[2] ?? 0) : 0)
    }

    public static func < (lhs: PostfixVersion, rhs: PostfixVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }

    public var description: String { "\(major).\(minor).\(patch)" }

    /// `smtpd_tls_chain_files` appeared in 3.4.
    public var supportsChainFiles: Bool { self >= PostfixVersion(3, 4) }
    /// Postfix knows `submissions` (465) without /etc/services since 3.6.
    public var knowsSubmissionsName: Bool { self >= PostfixVersion(3, 6) }
}

import FoundationEssentials
import Glibc
