extension FindingCode {
    /// The certificate directory, or a parent, lets others replace the files.
    public static let unsafeDirectory: FindingCode = "unsafe-directory"
    /// SASL is switched on but no back end (Dovecot, Cyrus saslauthd) is there.
    public static let saslNotConfigured: FindingCode = "sasl-not-configured"
    /// `encrypt` on port 25 of a public MX (RFC 3207 forbids it).
    public static let encryptOnPort25: FindingCode = "encrypt-on-port-25"
    /// A setting Postfix no longer needs or honours was removed.
    public static let obsoleteSetting: FindingCode = "obsolete-setting"
    /// A STARTTLS service chosen to offer TLS has `smtpd_tls_security_level = none`.
    public static let tlsOffOnService: FindingCode = "tls-off-on-service"
    /// The demo was asked to write outside its sandbox.
    public static let demoOutsideSandbox: FindingCode = "demo-outside-sandbox"
    /// The directory does not exist yet and will be created (root, 0755).
    public static let directoryCreated: FindingCode = "directory-created"
    /// `smtpd_tls_chain_files` needs Postfix 3.4 or later.
    public static let layoutUnsupported: FindingCode = "layout-unsupported"
    /// A canary entry that a killed pftls left in master.cf; the change removes it.
    public static let canaryLeftover: FindingCode = "canary-leftover"
    /// A client security level that needs more set-up (DANE, trust anchors).
    public static let clientLevelNeedsSetup: FindingCode = "client-level-needs-setup"
}

extension FindingCode {
    /// A warning Postfix already prints for the current configuration; not caused by pftls.
    public static let existingConfigWarning: FindingCode = "existing-config-warning"
    /// `postfix check` fails on the current configuration, before any change.
    public static let postfixCheckFailed: FindingCode = "postfix-check-failed"
}

extension FindingCode {
    /// A service now listens under another name (a listen address was chosen).
    public static let serviceMoved: FindingCode = "service-moved"
    /// A service chosen without an address stays on the addresses its entries name.
    public static let serviceAddressKept: FindingCode = "service-address-kept"
    /// A template line that refers to an undefined parameter was left commented out.
    public static let templateOptionLeftCommented: FindingCode = "template-option-left-commented"
    /// An existing main.cf value changed or was removed.
    public static let settingChanged: FindingCode = "setting-changed"
    /// A parameter set more than once in main.cf now has one setting.
    public static let duplicateRemoved: FindingCode = "duplicate-removed"
    /// An existing per-service `-o` override changed, was added to an existing service, or was removed.
    public static let serviceOptionChanged: FindingCode = "service-option-changed"
    /// The client security level in force is replaced by a weaker one.
    public static let clientLevelLowered: FindingCode = "client-level-lowered"
    /// SASL goes through a Dovecot socket that does not exist: smtpd would stop on the first SASL offer.
    public static let saslSocketMissing: FindingCode = "sasl-socket-missing"
    /// The Postfix configuration directory, or a parent, lets others change main.cf or master.cf.
    public static let unsafeConfigDirectory: FindingCode = "unsafe-config-directory"
    /// The chosen listen address belongs to a service that is not smtpd (for example a spawn service).
    public static let listenAddressInUse: FindingCode = "listen-address-in-use"
    /// The chosen listen address is of an IP version `inet_protocols` turns off: the master would stop at the reload.
    public static let listenFamilyOff: FindingCode = "listen-family-off"
    /// A TLS file the SMTP server would read after the change is missing or unreadable.
    public static let tlsFileMissing: FindingCode = "tls-file-missing"
}
