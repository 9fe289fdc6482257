import Foundation
@testable import PftlsCore

/// certbot's directories, made as certbot makes them: `live/NAME/{cert,chain,fullchain,privkey}.pem`
/// are relative symlinks into `archive/NAME/*N.pem`, N counting the issues of lineage NAME.
package struct CertbotTree {
    /// The `/etc/letsencrypt` of the test.
    package let root: String
    /// The CA that issues the certificates.
    package let fixtures: CLIFixtures

    package init(root: String, fixtures: CLIFixtures) {
        self.root = root
        self.fixtures = fixtures
    }

    /// The live/ directory of lineage `name` (certbot's `$RENEWED_LINEAGE`).
    package func live(_ name: String) -> String { root + "/live/" + name }

    /// Issues a new key (of `kind`, the fixtures' default when nil) and certificate for
    /// `names` (the first is the subject's CN) as issue `version` of lineage `name` and
    /// points the live/ links at it, as a renewal does.
    @discardableResult
    package func issue(_ name: String, names: [String], version: Int = 1, key kind: KeyGenerator.Kind? = nil) throws -> Certificate {
        let archive = root + "/archive/" + name
        for directory in [archive, live(name)] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let source = "certbot-\(name)-\(version)"
        let leaf = try fixtures.issueLeaf(source, hostname: names[0], names: names, key: kind)
        let chain = fixtures.intermediate.certificate.pem
        let contents = ["privkey": try String(contentsOfFile: fixtures.path(source + ".key"), encoding: .utf8),
                        "cert": leaf.pem, "chain": chain, "fullchain": leaf.pem + chain]
        for (kind, text) in contents {
            let file = "\(kind)\(version).pem"
            FileManager.default.createFile(atPath: archive + "/" + file, contents: Data(text.utf8),
                                           attributes: [.posixPermissions: kind == "privkey" ? 0o600 : 0o644])
            let link = live(name) + "/\(kind).pem"
            try? FileManager.default.removeItem(atPath: link)
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "../../archive/\(name)/\(file)")
        }
        return leaf
    }
}
