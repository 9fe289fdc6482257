import Foundation
import Testing
import Glibc
@testable import PftlsCore
import PftlsTestSupport

/// SNI maps as hosting panels write them, renewed one entry at a time with `pftls renew
/// --sni` on a real throwaway Postfix, the other entries left alone and `openssl s_client
/// -servername` as the witness. Each layout is rebuilt here from its generator's code:
///
/// - KeyHelp. SOURCE: github.com/WProbot/keyhelp-mail-sni, go-keyhelp-mail-sni.sh: one line
///   per mail name, `NAME KEY FULLCHAIN` (two files), in `/etc/postfix/00-postfix-sni.conf`,
///   `tls_server_sni_maps = hash:…`, built with `postmap -F hash:00-postfix-sni.conf`; the
///   default pair in the legacy `smtpd_tls_cert_file`/`smtpd_tls_key_file`.
/// - A hosting panel's mail_sys plugin (aaPanel/slemp). SOURCE: its `_set_vmail_certificate`
///   and `_set_new_certificate_conf`, found with the code search (`/etc/postfix/vmail_ssl.map`):
///   `NAME privkey.pem fullchain.pem` lines appended to `vmail_ssl.map`,
///   `smtpd_tls_chain_files = KEY,CERT` and `tls_server_sni_maps = hash:/etc/postfix/vmail_ssl.map`.
@Suite(.serialized, .tags(.endToEnd)) struct SNIRealWorldMapTests {
    struct Layout: Sendable, CustomStringConvertible {
        let description: String
        let mapName: String
        /// main.cf lines for the default pair (`KEY` and `CERT` stand for its files).
        let defaultPair: String
    }

    static let layouts = [
        Layout(description: "keyhelp", mapName: "00-postfix-sni.conf", defaultPair: "smtpd_tls_cert_file = CERT\nsmtpd_tls_key_file = KEY\n"),
        Layout(description: "mail_sys-vmail_ssl", mapName: "vmail_ssl.map", defaultPair: "smtpd_tls_chain_files = KEY,CERT\n"),
    ]

    @Test(arguments: layouts) func renewingOneEntryChangesOnlyItsLineAndWhatItsNameIsServed(_ layout: Layout) throws {
        let (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
        try postfix.start()
        let intermediate = fixtures.intermediate.certificate.pem
        func pair(_ name: String, _ hostname: String) throws -> (key: String, fullchain: String, sha256: String?) {
            let leaf = try fixtures.issueLeaf(name, hostname: hostname)
            return (fixtures.path(name + ".key"), fixtures.write(name + "-fullchain.pem", leaf.pem + intermediate), SClientProbe.sha256(pem: leaf.pem))
        }
        let main = try pair("main", "mail.example.test")
        let org = try pair("org", "mail.example.org")
        let net = try pair("net", "mail.example.net")
        try #require(try fixtures.install("main", on: postfix).status == 0)
        let map = postfix.configDirectory + "/" + layout.mapName
        let source = "mail.example.org \(org.key) \(org.fullchain)\nmail.example.net \(net.key) \(net.fullchain)\n"
        FileManager.default.createFile(atPath: map, contents: Data(source.utf8), attributes: [.posixPermissions: 0o600])
        #expect(Shell.run("postmap", ["-c", postfix.configDirectory, "-F", "hash:" + map]).status == 0)
        let defaults = layout.defaultPair.replacingOccurrences(of: "KEY", with: main.key).replacingOccurrences(of: "CERT", with: main.fullchain)
        for line in defaults.split(separator: "\n").map(String.init) + ["tls_server_sni_maps = hash:\(map)"] { _ = postfix.postconf(["-e", line]) }
        if !layout.defaultPair.contains("smtpd_tls_chain_files") { _ = postfix.postconf(["-X", "smtpd_tls_chain_files"]) }
        postfix.reload()
        #expect(SClientProbe(port: postfix.smtpPort, startTLS: "smtp", serverName: "mail.example.org").sha256 == org.sha256)

        let mainBefore = try String(contentsOfFile: postfix.configDirectory + "/main.cf", encoding: .utf8)
        let renewed = try pair("org2", "mail.example.org")
        let result = try Pftls.run(["renew", "--sni", "mail.example.org", "--key", renewed.key, "--cert", renewed.fullchain,
                                    "--config-dir", postfix.configDirectory])
        #expect(result.status == 0, "\(result.all)\n\(postfix.maillog)")
        #expect(SClientProbe(port: postfix.smtpPort, startTLS: "smtp", serverName: "mail.example.org").sha256 == renewed.sha256)
        #expect(try String(contentsOfFile: postfix.configDirectory + "/main.cf", encoding: .utf8) == mainBefore,
                "the default pair stays where it is: main.cf is not touched\n\(result.standardOutput)")
        #expect(SClientProbe(port: postfix.smtpPort, startTLS: "smtp", serverName: "mail.example.net").sha256 == net.sha256)
        #expect(SClientProbe(port: postfix.smtpPort, startTLS: "smtp", serverName: "mail.example.test").sha256 == main.sha256)
        let lines = try String(contentsOfFile: map, encoding: .utf8).split(separator: "\n")
        // The entry's file goes to the certificate directory in use: the default pair's.
        #expect(lines.count == 2 && lines[0] == "mail.example.org \(fixtures.directory)/sni-mail.example.org.pem"
                && lines[1] == "mail.example.net \(net.key) \(net.fullchain)", "\(lines)")
        let check = try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--json"])
        #expect(!check.standardOutput.contains("sni-map-stale") && !check.standardOutput.contains("multiple-keys"), "\(check.standardOutput)")
    }
}
