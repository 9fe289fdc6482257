import Foundation

/// Builds the `pftls demo` sandbox: a fresh 0700 directory under $TMPDIR with a
/// stock Debian 12 Postfix config and a sample key and certificates generated
/// on the spot through OpenSSL (the key encrypted with the passphrase `demo`).
public struct DemoSandboxBuilder {
    /// The sample key's passphrase, named on the passphrase screen.
    public static let passphrase = "demo"

    /// The paths inside a built sandbox.
    public struct Layout: Sendable {
        public let root: String
        public let configDirectory: String
        public let incoming: String
        public let rootCertificate: String
    }

    /// Creates the sandbox; `temporaryDirectory` defaults to $TMPDIR (or /tmp).
    public static func build(in temporaryDirectory: String? = nil) throws -> (layout: Layout, set: SampleCertificateSet) {
        let base = temporaryDirectory ?? ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        var template = Array((base + "/pftls-demo-XXXXXX").utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw AtomicFileWriter.Failure(path: base, reason: "cannot create the demo sandbox: \(String(cString: strerror(errno)))")
        }
        let root = String(cString: created)
        let layout = Layout(root: root, configDirectory: root + "/conf", incoming: root + "/incoming", rootCertificate: root + "/ca/root-ca.pem")
        for directory in [layout.configDirectory, layout.incoming, root + "/ca"] { mkdir(directory, 0o700) }
        let writer = AtomicFileWriter()
        try writer.write(Array(StockDebianConfig.mainCf.utf8), to: layout.configDirectory + "/main.cf", mode: 0o644)
        try writer.write(Array(StockDebianConfig.masterCf.utf8), to: layout.configDirectory + "/master.cf", mode: 0o644)
        let set = try SampleCertificateSet()
        var secret = Array(passphrase.utf8)
        guard let encrypted = set.leafKey.encryptedPEM(passphrase: SecretBytes(wiping: &secret), format: .pkcs8) else {
            throw AtomicFileWriter.Failure(path: layout.incoming, reason: "OpenSSL could not encrypt the sample key")
        }
        // The guide's file names.
        try writer.write(encrypted, to: layout.incoming + "/mailkey.pem", mode: 0o600)
        try writer.write(Array(set.leaf.pem.utf8), to: layout.incoming + "/mail_signed_cert.pem", mode: 0o644)
        try writer.write(Array(set.intermediate.pem.utf8), to: layout.incoming + "/cacert.pem", mode: 0o644)
        try writer.write(Array(set.root.pem.utf8), to: layout.rootCertificate, mode: 0o644)
        return (layout, set)
    }
}
