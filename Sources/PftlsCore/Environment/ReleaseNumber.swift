/// A release number such as Postfix's 3.7.11 or Dovecot's 2.3.19, comparable. `Software`
/// only keeps the two apart (`PostfixVersion`, `DovecotVersion`): each has its own questions.
public struct ReleaseNumber<Software>: Comparable, Sendable, CustomStringConvertible {
    public let major: Int
    public let minor: Int
    public let patch: Int

    /// Creates a version.
    public init(_ major: Int, _ minor: Int, _ patch: Int = 0) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Parses the first three numbers of `3.7.11`, `3.9-20240101`, `2.3.19.1 (9b53102964)` or `2.4.1-4 (7d8c0e5759)`.
    public init?(parsing text: String) {
        let release = text.trimmingWhitespace().prefix { $0 != " " }
        let numbers = release.split(whereSeparator: { $0 == "." || $0 == "-" }).prefix(3).map { Int($0) }
        guard numbers.count >= 2, let major = numbers[0], let minor = numbers[1] else { return nil }
        self.init(major, minor, numbers.count > 2 ? (numbers[2] ?? 0) : 0)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }

    public var description: String { "\(major).\(minor).\(patch)" }
}
