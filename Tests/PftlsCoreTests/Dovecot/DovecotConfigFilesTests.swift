import Foundation
import Testing
import PftlsTestSupport
@testable import PftlsCore

/// Dovecot's files read as they are, includes followed, and the ssl lines edited in place:
/// every other byte stays.
@Suite struct DovecotConfigFilesTests {
    let directory = FixtureDirectory()

    /// A Debian-like layout: dovecot.conf includes conf.d/*.conf and an optional local.conf;
    /// 10-ssl.conf holds the ssl lines as Debian 12 ships them (comments kept).
    private func debianLayout(ssl: String) -> String {
        mkdir(directory.file("conf.d"), 0o755)
        directory.write("dovecot.conf", """
            ## Dovecot configuration file
            protocols = imap pop3
            !include conf.d/*.conf
            !include_try local.conf
            """ + "\n")
        directory.write("conf.d/10-auth.conf", "auth_mechanisms = plain\n")
        directory.write("conf.d/10-ssl.conf", ssl)
        return directory.file("dovecot.conf")
    }

    let debianSSL = """
        ##
        ## SSL settings
        ##

        # SSL/TLS support: yes, no, required. <doc/wiki/SSL.txt>
        ssl = yes

        # PEM encoded X.509 SSL/TLS certificate and private key. They're opened before
        # dropping root privileges, so keep the key file unreadable by anyone but
        # root. Included doc/mkcert.sh can be used to easily generate self-signed
        # certificate, just make sure to update the domains in dovecot-openssl.cnf
        ssl_cert = </etc/dovecot/private/dovecot.pem
        ssl_key = </etc/dovecot/private/dovecot.key   # the key

        #local_name mail.example.com {
        #  ssl_cert = </etc/dovecot/sni/mail.pem
        #}
        ssl_client_ca_dir = /etc/ssl/certs
        ssl_dh = </usr/share/dovecot/dh.pem
        """ + "\n"

    @Test func findsTheLinesInTheIncludedFile() throws {
        let files = try DovecotConfigFiles.read(debianLayout(ssl: debianSSL), fileSystem: LocalFileSystem())
        #expect(files.files.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["dovecot.conf", "10-auth.conf", "10-ssl.conf"])
        let certificate = try #require(files.settings.last { $0.key == "ssl_cert" })
        #expect(files.files[certificate.file].path.hasSuffix("conf.d/10-ssl.conf"))
        #expect(certificate.value == "</etc/dovecot/private/dovecot.pem")
        #expect(files.settings.last { $0.key == "ssl_key" }?.value == "</etc/dovecot/private/dovecot.key")
    }

    @Test func editsOnlyTheValuesAndKeepsTheComment() throws {
        var files = try DovecotConfigFiles.read(debianLayout(ssl: debianSSL), fileSystem: LocalFileSystem())
        let names = DovecotSettingNames(version: DovecotVersion(2, 3, 19))
        files.set("ssl_cert", to: names.value(forPath: "/etc/postfix/tls/dovecot-cert.pem"), after: ["ssl"])
        files.set("ssl_key", to: names.value(forPath: "/etc/postfix/tls/dovecot-key.pem"), after: ["ssl_cert"])
        let changed = files.changedFiles
        #expect(changed.count == 1)
        let new = String(decoding: try #require(changed.first).new, as: UTF8.self)
        #expect(new == debianSSL.replacingOccurrences(of: "ssl_cert = </etc/dovecot/private/dovecot.pem", with: "ssl_cert = </etc/postfix/tls/dovecot-cert.pem")
            .replacingOccurrences(of: "ssl_key = </etc/dovecot/private/dovecot.key   # the key", with: "ssl_key = </etc/postfix/tls/dovecot-key.pem # the key"))
    }

    @Test func aLaterIncludedLineWinsAndIsTheOneEdited() throws {
        let main = debianLayout(ssl: debianSSL)
        directory.write("local.conf", "ssl_cert = </srv/override.pem\n")
        var files = try DovecotConfigFiles.read(main, fileSystem: LocalFileSystem())
        files.set("ssl_cert", to: "</new.pem", after: [])
        #expect(files.changedFiles.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["local.conf"])
    }

