import Foundation
import PftlsCore

/// What is timed: the main.cf edit alone, and the whole plan on a scratch config directory.
struct Workloads {
    /// The TLS edit of `MainConfigPlanner` (chain-file layout) through the public API,
    /// then the unified diff; returns the diff so the work cannot be optimised away.
    static func editMainCf(_ text: String) throws -> String {
        var config = MainConfig(parsing: text)
        try config.set("smtpd_tls_chain_files", "/etc/postfix/tls/smtpd-chain.pem")
        for name in ["smtpd_tls_cert_file", "smtpd_tls_key_file", "smtpd_tls_eccert_file",
                     "smtpd_tls_eckey_file", "smtpd_tls_dcert_file", "smtpd_tls_dkey_file"] {
            config.remove(name)
        }
        try config.set("smtpd_tls_security_level", "may")
        try config.set("smtp_tls_security_level", "may")
        if config.value(of: "smtp_tls_session_cache_database") == nil {
            try config.set("smtp_tls_session_cache_database", "btree:${data_directory}/smtp_scache")
        }
        for name in ["smtpd_use_tls", "smtpd_enforce_tls", "smtp_use_tls", "smtp_enforce_tls", "smtp_tls_enforce_peername",
                     "smtpd_tls_dh1024_param_file", "smtpd_tls_eecdh_grade", "tls_eecdh_auto_curves"]
            where config.value(of: name) != nil {
            config.remove(name)
        }
        return UnifiedDiff.make(old: text, new: config.render(), oldLabel: "main.cf", newLabel: "main.cf (new)")
    }

    /// A scratch directory with a key, leaf and intermediate, and a Postfix config directory.
    let directory: String
    let builder: PlanBuilder
    let answers: Answers

    /// Makes the scratch files; `masterCf` is written next to each generated main.cf.
    init(masterCf: String) throws {
        directory = NSTemporaryDirectory() + "/pftls-bench-\(getpid())"
        let fileManager = FileManager.default
        try? fileManager.removeItem(atPath: directory)
        try fileManager.createDirectory(atPath: directory + "/postfix", withIntermediateDirectories: true)
        try fileManager.createDirectory(atPath: directory + "/tls", withIntermediateDirectories: false,
                                        attributes: [.posixPermissions: 0o755])
        try masterCf.write(toFile: directory + "/postfix/master.cf", atomically: false, encoding: .utf8)
        let pki = try Self.makePKI()
        for (name, text) in [("key.pem", pki.key), ("cert.pem", pki.leaf), ("intermediate.pem", pki.intermediate)] {
            try text.write(toFile: directory + "/" + name, atomically: false, encoding: .utf8)
        }
        let installation = PostfixInstallation(configDirectory: directory + "/postfix", version: PostfixVersion(3, 7, 11),
                                               tableTypes: ["btree", "hash"], defaults: .builtIn, isRunning: false)
        let inspector = Inspector(fileSystem: LocalFileSystem(), clock: SystemClock(), trustStore: .trusting([pki.root]))
        builder = PlanBuilder(fileSystem: LocalFileSystem(), installation: installation, inspector: inspector, servicesFile: nil)
        answers = Answers(certificateDirectory: directory + "/tls", privateKey: directory + "/key.pem",
                          certificate: directory + "/cert.pem", intermediates: [directory + "/intermediate.pem"],
                          services: [.init(name: .smtp), .init(name: .submission), .init(name: .submissions)])
    }

    /// Removes the scratch directory.
    func cleanUp() { try? FileManager.default.removeItem(atPath: directory) }

    /// Writes `mainCf` as the config directory's main.cf.
    func install(mainCf: String) throws {
        try mainCf.write(toFile: directory + "/postfix/main.cf", atomically: false, encoding: .utf8)
    }

    /// Builds the whole plan (inspection, main.cf, master.cf, diffs); returns the main.cf diff.
    func plan() throws -> String {
        let plan = builder.build(answers, passphrases: nil, hostname: "mail.example.test")
        guard !plan.hasErrors, let main = plan.files.first(where: { $0.purpose == "main.cf" }) else {
            throw BenchmarkError(description: "the plan failed: \(plan.findings.map(\.message))")
        }
        return main.diff
    }

    private static func makePKI() throws -> (root: Certificate, key: String, leaf: String, intermediate: String) {
        let rootKey = try KeyGenerator.generate(.ec(curve: "P-256"))
        let root = try CertificateFactory.issue(.authority("bench root"), subjectKey: rootKey)
        let intermediateKey = try KeyGenerator.generate(.ec(curve: "P-256"))
        let intermediate = try CertificateFactory.issue(.authority("bench intermediate"), subjectKey: intermediateKey, issuer: (root, rootKey))
        let leafKey = try KeyGenerator.generate(.ec(curve: "P-256"))
        let leaf = try CertificateFactory.issue(.server("mail.example.test"), subjectKey: leafKey, issuer: (intermediate, intermediateKey))
        let keyPEM = leafKey.unencryptedPEM()!.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        return (root, keyPEM, leaf.pem, intermediate.pem)
    }
}

/// A benchmark set-up that went wrong.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
}
