import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// A scratch Postfix configuration directory, a certificate directory and the
/// TestPKI key, leaf and intermediate written as PEM files, for building plans
/// against real files.
struct PlanFixture {
    /// Everything lives in here and is removed with it.
    let root = FixtureDirectory()
    let pki = TestPKI.shared
    /// Holds main.cf and master.cf.
    let configDirectory: String
    /// Where the plan installs the key and certificates.
    let certificateDirectory: String
    let keyPath: String
    let certificatePath: String
    let intermediatePath: String

    static let hostname = "mail.example.test"
    static let version37 = PostfixVersion(3, 7, 11)

    /// Writes the files; the certificate directory is created (root, 0755) unless told not to.
    init(mainCf: String = PostfixCorpus.debianMainCf, masterCf: String = PostfixCorpus.debianMasterCf,
         createCertificateDirectory: Bool = true) throws {
        configDirectory = root.file("postfix")
        certificateDirectory = root.file("tls")
        try Self.makeDirectory(configDirectory)
        if createCertificateDirectory { try Self.makeDirectory(certificateDirectory) }
        keyPath = root.write("input-key.pem", TestPKI.pem(pki.leaf.key))
        certificatePath = root.write("input-cert.pem", pki.leaf.certificate.pem)
        intermediatePath = root.write("input-intermediate.pem", pki.intermediate.certificate.pem)
        writeConfig(main: mainCf, master: masterCf)
    }

    /// Creates `path` with `mode`, whatever the umask.
    static func makeDirectory(_ path: String, mode: mode_t = 0o755) throws {
        try #require(mkdir(path, mode) == 0)
        try #require(chmod(path, mode) == 0)
    }

    /// Replaces main.cf and/or master.cf.
    func writeConfig(main: String? = nil, master: String? = nil) {
        if let main { root.write("postfix/main.cf", main) }
        if let master { root.write("postfix/master.cf", master) }
    }

    /// Answers for the fixture's files with the given choices.
    func answers(services: [Answers.Service] = [.init(name: .smtp)], layout: Answers.Layout? = nil,
                 smtpdLevel: String = "may", smtpLevel: String = "may", dedicatedNonMX: Bool = false,
                 smtpdCAfile: Bool = false, privateKey: String? = nil) -> Answers {
        Answers(certificateDirectory: certificateDirectory, privateKey: privateKey ?? keyPath, certificate: certificatePath,
                intermediates: [intermediatePath], smtpdSecurityLevel: smtpdLevel, smtpSecurityLevel: smtpLevel,
                services: services, layout: layout, dedicatedNonMX: dedicatedNonMX, smtpdCAfile: smtpdCAfile)
    }

    /// The installation this fixture stands for, described by hand.
    func installation(version: PostfixVersion? = version37, tableTypes: [String] = ["btree", "hash"]) -> PostfixInstallation {
        PostfixInstallation(configDirectory: configDirectory, version: version, tableTypes: tableTypes,
                            defaults: .builtIn, isRunning: false)
    }

    /// Builds the plan for `answers`, trusting the test root.
    func build(_ answers: Answers, version: PostfixVersion? = version37, tableTypes: [String] = ["btree", "hash"]) -> ChangePlan {
        PlanBuilder(fileSystem: LocalFileSystem(), installation: installation(version: version, tableTypes: tableTypes),
                    inspector: .testing(trusting: [pki.root.certificate]), servicesFile: SystemConfigFile.contents("/etc/services"))
            .build(answers, passphrases: nil, hostname: Self.hostname)
    }

    /// Carries out the plan's writes: the directory to create, then every changed file.
    func write(_ plan: ChangePlan) throws {
        if let directory = plan.directoryToCreate { try Self.makeDirectory(directory) }
        for file in plan.changedFiles { try file.write(using: AtomicFileWriter()) }
    }

    /// The main.cf and master.cf on disk now.
    var mainCf: String { String(decoding: root.read("postfix/main.cf"), as: UTF8.self) }
    var masterCf: String { String(decoding: root.read("postfix/master.cf"), as: UTF8.self) }

    /// The PEM of the key, leaf and intermediate, as the installed files must hold them.
    var keyPEM: String { TestPKI.pem(pki.leaf.key) }
    var chainPEM: String { pki.leaf.certificate.pem + pki.intermediate.certificate.pem }
}

extension ChangePlan {
    /// The planned file at `path`.
    func file(at path: String) throws -> PlannedFile {
        try #require(files.first { $0.path == path }, "no planned file \(path); planned: \(files.map(\.path))")
    }

    /// The planned main.cf text.
    func mainCf() throws -> String { try file(at: configDirectory + "/main.cf").text }
    /// The planned master.cf text.
    func masterCf() throws -> String { try file(at: configDirectory + "/master.cf").text }

    /// A sandbox holding the planned main.cf and master.cf, for asking the real postconf.
    func sandbox() throws -> PostconfSandbox {
        PostconfSandbox(mainCf: try mainCf(), masterCf: try masterCf())
    }

    /// The findings with `code`.
    func findings(_ code: FindingCode) -> [Finding] { findings.filter { $0.code == code } }
}

extension PlannedFile {
    /// The bytes the file will hold.
    var bytes: [UInt8] {
        switch content {
        case .text(let bytes): bytes
        case .secret(let secret): secret.withUnsafeBytes { Array($0) }
        }
    }
    /// The bytes as text.
    var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Lines of a configuration file, for comparing what an edit kept.
enum ConfigLines {
    /// The physical lines of `text`.
    static func of(_ text: String) -> [String] { text.components(separatedBy: "\n") }

    /// The lines of `text` that do not set one of the TLS parameters (`smtpd_tls_*`, `smtp_tls_*`).
    static func nonTLS(_ text: String) -> [String] {
        of(text).filter { !isTLSSetting($0) }
    }

    /// True for a `smtpd_tls_...=` or `smtp_tls_...=` setting line.
    static func isTLSSetting(_ line: String) -> Bool {
        (line.hasPrefix("smtpd_tls_") || line.hasPrefix("smtp_tls_")) && line.contains("=")
    }
}
