/// Brings master.cf to the chosen services: smtp (25), submission (587,
/// STARTTLS required + SASL) and submissions (465, implicit TLS + SASL).
///
/// An existing entry is edited in place; Debian's commented-out template is
/// uncommented rather than a second copy appended; only then is a new entry added.
struct MasterConfigPlanner {
    let naming: ServiceNaming

    /// The `-o` overrides each service needs, in the order they are written.
    static func requiredOptions(_ service: Answers.ServiceName) -> [(String, String)] {
        switch service {
        case .smtp:
            []
        case .submission:
            [("smtpd_tls_security_level", "encrypt"), ("smtpd_sasl_auth_enable", "yes"), ("smtpd_tls_auth_only", "yes"),
             ("smtpd_client_restrictions", "permit_sasl_authenticated,reject")]
        case .submissions:
            [("smtpd_tls_wrappermode", "yes"), ("smtpd_sasl_auth_enable", "yes"),
             ("smtpd_client_restrictions", "permit_sasl_authenticated,reject")]
        }
    }

    /// Applies every chosen service to `config`; returns the probe targets.
    func apply(_ services: [Answers.Service], to config: inout MasterConfig) throws -> [ProbeTarget] {
        var targets: [ProbeTarget] = []
        for choice in services {
            let name = choice.listen ?? naming.defaultName(choice.name)
            let key = try ensureService(choice, named: name, in: &config)
            for (option, value) in Self.requiredOptions(choice.name) where config.service(key)?.option(option) != value {
                try config.setOption(option, value, for: key)
            }
            targets.append(target(choice))
        }
        return targets
    }

    /// Makes an active smtpd entry for `choice` exist under `name`; returns its key.
    private func ensureService(_ choice: Answers.Service, named name: String, in config: inout MasterConfig) throws -> ServiceKey {
        let key = ServiceKey(name, "inet")
        if config.service(key) != nil { return key }
        let standard = ServiceKey(naming.defaultName(choice.name), "inet")
        // An active entry for the same port on another (or no) address: move it to the listen address.
        if let existing = config.services.last(where: { $0.service.command == "smtpd" && ServiceKey($0.service.key.service, "inet") == standard }) {
            var moved = existing.service
            moved.name = name
            try config.replace(existing.service.key, with: moved)
            return key
        }
        // Debian's commented-out block: uncomment it in place. Prefer the one for this
        // exact address, then the full block without an address (it carries the options).
        // Only an smtpd template will do: Debian's "#smtp inet ... postscreen" line would hand
        // port 25 to postscreen, which needs services that stay commented out.
        let templates = config.commentedServices.filter { ServiceKey($0.service, $0.type) == standard }
        for template in templates.filter({ $0 == key }) + templates.filter({ $0.host == nil }) + templates {
            var candidate = config
            try candidate.enable(template)
            guard var enabled = candidate.service(template), enabled.command == "smtpd" else { continue }
            if template.name != name {
                enabled.name = name
                try candidate.replace(template, with: enabled)
            }
            config = candidate
            return key
        }
        try config.add(MasterService(name: name))
        return key
    }

    private func target(_ choice: Answers.Service) -> ProbeTarget {
        let listen = choice.listen.flatMap(ListenAddress.init)
        let port = listen.flatMap { ServiceNaming.portNumber($0.port) } ?? ServiceNaming.standardPort(choice.name)
        return ProbeTarget(service: choice.name, host: listen?.probeHost ?? "127.0.0.1", port: port,
                           mode: ServiceNaming.probeMode(choice.name))
    }
}
