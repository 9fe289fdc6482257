import FoundationEssentials
import Glibc

/// Where "now" comes from. The engine never reads the system clock itself, so
/// tests can inspect a certificate "next year" exactly.
public protocol WallClock: Sendable {
    /// The current time.
    var now: Date { get }
}

/// The real system clock.
public struct SystemClock: WallClock {
    /// Creates the system clock.
    public init() {}
    public var now: Date { Date() }
}

/// A clock stopped at one moment, for tests and for "what if" checks.
public struct FixedClock: WallClock {
    public let now: Date
    /// Creates a clock that always answers `now`.
    public init(_ now: Date) { self.now = now }
}
