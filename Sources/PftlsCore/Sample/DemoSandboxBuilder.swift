import FoundationEssentials
import Glibc

/// Builds the `pftls demo` sandbox: a fresh 0700 directory under $TMPDIR with a
/// stock Debian 12 Postfix config and a sample key and certificates generated
/// on the spot through OpenSSL (the key encrypted with the passphrase `demo`).
/// The config has its own queue, data directory and log file, and is sealed
/// (`DemoSandboxSeal`): nothing done to it reaches the system's Postfix.
public struct DemoSandboxBuilder {
    /// The sample key's passphrase, named on the passphrase screen.
    public static let passphrase = "demo"

    /// The paths inside a built sandbox.
    public struct Layout: Sendable {
        public let root: String
        public let configDirectory: String
        public let incoming: String
        public let rootCertificate: String
        /// The sandbox's own queue_directory and data_directory (never the system's).
        public let queueDirectory: String
        public let dataDirectory: String
        /// The sandbox's maillog_file: `postfix check` logs its warnings there, not to the system's log.
        public let mailLog: String
    }

    /// Creates the sandbox; `temporaryDirectory` defaults to $TMPDIR (or /tmp).
    public static func build(in temporaryDirectory: String? = nil) throws -> (layout: Layout, set: SampleCertificateSet) {
        let layout = try create(in: temporaryDirectory)
        return (layout, try populate(layout))
    }

    /// Creates the sandbox's root directory, at once (the first screen shows its path);
    /// `populate` makes the directories inside and the keys and certificates while the
    /// wizard draws its first frame.
    public static func create(in temporaryDirectory: String? = nil) throws -> Layout {
        let base = temporaryDirectory ?? ProcessEnvironment.value("TMPDIR") ?? "/tmp"
        var template = Array((base + "/pftls-demo-XXXXXX").utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw AtomicFileWriter.Failure(path: base, reason: "cannot create the demo sandbox: \(String(cString: strerror(errno)))")
        }
        let root = String(cString: created)
        // The directories inside are made by `populate`, after the first frame.
        return Layout(root: root, configDirectory: root + "/conf", incoming: root + "/incoming", rootCertificate: root + "/ca/root-ca.pem",
                      queueDirectory: root + "/queue", dataDirectory: root + "/data", mailLog: root + "/maillog")
    }

    /// Writes the sample configuration, key and certificates into a created sandbox.
    public static func populate(_ layout: Layout) throws -> SampleCertificateSet {
        let root = layout.root
        let writer = AtomicFileWriter()
        let set = try SampleCertificateSet()
        // The sandbox is self-consistent: its main.cf names its own snakeoil pair, as a
        // fresh Debian install names the host's, never a file outside the sandbox.
        let snakeoil = (certificate: root + "/ssl/certs/ssl-cert-snakeoil.pem", key: root + "/ssl/private/ssl-cert-snakeoil.key")
        for directory in [layout.configDirectory, layout.incoming, root + "/ca", root + "/ssl", root + "/ssl/certs", root + "/ssl/private",
                          layout.dataDirectory] {
            mkdir(directory, 0o700)
        }
        // As Postfix's own files ask: the queue root's and 0755, the data directory the mail owner's.
        mkdir(layout.queueDirectory, 0o755)
        if getuid() == 0, let owner = getpwnam("postfix") { chown(layout.dataDirectory, owner.pointee.pw_uid, owner.pointee.pw_gid) }
        // Sealed before the config exists: no command ever sees it unsealed.
        try DemoSandboxSeal.seal(layout.configDirectory, writer: writer)
        let snakeoilKey = try KeyGenerator.generate(.ec(curve: "P-256"))
        try writer.write(Array(try CertificateFactory.issue(.server(SampleCertificateSet.hostname), subjectKey: snakeoilKey).pem.utf8),
                         to: snakeoil.certificate, mode: 0o644)
        guard let snakeoilPEM = snakeoilKey.unencryptedPEM() else {
            throw AtomicFileWriter.Failure(path: snakeoil.key, reason: "OpenSSL could not write the sample key")
        }
        try writer.write(snakeoilPEM, to: snakeoil.key, mode: 0o600)
        let mainCf = StockDebianConfig.mainCf
            .replacing("/etc/ssl/certs/ssl-cert-snakeoil.pem", with: snakeoil.certificate)
            .replacing("/etc/ssl/private/ssl-cert-snakeoil.key", with: snakeoil.key)
            + ownDirectories(layout)
        try writer.write(Array(mainCf.utf8), to: layout.configDirectory + "/main.cf", mode: 0o644)
        try writer.write(Array(StockDebianConfig.masterCf.utf8), to: layout.configDirectory + "/master.cf", mode: 0o644)
        ConfigFileAge.dateBack(["main.cf", "master.cf"].map { layout.configDirectory + "/" + $0 })
        var secret = Array(passphrase.utf8)
        guard let encrypted = set.leafKey.encryptedPEM(passphrase: SecretBytes(wiping: &secret), format: .pkcs8) else {
            throw AtomicFileWriter.Failure(path: layout.incoming, reason: "OpenSSL could not encrypt the sample key")
        }
        // The guide's file names.
        try writer.write(encrypted, to: layout.incoming + "/mailkey.pem", mode: 0o600)
        try writer.write(Array(set.leaf.pem.utf8), to: layout.incoming + "/mail_signed_cert.pem", mode: 0o644)
        try writer.write(Array(set.intermediate.pem.utf8), to: layout.incoming + "/cacert.pem", mode: 0o644)
        try writer.write(Array(set.root.pem.utf8), to: layout.rootCertificate, mode: 0o644)
        return set
    }

    /// The lines that give the sandbox its own queue, data directory and log file: with
    /// the stock defaults, `postfix -c SANDBOX status` (or reload, or start) would act on
    /// the system's queue and so on the system's Postfix.
    static func ownDirectories(_ layout: Layout) -> String {
        """

        # pftls demo sandbox: its own queue, data directory and log file, so that no
        # Postfix command run on this configuration reaches the system's Postfix.
        queue_directory = \(layout.queueDirectory)
        data_directory = \(layout.dataDirectory)
        maillog_file = \(layout.mailLog)
        maillog_file_prefixes = \(layout.root)

        """
    }
}
