/// Brings master.cf to the chosen services: smtp (25), submission (587,
/// STARTTLS required + SASL) and submissions (465, implicit TLS + SASL).
///
/// An existing entry is edited in place and keeps its policy: only the options its
/// security needs are set. Debian's or upstream's commented-out template is uncommented
/// rather than a second copy appended, without lines that refer to parameters main.cf
/// does not define; only then is a new entry added, in the file's own conventions.
/// A port fronted by postscreen keeps postscreen in front.
struct MasterConfigPlanner {
    let naming: ServiceNaming
    /// True when main.cf sets the parameter or Postfix has a default for it.
    let isDefined: (String) -> Bool
    /// True when this Postfix knows the parameter (a template from a newer version may name
    /// one it does not: postconf would warn "unused parameter").
    let isKnown: (String) -> Bool
    /// Where a service without an address of its own is probed (`WildcardProbeHost`).
    var wildcardHost = "127.0.0.1"
    /// `smtpd_tls_security_level` in main.cf after the change: a STARTTLS service that does
    /// not override it offers TLS only when it is not `none`.
    var mainLevel = "may"

    /// What planning master.cf produced.
    struct Outcome {
        /// The listeners to probe afterwards.
        var probes: [ProbeTarget] = []
        /// Services that now listen under another name: old key, new key.
        var moves: [(from: ServiceKey, to: ServiceKey)] = []
        /// What the reader must know: template lines left commented, services moved.
        var findings: [Finding] = []
    }

    /// How the entry for a chosen service came to be.
    private enum Origin { case existing, moved, uncommented, added }

    /// The `-o` overrides a service's security needs; set on every entry, existing ones included.
    static func securityOptions(_ service: Answers.ServiceName) -> [(String, String)] {
        switch service {
        case .smtp:
            []
        case .submission:
            [("smtpd_tls_security_level", "encrypt"), ("smtpd_sasl_auth_enable", "yes"), ("smtpd_tls_auth_only", "yes")]
        case .submissions:
            [("smtpd_tls_wrappermode", "yes"), ("smtpd_sasl_auth_enable", "yes")]
        }
    }

    /// Every `-o` override an entry that pftls creates or uncomments gets: the security
    /// options, then the guide's client policy (only authenticated clients).
    static func requiredOptions(_ service: Answers.ServiceName) -> [(String, String)] {
        securityOptions(service) + (service == .smtp ? [] : [("smtpd_client_restrictions", "permit_sasl_authenticated,reject")])
    }

    /// Applies every chosen service to `config`.
    func apply(_ services: [Answers.Service], to config: inout MasterConfig) throws -> Outcome {
        var outcome = Outcome()
        for choice in services {
            let name = choice.listen ?? naming.defaultName(choice.name)
            for (key, origin) in try ensureService(choice, named: name, in: &config, outcome: &outcome) {
                if config.service(key)?.command == "smtpd" {
                    let options = origin == .existing || origin == .moved ? Self.securityOptions(choice.name) : Self.requiredOptions(choice.name)
                    for (option, value) in options where config.service(key)?.option(option) != value {
                        try config.setOption(option, value, for: key)
                    }
                }
                if let off = tlsOff(choice, at: key, in: config) {
                    outcome.findings.append(off)
                } else {
                    outcome.probes.append(target(choice, at: key))
                }
            }
        }
        return outcome
    }