    @Test func aMissingSettingIsAddedAfterItsNeighbour() throws {
        var files = try DovecotConfigFiles.read(debianLayout(ssl: "ssl = required\n  ssl_min_protocol = TLSv1.2\n"), fileSystem: LocalFileSystem())
        let names = DovecotSettingNames(version: DovecotVersion(2, 4, 1))
        files.set(names.certificate(alternate: false), to: names.value(forPath: "/tls/cert.pem"), after: ["ssl"])
        files.set(names.key(alternate: false), to: names.value(forPath: "/tls/key.pem"), after: [names.certificate(alternate: false)])
        let new = String(decoding: try #require(files.changedFiles.first).new, as: UTF8.self)
        #expect(new == "ssl = required\nssl_server_cert_file = /tls/cert.pem\nssl_server_key_file = /tls/key.pem\n  ssl_min_protocol = TLSv1.2\n")
    }

    @Test func linesInsideBlocksAreNotTheGlobalOnesButAProtocolsFollows() throws {
        let ssl = "ssl_cert = </global.pem\nlocal_name mail.example.com {\n  ssl_cert = </sni.pem\n}\nprotocol imap {\n  ssl_cert = </imap.pem\n}\n"
        var files = try DovecotConfigFiles.read(debianLayout(ssl: ssl), fileSystem: LocalFileSystem())
        #expect(files.settings.filter { $0.key == "ssl_cert" }.map(\.scope) == [[], ["local_name mail.example.com"], ["protocol imap"]])
        files.set("ssl_cert", to: "</new.pem", after: [])
        let new = String(decoding: try #require(files.changedFiles.first).new, as: UTF8.self)
        #expect(new == ssl.replacingOccurrences(of: "</global.pem", with: "</new.pem").replacingOccurrences(of: "</imap.pem", with: "</new.pem"))
    }

    @Test func aProtocolsOwnCertificateLineIsSetTooButNotAnotherNames() throws {
        let ssl = "ssl_cert = </global.pem\nprotocol imap {\n  ssl_cert = </imap.pem\n}\nlocal_name other.example {\n  ssl_cert = </other.pem\n}\n"
        var files = try DovecotConfigFiles.read(debianLayout(ssl: ssl), fileSystem: LocalFileSystem())
        files.set("ssl_cert", to: "</new.pem", after: [])
        let new = String(decoding: try #require(files.changedFiles.first).new, as: UTF8.self)
        #expect(new == "ssl_cert = </new.pem\nprotocol imap {\n  ssl_cert = </new.pem\n}\nlocal_name other.example {\n  ssl_cert = </other.pem\n}\n")
    }

    @Test func bytesThatAreNotUTF8AndCRLFLinesStayAsTheyWere() throws {
        // A Latin-1 comment (é as 0xE9) and CRLF line ends, as a file edited on another system has.
        let ssl: [UInt8] = Array("# certificat sign".utf8) + [0xE9] + Array("\r\nssl_cert = </old.pem\r\nssl_key = </old.key\r\n".utf8)
        let main = debianLayout(ssl: "")
        _ = directory.write("conf.d/10-ssl.conf", ssl)
        var files = try DovecotConfigFiles.read(main, fileSystem: LocalFileSystem())
        files.set("ssl_cert", to: "</new.pem", after: [])
        files.set("ssl_key", to: "</new.key", after: [])
        let change = try #require(files.changedFiles.first)
        #expect(change.new == Array("# certificat sign".utf8) + [0xE9] + Array("\r\nssl_cert = </new.pem\r\nssl_key = </new.key\r\n".utf8))
    }

    @Test func the24NestedFormIsEditedInPlace() throws {
        let ssl = "ssl_server {\n  cert_file = /old.pem\n  key_file = /old.key\n}\n"
        var files = try DovecotConfigFiles.read(debianLayout(ssl: ssl), fileSystem: LocalFileSystem())
        files.set("ssl_server_cert_file", to: "/new.pem", after: [])
        files.set("ssl_server_key_file", to: "/new.key", after: [])
        #expect(String(decoding: try #require(files.changedFiles.first).new, as: UTF8.self) == "ssl_server {\n  cert_file = /new.pem\n  key_file = /new.key\n}\n")
    }

    @Test func oldNamesAreListedWithTheirReplacement() throws {
        let files = try DovecotConfigFiles.read(debianLayout(ssl: debianSSL), fileSystem: LocalFileSystem())
        let outdated = files.outdatedLines()
        #expect(outdated.map(\.replacement) == ["ssl_server_cert_file = /etc/dovecot/private/dovecot.pem",
                                                 "ssl_server_key_file = /etc/dovecot/private/dovecot.key",
                                                 "ssl_server_dh_file = /usr/share/dovecot/dh.pem"])
        #expect(outdated.first?.number == 12)
    }

    @Test func aMissingIncludeTryIsFineAMissingIncludeIsNot() throws {
        let main = debianLayout(ssl: debianSSL)
        _ = try DovecotConfigFiles.read(main, fileSystem: LocalFileSystem())
        directory.write("dovecot.conf", "!include missing.conf\n")
        #expect(throws: DovecotConfigFiles.ReadFailure.self) { try DovecotConfigFiles.read(main, fileSystem: LocalFileSystem()) }
    }

    @Test func anIncludeLoopIsReadOnce() throws {
        directory.write("a.conf", "!include b.conf\nssl = yes\n")
        directory.write("b.conf", "!include a.conf\n")
        let files = try DovecotConfigFiles.read(directory.file("a.conf"), fileSystem: LocalFileSystem())
        #expect(files.files.count == 2)
    }
}
