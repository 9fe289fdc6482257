import PftlsCore

/// The demo sandbox, when the wizard runs as `pftls demo`.
public struct DemoSandbox: Sendable {
    /// The sandbox root (0700, under $TMPDIR).
    public let root: String
    /// Where the sample key and certificates wait to be picked.
    public let incoming: String
    /// The passphrase of the sample key, shown on the passphrase screen.
    public let passphrase: String

    /// Describes a sandbox.
    public init(root: String, incoming: String, passphrase: String) {
        self.root = root
        self.incoming = incoming
        self.passphrase = passphrase
    }
}

/// What the wizard starts from: where Postfix's config is, where to browse,
/// and how to draw.
public struct WizardContext: Sendable {
    public var configDirectory: String
    public var demo: DemoSandbox?
    /// Where the file browser opens.
    public var browseDirectory: String
    public var glyphs: Glyphs
    /// The uid allowed to own the certificate directory (root; the user in the demo).
    public var trustedOwner: UInt32
    /// The MX-name and DANE checks; nil skips DNS (the demo).
    public var dns: MailDNSCheck?
    /// The deploy ledger the wizard's changes are recorded in; nil: not recorded (the demo, tests).
    public var ledger: DeployLedger? = nil

    /// Creates a context.
    public init(configDirectory: String, demo: DemoSandbox?, browseDirectory: String, glyphs: Glyphs, trustedOwner: UInt32,
                dns: MailDNSCheck? = nil) {
        self.dns = dns
        self.configDirectory = configDirectory
        self.demo = demo
        self.browseDirectory = browseDirectory
        self.glyphs = glyphs
        self.trustedOwner = trustedOwner
    }
}