    /// Makes active entries for `choice` exist under `name`; returns their keys and how each
    /// came to be (several when, with no address asked for, the port has entries on several
    /// addresses); none when the address belongs to another program.
    private func ensureService(_ choice: Answers.Service, named name: String, in config: inout MasterConfig,
                               outcome: inout Outcome) throws -> [(ServiceKey, Origin)] {
        let key = ServiceKey(name, "inet")
        if let existing = config.service(key) {
            guard ["smtpd", "postscreen"].contains(existing.command) else {
                outcome.findings.append(Finding(.listenAddressInUse, .error, file: nil,
                    message: Catalog.text("finding.listenAddressInUse.message", ["name": "\(SafeText.escape(name))", "key": "\(existing.key)", "command": "\(SafeText.escape(existing.command))"]),
                    hint: Catalog.text("finding.listenAddressInUse.hint", ["service": "\(choice.name.rawValue)"])))
                return []
            }
            return [(key, .existing)]
        }
        let standard = ServiceKey(naming.defaultName(choice.name), "inet")
        // An active entry for the same port on another (or no) address: move it to the listen
        // address. postscreen in front of port 25 moves too; its `smtpd pass` stays as it is.
        let movable = ["smtpd", "postscreen"]
        let onThisPort = config.services.filter { movable.contains($0.service.command) && ServiceKey($0.service.key.service, "inet") == standard }
        // No address asked for: the service as it is set up, on each address it listens on.
        // Moving entries bound to addresses to every address would widen who can reach it.
        if choice.listen == nil, !onThisPort.isEmpty {
            let keys = onThisPort.map(\.service.key)
            outcome.findings.append(Finding(.serviceAddressKept, .info, file: nil,
                message: Catalog.text("finding.serviceAddressKept.message", ["service": choice.name.rawValue,
                                                                            "keys": keys.map(\.description).joinedAsList()]),
                hint: Catalog.text("finding.serviceAddressKept.hint", ["service": choice.name.rawValue])))
            return keys.map { ($0, .existing) }
        }
        if let existing = onThisPort.last {
            var moved = existing.service
            moved.name = name
            try config.replace(existing.service.key, with: moved)
            outcome.moves.append((existing.service.key, key))
            outcome.findings.append(Finding(.serviceMoved, .info, file: nil,
                message: Catalog.text("finding.serviceMoved.message", ["key": "\(existing.service.key)", "command": "\(SafeText.escape(existing.service.command))", "name": "\(SafeText.escape(name))"]),
                hint: existing.service.command == "postscreen"
                    ? Catalog.text("plan.master.postscreenKept", ["port": "\(ServiceNaming.standardPort(choice.name))"])
                    : Catalog.text("plan.master.optionsKept")))
            return [(key, .moved)]
        }
        // A commented-out template: uncomment it in place. Prefer the one for this exact
        // address, then the full block without an address (it carries the options).
        let templates = config.commentedServices.filter { ServiceKey($0.service, $0.type) == standard }
        let activation = TemplateActivation(isDefined: isDefined, isKnown: isKnown)
        for template in templates.filter({ $0 == key }) + templates.filter({ $0.host == nil }) + templates {
            guard let findings = try activation.enable(template, as: name, in: &config) else { continue }
            outcome.findings += findings
            return [(key, .uncommented)]
        }
        try config.add(conventionalService(named: name, in: config))
        return [(key, .added)]
    }

    /// A new smtpd entry with the private, unpriv and chroot fields the file's existing
    /// smtpd entries use (Debian: chroot y, upstream: n).
    private func conventionalService(named name: String, in config: MasterConfig) -> MasterService {
        var service = MasterService(name: name)
        let smtpd = config.services.map(\.service).filter { $0.command == "smtpd" }
        if let model = smtpd.first(where: { $0.type == "inet" }) ?? smtpd.first ?? config.services.map(\.service).first(where: { $0.type == "inet" }) {
            service.privateAccess = model.privateAccess
            service.unprivileged = model.unprivileged
            service.chroot = model.chroot
        }
        return service
    }

    /// `tls-off-on-service` when a STARTTLS service chosen to offer TLS would not: its level,
    /// its own `-o` or main.cf's, is `none`. Its probe could only fail and roll the change back.
    private func tlsOff(_ choice: Answers.Service, at key: ServiceKey, in config: MasterConfig) -> Finding? {
        let entry = config.service(key)
        guard ServiceNaming.probeMode(choice.name) == .startTLS, entry?.option("smtpd_tls_wrappermode") != "yes" else { return nil }
        let level = entry?.option("smtpd_tls_security_level") ?? mainLevel
        guard level == "none" else { return nil }
        return Finding(.tlsOffOnService, .error, file: nil,
                       message: Catalog.text("finding.tlsOffOnService.message", ["service": choice.name.rawValue, "key": key.description]),
                       hint: Catalog.text("finding.tlsOffOnService.hint", ["service": choice.name.rawValue]))
    }

    /// Where the entry `key` for `choice` is probed: its own address and port, else every
    /// address (`wildcardHost`) and the service's standard port.
    private func target(_ choice: Answers.Service, at key: ServiceKey) -> ProbeTarget {
        let listen = ListenAddress(key.name)
        let port = listen.flatMap { ServiceNaming.portNumber($0.port) } ?? ServiceNaming.standardPort(choice.name)
        return ProbeTarget(service: choice.name, host: listen?.probeHost ?? wildcardHost, port: port,
                           mode: ServiceNaming.probeMode(choice.name))
    }
}
