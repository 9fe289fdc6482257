import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// `pftls csr` for an OV/EV order form, as Japanese vendors want it: subject fields
/// (`--subject`, RFC 4514, UTF-8 organisation names), RSA 2048 by default, the key
/// beside the certificate in use, and a fully qualified name even when myhostname is `vm`.
@Suite(.serialized, .tags(.endToEnd)) struct CsrSubjectTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures

    init() throws {
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
    }

    private func openssl(_ arguments: [String]) -> Shell.Result { Shell.run("openssl", arguments) }

    /// A private directory for one test's key and CSR.
    private func outDirectory(_ name: String) throws -> String {
        let out = postfix.root + "/" + name
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        return out
    }

    /// The subject of a CSR file as `openssl req -subject -nameopt utf8,sep_comma_plus` prints it.
    private func subject(_ request: String, escaped: Bool = false) -> String {
        openssl(["req", "-in", request, "-noout", "-subject", "-nameopt", "utf8,sep_comma_plus" + (escaped ? ",esc_2253" : "")])
            .output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func subjectFieldsReachTheCSRAsOpenSSLReadsThem() throws {
        let out = try outDirectory("subject")
        let made = try Pftls.run(["csr", "--name", "mail.example.test", "--name", "smtp.example.test",
                                  "--subject", "C=JP,ST=Tokyo,L=Chiyoda-ku,O=株式会社サンプル,OU=IT", "--out", out])
        #expect(made.status == 0, "\(made.all)")
        let request = out + "/mail.example.test.csr"
        #expect(subject(request) == "subject=C=JP,ST=Tokyo,L=Chiyoda-ku,O=株式会社サンプル,OU=IT,CN=mail.example.test")
        let verify = openssl(["req", "-in", request, "-noout", "-verify"])
        #expect(verify.status == 0 && verify.all.contains("verify OK"), "\(verify.all)")
        // C is a PrintableString as X.520 wants; the Japanese organisation name is UTF8String.
        let der = openssl(["req", "-in", request, "-outform", "DER", "-out", out + "/request.der"])
        #expect(der.status == 0)
        let parsed = openssl(["asn1parse", "-inform", "DER", "-in", out + "/request.der"]).output
        #expect(parsed.contains("PRINTABLESTRING   :JP"), "\(parsed)")
        #expect(parsed.contains("UTF8STRING        :株式会社サンプル"), "\(parsed)")
        #expect(made.standardOutput.contains("Organization fields: C=JP, ST=Tokyo, L=Chiyoda-ku, O=株式会社サンプル, OU=IT"), "\(made.standardOutput)")

        // RFC 4514 escapes, any order and case of types, blanks around commas: the CSR lists C, ST, L, O, OU, CN.
        let escapes = try outDirectory("escapes")
        let escaped = try Pftls.run(["csr", "--name", "mail.example.test", "--out", escapes,
                                     "--subject", #"o=Example\, K.K., ou=R\+D, C=JP, L=\E5\8D\83\E4\BB\A3\E7\94\B0\E5\8C\BA, ST=Tokyo \"Main\" \\ Office"#])
        #expect(escaped.status == 0, "\(escaped.all)")
        #expect(subject(escapes + "/mail.example.test.csr", escaped: true)
                == #"subject=C=JP,ST=Tokyo \"Main\" \\ Office,L=千代田区,O=Example\, K.K.,OU=R\+D,CN=mail.example.test"#)
        #expect(openssl(["req", "-in", escapes + "/mail.example.test.csr", "-noout", "-verify"]).status == 0)
    }

    @Test func badSubjectsAreRefusedNamingTheOptionTheProblemAndTheFix() throws {
        let out = try outDirectory("refused")
        let cases: [(subject: String, says: [String])] = [
            ("C=Japan,O=Example K.K.", ["--subject", "\"Japan\" is not a country code for C", "two capital letters of ISO 3166-1", "JP"]),
            ("C=J", ["--subject", "\"J\" is not a country code"]),
            ("C=jp", ["--subject", "C is written in capitals: JP, not jp"]),
            ("C=JP,emailAddress=postmaster@example.test", ["--subject", "emailAddress is not a field pftls puts into a CSR", "C, ST, L, O or OU"]),
            ("C=JP,CN=mail.example.test", ["--subject", "CN cannot be given here", "the first --name", "Leave CN out"]),
            ("C=JP,O=Example,C=US", ["--subject", "C is given twice"]),
            ("C=JP,O=", ["--subject", "O has no value"]),
            ("O=Example, K.K.", ["--subject", "cannot read \"K.K.\"", #"\,"#]),
            ("O=A+OU=B", ["--subject", "joins two fields with +", #"\+"#]),
            ("O=" + String(repeating: "x", count: 65), ["--subject", "O is 65 characters long", "at most 64"]),
        ]
        for (text, says) in cases {
            let refused = try Pftls.run(["csr", "--name", "mail.example.test", "--subject", text, "--out", out])
            #expect(refused.status == 2, "\(text): \(refused.all)")
            for words in says { #expect(refused.standardError.contains(words), "\(text) should say \(words): \(refused.standardError)") }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty, "nothing is written")
        let japanese = try Pftls.run(["--lang", "ja", "csr", "--name", "mail.example.test", "--subject", "C=Japan", "--out", out])
        #expect(japanese.status == 2 && japanese.standardError.contains("--subject：「C」の「Japan」は国コードではありません。"), "\(japanese.all)")
    }

    @Test func theDefaultKeyIsRSA2048() throws {
        let out = try outDirectory("rsa")
        let made = try Pftls.run(["csr", "--name", "mail.example.test", "--out", out])
        #expect(made.status == 0, "\(made.all)")
        let text = openssl(["req", "-in", out + "/mail.example.test.csr", "-noout", "-text"]).output
        #expect(text.contains("rsaEncryption") && text.contains("Public-Key: (2048 bit)"), "\(text)")
        let key = openssl(["pkey", "-in", out + "/mail.example.test.key", "-noout", "-text"]).output
        #expect(key.contains("Private-Key: (2048 bit"), "\(key)")
        // The others stay there to choose.
        let ec = try outDirectory("ec")
        #expect(try Pftls.run(["csr", "--name", "mail.example.test", "--key-type", "ec-p256", "--out", ec]).status == 0)
        #expect(openssl(["req", "-in", ec + "/mail.example.test.csr", "-noout", "-text"]).output.contains("prime256v1"))
    }

    @Test func helpShowsTheDefaultKeyTypeByName() throws {
        let help = try Pftls.run(["csr", "--help"])
        #expect(help.status == 0)
        let flat = help.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("default: rsa2048)"), "\(help.standardOutput)")
        #expect(flat.contains("values: ec-p256, rsa2048, rsa3072"), "\(help.standardOutput)")
        #expect(!help.standardOutput.contains("KeyTypeOption") && !help.standardOutput.contains("PftlsCore"), "\(help.standardOutput)")
        let japanese = try Pftls.run(["--lang", "ja", "csr", "--help"])
        // Japanese wraps without spaces: compare with the line breaks and indents taken out.
        let flatJapanese = japanese.standardOutput.split(whereSeparator: \.isWhitespace).joined()
        #expect(flatJapanese.contains("（値：ec-p256、rsa2048、rsa3072、既定：rsa2048）"), "\(japanese.standardOutput)")
        #expect(!japanese.standardOutput.contains("values") && !japanese.standardOutput.contains("default"), "\(japanese.standardOutput)")
    }

    @Test func theDefaultDirectoryIsTheCertificateDirectoryInUse() throws {
        let elsewhere = try outDirectory("cwd")
        // No TLS set up: the configuration directory, as the wizard's Directory step proposes.
        let bare = try Pftls.run(["csr", "--name", "first.example.test", "--config-dir", postfix.configDirectory], in: elsewhere)
        #expect(bare.status == 0, "\(bare.all)")
        #expect(FileManager.default.fileExists(atPath: postfix.configDirectory + "/first.example.test.key"), "\(bare.all)")
        #expect(FileManager.default.fileExists(atPath: postfix.configDirectory + "/first.example.test.csr"))

        // A set-up in force: the directory of the files main.cf names.
        try fixtures.issueLeaf("inuse")
        let applied = try fixtures.install("inuse", on: postfix, ["--no-reload"])
        #expect(applied.status == 0, "\(applied.all)")
        let named = postfix.postconf(["-h", "smtpd_tls_chain_files"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(named.hasPrefix(postfix.root + "/tls/"), "\(named)")
        let made = try Pftls.run(["csr", "--name", "mail.example.test", "--config-dir", postfix.configDirectory], in: elsewhere)
        #expect(made.status == 0, "\(made.all)")
        #expect(made.standardOutput.contains(postfix.root + "/tls/mail.example.test.key"), "\(made.standardOutput)")
        #expect(FileManager.default.fileExists(atPath: postfix.root + "/tls/mail.example.test.csr"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere).isEmpty, "nothing in the current directory")
    }

    @Test func aHostnameWithoutADotIsSaidWithTheProposal() throws {
        postfix.postconf(["-e", "myhostname=vm", "mydomain=example.test"])
        ThrowawayPostfix.backdate(postfix.configDirectory + "/main.cf")
        let out = try outDirectory("vm")
        let refused = try Pftls.run(["csr", "--config-dir", postfix.configDirectory, "--out", out])
        #expect(refused.status == 2, "\(refused.all)")
        #expect(refused.standardError.contains("myhostname is \"vm\", which is not a fully qualified name, and a certificate needs one"),
                "\(refused.standardError)")
        #expect(refused.standardError.contains("--name vm.example.test (myhostname.mydomain)"), "\(refused.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty, "nothing is written")
        let japanese = try Pftls.run(["--lang", "ja", "csr", "--config-dir", postfix.configDirectory, "--out", out])
        #expect(japanese.standardError.contains("myhostname が「vm」で、完全修飾ドメイン名（FQDN）ではありません。"), "\(japanese.standardError)")

        // The proposal works as given; a name given is never second-guessed.
        let made = try Pftls.run(["csr", "--name", "vm.example.test", "--config-dir", postfix.configDirectory, "--out", out])
        #expect(made.status == 0, "\(made.all)")
        #expect(subject(out + "/vm.example.test.csr") == "subject=CN=vm.example.test")

        // A mydomain without a dot gives nothing to propose: say what to give instead.
        postfix.postconf(["-e", "mydomain=localdomain"])
        ThrowawayPostfix.backdate(postfix.configDirectory + "/main.cf")
        let bare = try Pftls.run(["csr", "--config-dir", postfix.configDirectory, "--out", out])
        #expect(bare.status == 2, "\(bare.all)")
        #expect(bare.standardError.contains("myhostname is \"vm\"") && bare.standardError.contains("Give the host's fully qualified name with --name"),
                "\(bare.standardError)")
        #expect(!bare.standardError.contains("vm.localdomain"))
    }
}
