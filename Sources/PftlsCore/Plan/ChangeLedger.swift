/// Names every change a plan makes to what was already there: each main.cf value that
/// changes or goes, each collapsed duplicate, and each `-o` override of an existing
/// service that changes, appears or goes. New services and new settings show in the diff;
/// changes to what the administrator wrote must also be said in words.
struct ChangeLedger {
    let mainPath: String
    let masterPath: String
    /// Names already explained by a more specific finding (obsolete settings, a lowered level).
    let explained: Set<String>

    /// Findings for main.cf.
    func mainFindings(old: MainConfig, new: MainConfig) -> [Finding] {
        var findings: [Finding] = []
        // Only names whose lines changed are parsed: a large main.cf costs one hashing pass.
        for name in old.namesChanged(comparedTo: new).sorted() where !explained.contains(name) {
            let before = old.parameters(named: name)
            guard !before.isEmpty else { continue }
            let oldValue = before.last!.value
            let file = SafeText.escape(mainPath)
            let after = new.parameters(named: name)
            guard !after.isEmpty else {
                findings.append(Finding(.settingChanged, .info, file: mainPath,
                    message: Catalog.text("finding.settingChanged.removed", ["file": "\(file)", "line": "\(before.last!.lineNumber)", "name": "\(name)", "oldValue": "\(SafeText.escape(oldValue))"]),
                    hint: Self.hint(for: name, removed: true)))
                continue
            }
            let newValue = after.last!.value
            if newValue != oldValue {
                findings.append(Finding(.settingChanged, .info, file: mainPath,
                    message: Catalog.text("finding.settingChanged.changed", ["file": "\(file)", "line": "\(before.last!.lineNumber)", "name": "\(name)", "oldValue": "\(Self.show(oldValue))", "newValue": "\(Self.show(newValue))"]),
                    hint: Self.hint(for: name, removed: false)))
            }
            if before.count > 1 && after.count == 1 {
                findings.append(Finding(.duplicateRemoved, .info, file: mainPath,
                    message: Catalog.text("finding.duplicateRemoved.message", ["file": "\(file)", "name": "\(name)", "count": "\(before.count)", "lines": "\(before.map { String($0.lineNumber) }.joinedAsList())"]),
                    hint: Catalog.text("finding.duplicateRemoved.hint")))
            }
        }
        return findings
    }

    /// Findings for master.cf: options of services that existed before (moved ones included).
    func masterFindings(old: MasterConfig, new: MasterConfig, moves: [(from: ServiceKey, to: ServiceKey)]) -> [Finding] {
        var findings: [Finding] = []
        // Each file's services read once; the last active entry of a key is the one Postfix uses.
        let oldEntries = old.services
        let lastOld = Dictionary(oldEntries.map { ($0.service.key, $0.service) }, uniquingKeysWith: { _, last in last })
        let lastNew = Dictionary(new.services.map { ($0.service.key, $0.service) }, uniquingKeysWith: { _, last in last })
        for entry in oldEntries {
            let oldService = entry.service
            let newKey = moves.first { $0.from == oldService.key }?.to ?? oldService.key
            guard let newService = lastNew[newKey], lastOld[oldService.key] == oldService else { continue }
            let names = (oldService.options + newService.options).map(\.name)
            var seen = Set<String>()
            for name in names where seen.insert(name).inserted {
                let before = oldService.option(name)
                let after = newService.option(name)
                guard before != after else { continue }
                let security = Self.isSecurityOption(name)
                let place = Catalog.text("place.service", ["place": Catalog.text("place.file-line", ["file": SafeText.escape(masterPath), "line": "\(entry.lineNumber)"]), "service": "\(oldService.key)"])
                let change: String
                switch (before, after) {
                case (nil, let value?): change = Catalog.text("plan.option.added", ["name": "\(name)", "optionValue": "\(SafeText.escape(value))"])
                case (let value?, nil): change = Catalog.text("plan.option.removed", ["name": "\(name)", "optionValue": "\(SafeText.escape(value))"])
                default: change = Catalog.text("plan.option.changed", ["name": "\(name)", "oldValue": "\(Self.show(before!))", "newValue": "\(Self.show(after!))"])
                }
                findings.append(Finding(.serviceOptionChanged, security ? .info : .warning, file: masterPath,
                    message: Catalog.text("change.at-place", ["place": place, "change": change]),
                    hint: security ? Catalog.text("plan.option.neededForSecurity") : Catalog.text("plan.option.policy")))
            }
        }
        return findings
    }

    /// TLS and SASL switches a chosen service needs; any other option is policy.
    static func isSecurityOption(_ name: String) -> Bool {
        name.contains("_tls_") || name == "smtpd_sasl_auth_enable"
    }

    private static func show(_ value: String) -> String {
        value.isEmpty ? "(empty)" : "\"\(SafeText.escape(value))\""
    }

    /// A hint that fits the parameter that changed.
    static func hint(for name: String, removed: Bool) -> String {
        switch name {
        case _ where MainConfigPlanner.legacyServerFiles.contains(name):
            return Catalog.text("plan.why.chainFiles")
        case "smtpd_tls_chain_files":
            // Removed: the separate-files layout took its place; changed: pftls' own chain files.
            return Catalog.text(removed ? "plan.why.separateFiles" : "plan.why.chainFileNamed")
        case "smtp_tls_session_cache_database":
            return Catalog.text("plan.why.cacheTableType")
        case "smtpd_tls_session_cache_database":
            return Catalog.text("plan.why.ticketTableType")
        case "smtpd_tls_security_level", "smtp_tls_security_level":
            return Catalog.text("plan.why.levelChosen", ["name": "\(name)"])
        case "smtpd_tls_CAfile", "smtpd_tls_CApath":
            return Catalog.text("plan.why.caFileDropped")
        default:
            return Catalog.text("plan.why.changedByPftls")
        }
    }
}
