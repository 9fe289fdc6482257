/// Finds the MX names that point at this host: for each mail domain the configuration
/// receives for, the MX hosts (or the domain itself when it has no MX) whose A or AAAA
/// address is one of this machine's.
public struct MailHostNames {
    let resolver: DNSResolving
    let localAddresses: Set<String>

    /// The most domains asked about, so a long `mydestination` does not stall a command.
    public static let maximumDomains = 16

    /// What the search found.
    public struct Found: Equatable, Sendable {
        /// MX names whose address is this host's, in the order found.
        public var names: [String] = []
        /// Lookups that got no answer.
        public var failures: [DNSFailure] = []
        /// The lookups not used because an earlier one got no answer (not made, or asked
        /// ahead and set aside), as `NAME TYPE` (`mx2.example.com A/AAAA`, `example.net MX`).
        public var unasked: [String] = []
    }

    /// Creates a search over `resolver`, with this host's addresses.
    public init(resolver: DNSResolving, localAddresses: Set<String> = LocalAddresses.current()) {
        self.resolver = resolver
        self.localAddresses = localAddresses
    }

    /// The MX names of `domains` that point at this host. The first lookup that gets no
    /// answer ends the search (the lookups asked ahead with it share the deadline, so a
    /// resolver that does not answer costs one wait, not one per lookup).
    public func find(domains: [String]) -> Found {
        let domains = Array(domains.prefix(Self.maximumDomains))
        // Every domain's MX records are asked at once; the search below reads them in its own
        // order and asks each host's addresses when it comes to it, as before: an AAAA record
        // only when the A records did not match, and no domain waits for a later one's MX.
        let exchanges = AskedAheadResolver(resolver, asking: domains.map { ($0, .mx) })
        defer { exchanges.finish() }
        return MailHostNames(resolver: exchanges, localAddresses: localAddresses).search(domains)
    }

    /// The MX hosts of `domain` in order of preference, each once; the domain itself when
    /// it has no MX (RFC 5321 5.1; a null MX "." gives no host).
    private static func targets(of domain: String, answer: DNSAnswer) -> [String] {
        let listed = answer.records.isEmpty ? [domain] : answer.records.sorted { $0.preference < $1.preference }.map(\.target)
        var targets: [String] = []
        for target in listed.map(normalized) where !target.isEmpty && !targets.contains(target) { targets.append(target) }
        return targets
    }

    /// The search, one answer after another: the first lookup without an answer ends it.
    private func search(_ domains: [String]) -> Found {
        var found = Found()
        for (index, domain) in domains.enumerated() {
            let later = domains[(index + 1)...].map { "\($0) MX" }
            switch resolver.lookup(domain, type: .mx) {
            case .failure(let failure):
                found.failures.append(failure)
                found.unasked = later
                return found
            case .success(let answer):
                let targets = Self.targets(of: domain, answer: answer).filter { !found.names.contains($0) }
                for (position, target) in targets.enumerated() {
                    switch pointsHere(target) {
                    case .failure(let failure):
                        found.failures.append(failure)
                        found.unasked = targets[(position + 1)...].map { "\($0) A/AAAA" } + later
                        return found
                    case .success(true): found.names.append(target)
                    case .success(false): break
                    }
                }
            }
        }
        return found
    }

    /// True when an A or AAAA record of `name` is one of this host's addresses.
    private func pointsHere(_ name: String) -> Result<Bool, DNSFailure> {
        for type in [DNSRecordType.a, .aaaa] {
            switch resolver.lookup(name, type: type) {
            case .failure(let failure):
                return .failure(failure)
            case .success(let answer):
                if answer.records.contains(where: { LocalAddresses.text(ofRecordData: $0.data).map(localAddresses.contains) == true }) { return .success(true) }
            }
        }
        return .success(false)
    }

    /// Lower case, without the final dot.
    public static func normalized(_ name: String) -> String {
        (name.hasSuffix(".") ? String(name.dropLast()) : name).lowercased()
    }

    /// The mail domains a configuration receives for: myhostname, mydomain, and the
    /// literal entries of mydestination, virtual_mailbox_domains, virtual_alias_domains
    /// and relay_domains (maps and files are skipped, and so are localhost and names of one
    /// label, such as Postfix's default mydomain `localdomain`). The parent domain of
    /// myhostname is added too: mydomain's default derives from it.
    public static func mailDomains(hostname: String?, value: (String) -> String) -> [String] {
        var domains: [String] = []
        func add(_ name: String) {
            let name = normalized(name)
            guard !name.isEmpty, !name.contains(":"), !name.contains("/"), !name.contains("$"),
                  name.contains("."), !name.hasPrefix("localhost."), !domains.contains(name) else { return }
            domains.append(name)
        }
        if let hostname { add(hostname) }
        add(String(hostname?.split(separator: ".", maxSplits: 1).dropFirst().first ?? ""))
        add(value("mydomain"))
        for parameter in ["mydestination", "virtual_mailbox_domains", "virtual_alias_domains", "relay_domains"] {
            value(parameter).split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" || $0 == "\n" }).forEach { add(String($0)) }
        }
        return domains
    }
}
