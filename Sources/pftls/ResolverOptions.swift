import ArgumentParser
import FoundationEssentials
import Glibc
import PftlsCore

/// `--resolver ADDR[:PORT]|none`: the DNS resolver the MX-name and DANE checks ask.
/// Without it, `PFTLS_RESOLVER` in the environment, then /etc/resolv.conf.
struct ResolverOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(Catalog.text("dns.resolver.help"), valueName: "ADDR[:PORT]"))
    var resolver: String?

    func validate() throws {
        _ = try Self.choice(resolver)
    }

    /// The DNS checks over the chosen resolver, each question asked once; nil when turned off.
    func dnsCheck(allowTLSAMismatch: Bool = false) -> MailDNSCheck? {
        (try? Self.dnsCheck(resolver: resolver, allowTLSAMismatch: allowTLSAMismatch)) ?? nil
    }

    /// The DNS checks over `resolver` (the option's text), else `PFTLS_RESOLVER`, else the
    /// system's resolver; nil when turned off. Throws when the text is not a resolver.
    /// Every lookup of the command shares one deadline (`DNSDeadline.standard`).
    static func dnsCheck(resolver: String?, allowTLSAMismatch: Bool) throws -> MailDNSCheck? {
        guard let resolver = try (choice(resolver) ?? .system).resolver() else { return nil }
        return MailDNSCheck(resolver: CachingResolver(DeadlineResolver(resolver)), allowTLSAMismatch: allowTLSAMismatch)
    }

    /// The resolver named by `option`, else by the environment; nil when neither names one.
    private static func choice(_ option: String?) throws -> ResolverChoice? {
        guard let chosen = option ?? ProcessEnvironment.value("PFTLS_RESOLVER") else { return nil }
        guard let choice = ResolverChoice(chosen) else {
            throw ValidationError(Catalog.text("dns.resolver.invalid", ["resolver": SafeText.escape(chosen)]))
        }
        return choice
    }
}
