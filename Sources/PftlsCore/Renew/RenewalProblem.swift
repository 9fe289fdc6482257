/// Why a renewal cannot start: main.cf names no server certificate, so there is nothing
/// to renew (`nothing-to-renew`).
public struct RenewalProblem: CodedError, Equatable, Sendable {
    /// The stable code of a renewal that cannot start.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Backing: String, Hashable, Sendable {
            case nothingToRenew = "nothing-to-renew"
        }

        fileprivate let backing: Backing

        /// main.cf sets no server certificate.
        public static let nothingToRenew = Code(backing: .nothingToRenew)

        /// The code as printed.
        public var description: String { backing.rawValue }
    }

    public let code: Code
    /// The main.cf that sets no certificate.
    public let path: String

    /// main.cf at `path` sets no server certificate.
    init(notConfigured path: String) {
        code = .nothingToRenew
        self.path = path
    }

    public var reason: String { Catalog.text("renew.nothing-to-renew", ["path": SafeText.escape(path)]) }
    public var hint: String { Catalog.text("renew.nothing-to-renew.hint") }
}
