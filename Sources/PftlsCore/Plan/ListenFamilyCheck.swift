/// Refuses a chosen listen address of an IP version that `inet_protocols` turns off
/// (`0.0.0.0:465` with `inet_protocols = ipv6`, `[::1]:587` with `ipv4`): `postfix check`
/// lets it pass, and Postfix's master then stops at the reload on "bad hostname or
/// network address", taking mail down. Host names are left to Postfix.
enum ListenFamilyCheck {
    /// An error finding for each chosen service whose address is of a version that
    /// `inetProtocols` (the value in force; empty is Postfix's default, `all`) leaves off.
    static func findings(_ services: [Answers.Service], inetProtocols: String, mainPath: String, configDirectory: String) -> [Finding] {
        let protocols = Set(inetProtocols.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map { $0.lowercased() })
        guard !protocols.isEmpty, !protocols.contains("all") else { return [] }
        return services.compactMap { service in
            guard let listen = service.listen, let address = ListenAddress(listen), let version = version(of: address),
                  !protocols.contains(version) else { return nil }
            return Finding(.listenFamilyOff, .error, file: mainPath,
                           message: Catalog.text("finding.listenFamilyOff.message", [
                               "service": service.name.rawValue, "address": SafeText.escape(listen), "version": version,
                               "protocols": SafeText.escape(inetProtocols)]),
                           hint: Catalog.text("finding.listenFamilyOff.hint", [
                               "version": version, "postconf": SafeText.escape(SuggestedCommand.postconf(["-e", "inet_protocols = all"], configDirectory: configDirectory)),
                               "stop": SafeText.escape(SuggestedCommand.postfix("stop", configDirectory: configDirectory)),
                               "start": SafeText.escape(SuggestedCommand.postfix("start", configDirectory: configDirectory))]))
        }
    }

    /// `ipv6` for a bracketed address, `ipv4` for a dotted quad, nil for a host name.
    private static func version(of address: ListenAddress) -> String? {
        if address.host.hasPrefix("[") { return "ipv6" }
        return address.host.allSatisfy { $0.isNumber || $0 == "." } ? "ipv4" : nil
    }
}
