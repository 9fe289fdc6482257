/// The DNS side of a change or an audit. The certificate must cover every MX name that
/// points at this host, and the TLSA records published for those names and myhostname
/// must match the chain, or DANE-validating senders stop delivering.
///
/// DNS never blocks by itself: a lookup that gets no answer is reported as
/// `dns-lookup-failed` (info), and the checks that needed it are skipped.
public struct MailDNSCheck: Sendable {
    let resolver: DNSResolving
    let localAddresses: Set<String>
    /// `--allow-tlsa-mismatch`: an unpublished key is a warning, not a refusal.
    public var allowTLSAMismatch: Bool

    /// Creates a check over `resolver`, with this host's addresses.
    public init(resolver: DNSResolving, localAddresses: Set<String> = LocalAddresses.current(), allowTLSAMismatch: Bool = false) {
        self.resolver = resolver
        self.localAddresses = localAddresses
        self.allowTLSAMismatch = allowTLSAMismatch
    }

    /// What the lookups found, before they are judged.
    public struct Lookups: Sendable {
        /// MX names pointing at this host.
        public let mxNames: [String]
        /// TLSA records for myhostname and each MX name.
        public let publications: [TLSAPublication]
        /// Lookups that got no answer (the first ends the lookups).
        public let failures: [DNSFailure]
        /// The lookups not used after that (not made, or asked ahead and set aside), as `NAME TYPE`.
        public var unasked: [String] = []
    }

    /// Looks up the MX names of this host's mail domains and the TLSA records of them and `hostname`.
    /// `value` gives a main.cf parameter's effective value.
    public func lookUp(hostname: String?, value: (String) -> String) -> Lookups {
        // myhostname's TLSA records are asked with the MX records: a host that is its own MX
        // has every answer after two round trips.
        let own = hostname.map(MailHostNames.normalized).flatMap { $0.isEmpty ? nil : $0 }
        let early = AskedAheadResolver(resolver, asking: own.map { [(TLSAPublication.owner(of: $0), .tlsa)] } ?? [])
        defer { early.finish() }
        let found = MailHostNames(resolver: early, localAddresses: localAddresses)
            .find(domains: MailHostNames.mailDomains(hostname: hostname, value: value))
        var publications: [TLSAPublication] = []
        var failures = found.failures
        var names = found.names
        if let own, !names.contains(own) { names.insert(own, at: 0) }
        var unasked = found.unasked
        // Every name's TLSA records are asked at once, and read in order.
        let records = AskedAheadResolver(early, asking: failures.isEmpty ? names.map { (TLSAPublication.owner(of: $0), .tlsa) } : [])
        defer { records.finish() }
        for (index, name) in names.enumerated() {
            guard failures.isEmpty else {
                unasked += names[index...].map { "\(TLSAPublication.owner(of: $0)) TLSA" }
                break
            }
            switch TLSAPublication.lookup(name, resolver: records) {
            case .success(let publication): publications.append(publication)
            case .failure(let failure): failures.append(failure)
            }
        }
        return Lookups(mxNames: found.names, publications: publications, failures: failures, unasked: unasked)
    }

    /// The findings for a chain about to be installed: MX names it lacks
    /// (`name-not-covered`, except those in `known`, which are reported already) and
    /// TLSA records none of which match it (`tlsa-not-published`, a refusal).
    public func beforeChange(chain: [Certificate], file: String, lookups: Lookups, known: [String]) -> [Finding] {
        beforeChange(chains: [chain], file: file, lookups: lookups, known: known)
    }

    /// The same for a server that will present several chains (one per key type): DANE
    /// senders choose the key type, so each chain needs a record of its own.
    public func beforeChange(chains: [[Certificate]], file: String, lookups: Lookups, known: [String]) -> [Finding] {
        let chains = chains.filter { !$0.isEmpty }
        guard let first = chains.first else { return failed(lookups) }
        return uncovered(chain: first, file: file, lookups: lookups, known: known) + lookups.publications.flatMap { publication in
            guard !publication.records.isEmpty else { return [Finding]() }
            let unmatched = chains.filter { !publication.matches($0) }
            if unmatched.isEmpty { return [matched(publication, file: file)] }
            return unmatched.map { notPublished(publication, chain: $0, file: file) }
        } + failed(lookups)
    }

