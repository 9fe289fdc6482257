import ArgumentParser
import Foundation
import PftlsCore

/// `--resolver ADDR[:PORT]|none`: the DNS resolver the MX-name and DANE checks ask.
/// Without it, `PFTLS_RESOLVER` in the environment, then /etc/resolv.conf.
struct ResolverOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(Catalog.text("dns.resolver.help"), valueName: "ADDR[:PORT]"))
    var resolver: String?

    /// The text chosen: the option, or the environment.
    private var chosen: String? { resolver ?? ProcessInfo.processInfo.environment["PFTLS_RESOLVER"] }

    func validate() throws {
        if let chosen, ResolverChoice(chosen) == nil {
            throw ValidationError(Catalog.text("dns.resolver.invalid", ["value": SafeText.escape(chosen)]))
        }
    }

    /// The DNS checks over the chosen resolver, each question asked once; nil when turned off.
    func dnsCheck(allowTLSAMismatch: Bool = false) -> MailDNSCheck? {
        guard let resolver = (chosen.flatMap(ResolverChoice.init) ?? .system).resolver() else { return nil }
        return MailDNSCheck(resolver: CachingResolver(resolver), allowTLSAMismatch: allowTLSAMismatch)
    }
}
