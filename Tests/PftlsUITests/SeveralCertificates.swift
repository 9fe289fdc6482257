import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport
@testable import PftlsUI

/// A demo sandbox whose Postfix serves an RSA and an ECDSA pair side by side
/// (`smtpd_tls_chain_files`) and has a `hash:` SNI map, and a folder of new files for it:
/// the leaves of `TestPKI.shared`, whose root the harness trusts.
enum SeveralCertificates {
    static let pki = TestPKI.shared
    /// The map's keys before the `extra` ones, in file order.
    static let mapNames = ["mail.example.org", ".example.net", "other.example.com", "last.example.com"]

    /// Writes a key and its leaf for `hostname` as `name.key` and `name.pem` in `directory`.
    static func leaf(_ name: String, _ hostname: String, _ kind: KeyGenerator.Kind, in directory: String) throws -> (key: String, certificate: String) {
        let pair = try pki.issueLeaf(.server(hostname), key: KeyGenerator.generate(kind))
        try TestPKI.pem(pair.key).write(toFile: directory + "/" + name + ".key", atomically: true, encoding: .utf8)
        try pair.certificate.pem.write(toFile: directory + "/" + name + ".pem", atomically: true, encoding: .utf8)
        return (directory + "/" + name + ".key", directory + "/" + name + ".pem")
    }

    /// One chain file: a key, its leaf and the intermediate.
    static func chainFile(_ name: String, _ hostname: String, _ kind: KeyGenerator.Kind, in directory: String) throws -> String {
        let pair = try pki.issueLeaf(.server(hostname), key: KeyGenerator.generate(kind))
        let path = directory + "/" + name + ".pem"
        try (TestPKI.pem(pair.key) + pair.certificate.pem + pki.intermediate.certificate.pem).write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
        return path
    }

    /// The sandbox's main.cf made to serve both key types and the map (with `extra` more
    /// entries, `host-N.example.com`); returns the folder of new files the wizard starts in.
    static func make(_ layout: DemoSandboxBuilder.Layout, extra: Int = 0) throws -> String {
        let now = layout.root + "/tls-now"
        mkdir(now, 0o700)
        let rsa = try chainFile("rsa", SampleCertificateSet.hostname, .rsa(bits: 2048), in: now)
        let ec = try chainFile("ec", SampleCertificateSet.hostname, .ec(curve: "P-256"), in: now)
        let org = try chainFile("org", "mail.example.org", .ec(curve: "P-256"), in: now)
        let map = layout.configDirectory + "/sni_map"
        let lines = mapNames.map { "\($0) \(org)" } + (0..<extra).map { "host-\($0).example.com \(org)" }
        try (lines.joined(separator: "\n") + "\n").write(toFile: map, atomically: true, encoding: .utf8)
        let main = try String(contentsOfFile: layout.configDirectory + "/main.cf", encoding: .utf8)
        try (main + "smtpd_tls_chain_files = \(rsa), \(ec)\ntls_server_sni_maps = hash:\(map)\n")
            .write(toFile: layout.configDirectory + "/main.cf", atomically: true, encoding: .utf8)
        let incoming = layout.root + "/incoming-several"
        mkdir(incoming, 0o700)
        _ = try leaf("new-rsa", SampleCertificateSet.hostname, .rsa(bits: 2048), in: incoming)
        _ = try leaf("new-ec", SampleCertificateSet.hostname, .ec(curve: "P-256"), in: incoming)
        _ = try leaf("other-rsa", SampleCertificateSet.hostname, .rsa(bits: 2048), in: incoming)
        _ = try leaf("org-new", "mail.example.org", .ec(curve: "P-256"), in: incoming)
        try pki.intermediate.certificate.pem.write(toFile: incoming + "/intermediate.pem", atomically: true, encoding: .utf8)
        return incoming
    }
}

extension WizardHarness {
    /// A wizard on the sandbox of `SeveralCertificates`.
    static func servingSeveral(width: Int = 80, height: Int = 24, extraEntries: Int = 0) throws -> WizardHarness {
        try WizardHarness(width: width, height: height, trusting: [SeveralCertificates.pki.root.certificate]) {
            try SeveralCertificates.make($0, extra: extraEntries)
        }
    }

    /// The file browser's cursor moved onto `name` with the keyboard, then `key` pressed.
    mutating func pick(_ name: String, _ key: Character) {
        guard let index = model.files.listing?.files.firstIndex(of: name) else {
            Issue.record("no \(name) in the folder")
            return
        }
        press(.home)
        for _ in 0..<index { press(.down) }
        press(.character(key))
    }

    /// From Start to a renewal with the new RSA key and its certificate picked.
    mutating func renewWithNewRSA() {
        press(.enter)
        pick("new-rsa.key", "k")
        pick("new-rsa.pem", "c")
    }

    /// From Start, a renewal with a new RSA key and a new ECDSA key as the second, to Review.
    mutating func walkWithBothNewKeys() {
        renewWithNewRSA()
        press(.character("a"))
        pick("new-ec.key", "k")
        pick("new-ec.pem", "c")
        pick("intermediate.pem", "i")
        press(.function(10))
    }

    /// The folder's path of `name`.
    func incoming(_ name: String) -> String { sandbox.root + "/incoming-several/" + name }
}
