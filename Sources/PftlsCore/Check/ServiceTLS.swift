/// One smtpd listener from master.cf and how it does TLS.
public struct ServiceTLS: Sendable, Equatable {
    /// How the listener uses TLS.
    /// The raw value is what `--json` prints; `label` is what a person reads.
    public enum Mode: String, Sendable {
        case none = "no TLS"
        case offered = "STARTTLS offered"
        case required = "STARTTLS required"
        case implicit = "implicit TLS"

        /// The mode in the current language.
        public var label: String {
            switch self {
            case .none: Catalog.text("service.tls.none")
            case .offered: Catalog.text("service.tls.offered")
            case .required: Catalog.text("service.tls.required")
            case .implicit: Catalog.text("service.tls.implicit")
            }
        }
    }

    /// The master.cf service field, e.g. `submission` or `127.0.0.1:10025`.
    public let name: String
    public let mode: Mode
    /// Where a probe connects: the address from master.cf, or loopback for a wildcard.
    public let host: String
    public let port: Int?
    /// Certificate files set by this service's `-o` overrides, if any.
    public let overrideFiles: [String]
}
