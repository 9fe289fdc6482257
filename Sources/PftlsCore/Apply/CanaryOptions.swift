/// The canary listener's `-o` file settings: what the new main.cf sets, every changed file
/// replaced by the canary's copy, and, when SNI entries change, a map of its own. So the
/// canary serves exactly what the live listeners will, before they do.
struct CanaryOptions {
    /// The file settings the canary names, as the new main.cf sets them.
    static let fileParameters = ["smtpd_tls_chain_files", "smtpd_tls_cert_file", "smtpd_tls_key_file", "smtpd_tls_eccert_file",
                                 "smtpd_tls_eckey_file", "smtpd_tls_dcert_file", "smtpd_tls_dkey_file"]
    /// Each legacy key setting with the certificate setting it defaults to.
    static let keyDefaults = ["smtpd_tls_key_file": "smtpd_tls_cert_file", "smtpd_tls_eckey_file": "smtpd_tls_eccert_file",
                              "smtpd_tls_dkey_file": "smtpd_tls_dcert_file"]

    let plan: ChangePlan

    /// The roles whose changed files the canary copies.
    static func copied(_ file: PlannedFile) -> Bool {
        switch file.role {
        case .keyAndChain, .key, .certificate, .sniChain: true
        case .intermediates, .mainConfig, .masterConfig, .dovecotConfig, .dovecotKey, .dovecotCertificate, .sniMap: false
        }
    }

    /// `name=value` for each file setting the new main.cf sets (a key setting left to its
    /// default named as its certificate), paths in `copyOf` replaced; the others emptied.
    func fileOptions(copyOf: [String: String]) -> [String] {
        let main = plan.files.first { $0.role == .mainConfig }.map { MainConfig(bytes: $0.textContent) }
        let value = { (name: String) in main?.value(of: name)?.trimmingWhitespace() ?? "" }
        return Self.fileParameters.map { name in
            var setting = value(name)
            if setting.isEmpty, let certificate = Self.keyDefaults[name] { setting = value(certificate) }
            return name + "=" + Self.swapping(setting, copyOf)
        }
    }

    /// A file-list value with each path in `copyOf` swapped, written without spaces (a master.cf `-o` value).
    static func swapping(_ value: String, _ copyOf: [String: String]) -> String {
        TLSSetupInForce.fileList(value).map { copyOf[$0] ?? $0 }.joined(separator: ",")
    }

    /// The SNI names the canary proves: every changed SNI name and key type.
    var sniProofs: [ServeProof] { plan.proofs.filter { $0.serverName != nil } }

    /// The canary's own map: the new map source with changed files swapped, at
    /// `CERTDIR/.pftls-canary-sni-map`, built like the live one. nil when no SNI entry changes.
    func sniMap(copyOf: [String: String], certificateDirectory: String, prefix: String) -> (reference: SNIMapReference, source: [UInt8])? {
        guard let live = plan.sniMap, !sniProofs.isEmpty else { return nil }
        let bytes = plan.files.first { $0.role == .sniMap && $0.path == live.name }?.textContent
            ?? (try? LocalFileSystem().readFile(live.name, limit: TLSSetupInForce.sizeLimit)) ?? []
        var text = String(decoding: bytes, as: UTF8.self)
        for (path, copy) in copyOf.sorted(by: { $0.key.count > $1.key.count }) { text = text.replacing(path, with: copy) }
        let directory = certificateDirectory.hasSuffix("/") ? String(certificateDirectory.dropLast()) : certificateDirectory
        guard let reference = SNIMapReference(live.type + ":" + directory + "/" + prefix + "sni-map") else { return nil }
        return (reference, Array(text.utf8))
    }
}
