/// Dovecot's first pair and its alternate hold one key type. OpenSSL keeps one certificate
/// per key type, so Dovecot serves one of them and never the other; a change that renews
/// that type could not make Dovecot serve it (the pair left in place may win).
struct DovecotSameKeyType {
    let first: DovecotKeyPair
    let alternate: DovecotKeyPair
    let type: ServerKeyType?

    /// `multiple-keys` naming both settings and their files, and how to undo it; for a plan
    /// (`leftAlone`), that the change leaves Dovecot as it is.
    func finding(_ severity: Severity, names: DovecotSettingNames, configFile: String, leftAlone: Bool = false) -> Finding {
        let message = Catalog.text("dovecot.check.same-key-type", ["type": type?.rawValue ?? "?", "setting": names.certificate(alternate: false),
                                                                    "file": SafeText.escape(first.certificate), "alternateSetting": names.certificate(alternate: true),
                                                                    "alternateFile": SafeText.escape(alternate.certificate)])
        return Finding(.multipleKeys, severity, file: configFile,
                message: leftAlone ? [message, Catalog.text("dovecot.plan.same-key-type.left-alone")].joinedAsSentences() : message,
                hint: Catalog.text("dovecot.check.same-key-type.hint", ["alternateSetting": names.certificate(alternate: true),
                                                                        "alternateKeySetting": names.key(alternate: true), "config": SafeText.escape(configFile)]))
    }
}
