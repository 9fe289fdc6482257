/// Why a renewal cannot start: main.cf names no server certificate to renew. Coded as
/// `check` codes the same fact (`tls-not-configured`).
public struct RenewalProblem: CodedError, Equatable, Sendable {
    /// The stable code of a renewal that cannot start.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Backing: String, Hashable, Sendable {
            case tlsNotConfigured = "tls-not-configured"
        }

        fileprivate let backing: Backing

        /// main.cf sets no server certificate.
        public static let tlsNotConfigured = Code(backing: .tlsNotConfigured)

        /// The code as printed.
        public var description: String { backing.rawValue }
    }

    public let code: Code
    /// The main.cf that sets no certificate.
    public let path: String

    /// main.cf at `path` sets no server certificate.
    init(notConfigured path: String) {
        code = .tlsNotConfigured
        self.path = path
    }

    public var reason: String { Catalog.text("renew.tls-not-configured", ["path": SafeText.escape(path)]) }
    public var hint: String { Catalog.text("renew.tls-not-configured.hint") }
}