    /// The findings for the chain being served: TLSA records none of which match it
    /// (`tlsa-mismatch`), and MX names it lacks.
    public func served(chain: [Certificate], file: String, lookups: Lookups, known: [String]) -> [Finding] {
        served(chains: { _ in [PresentedChain(keyType: nil, chain: chain, file: file)] }, lookups: lookups, known: known)
    }

    func uncovered(chain: [Certificate], file: String, lookups: Lookups, known: [String]) -> [Finding] {
        uncovered(chains: { _ in [PresentedChain(keyType: nil, chain: chain, file: file)] }, lookups: lookups, known: known)
    }

    /// `name-not-covered` for each MX name (not in `known`) that a leaf presented for it lacks.
    func uncovered(chains: (String) -> [PresentedChain], lookups: Lookups, known: [String]) -> [Finding] {
        let known = Set(known.map(MailHostNames.normalized))
        return lookups.mxNames.filter { !known.contains($0) }.compactMap { name in
            guard let presented = chains(name).first(where: { $0.chain.first.map { !$0.matches(hostname: name) } == true }),
                  let leaf = presented.chain.first else { return nil }
            return Finding(.nameNotCovered, .warning, file: presented.file,
                message: Catalog.text("names.mx-not-covered.message", ["file": SafeText.escape(presented.file), "name": SafeText.escape(name),
                                                                       "names": leaf.subjectAlternativeNames.joinedAsList()]),
                hint: Catalog.text("names.not-covered.hint", ["name": SafeText.escape(name)]))
        }
    }

    func matched(_ publication: TLSAPublication, file: String) -> Finding {
        Finding(.tlsaMatches, .info, file: file,
                message: Catalog.text("dane.matches.message", ["owner": publication.owner, "validated": Self.validated(publication)]),
                hint: Catalog.text("dane.matches.hint"))
    }

    private func notPublished(_ publication: TLSAPublication, chain: [Certificate], file: String) -> Finding {
        let next = Self.zoneLine(publication, TLSARecord.endEntity(chain[0]))
        let issuer = chain.count > 1 ? Self.zoneLine(publication, TLSARecord.trustAnchor(chain[1])) : next
        return Finding(.tlsaNotPublished, allowTLSAMismatch ? .warning : .error, file: file,
            message: Catalog.text("dane.not-published.message", ["owner": publication.owner, "records": Self.list(publication.records),
                                                                 "validated": Self.validated(publication)]),
            hint: Catalog.text("dane.not-published.hint", ["record": next, "ttl": "\(publication.ttl)", "wait": "\(2 * Int(publication.ttl))",
                                                           "issuer": issuer]))
    }

    func failed(_ lookups: Lookups) -> [Finding] {
        lookups.failures.prefix(1).map { failure in
            let name = SafeText.escape(failure.name)
            let message = lookups.unasked.isEmpty
                ? Catalog.text("dns.failed.message", ["name": name, "reason": failure.reason])
                : Catalog.text("dns.failed.unasked.message", ["name": name, "reason": failure.reason, "unasked": Self.unasked(lookups.unasked)])
            return Finding(.dnsLookupFailed, .info, file: nil, message: message, hint: Catalog.text("dns.failed.hint"))
        }
    }

    /// The most lookups not made that a message names; the rest are counted.
    static let unaskedShown = 10

    /// `a MX, b A/AAAA and 3 more`, in the catalog's words.
    static func unasked(_ lookups: [String]) -> String {
        let shown = lookups.prefix(unaskedShown).map { SafeText.escape($0) }.joined(separator: Catalog.text("list.separator"))
        guard lookups.count > unaskedShown else { return shown }
        return Catalog.text("dns.unasked.more", ["names": shown, "count": "\(lookups.count - unaskedShown)"])
    }

    /// A record as a zone file line: `_25._tcp.mail.example.com. 3600 IN TLSA 3 1 1 …`.
    static func zoneLine(_ publication: TLSAPublication, _ record: TLSARecord) -> String {
        "\(publication.owner). \(publication.ttl) IN TLSA \(record.text)"
    }

    static func list(_ records: [TLSARecord]) -> String {
        records.map { record in
            let text = record.text
            return text.count > 30 ? String(text.prefix(30)) + "…" : text
        }.joinedAsList()
    }

    static func validated(_ publication: TLSAPublication) -> String {
        Catalog.text(publication.authenticated ? "dane.validated.yes" : "dane.validated.no")
    }
}
