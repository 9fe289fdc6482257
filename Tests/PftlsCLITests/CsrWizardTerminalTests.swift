import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// The wizard's "No certificate yet" in a real terminal (tmux) on a throwaway Postfix
/// whose myhostname is `vm`: the screen says a certificate needs a fully qualified name,
/// proposes myhostname.mydomain, puts the key in the configuration directory, and writes
/// the organisation fields typed in Japanese into an RSA 2048 CSR.
@Suite(.tags(.endToEnd)) struct CsrWizardTerminalTests {
    @Test func aCSRForAJapaneseCompanyFromAHostCalledVM() throws {
        let postfix = try ThrowawayPostfix()
        postfix.postconf(["-e", "myhostname=vm", "mydomain=example.test"])
        ThrowawayPostfix.backdate(postfix.configDirectory + "/main.cf")
        let session = try TmuxSession("cd \(postfix.root)/src && \(Pftls.executable) wizard --config-dir \(postfix.configDirectory)")
        #expect(session.waitFor("No certificate yet"), "\(session.screen)")
        // No TLS set up: the choices are Set up and No certificate yet; Left wraps to the last.
        session.send("Left")
        session.send("Enter")
        #expect(session.waitFor("not a fully qualified name"), "\(session.screen)")
        let screen = session.screen
        #expect(screen.contains("myhostname is \"vm\""), "\(screen)")
        #expect(screen.contains("Names (first = CN): vm.example.test"), "the proposal is filled in: \(screen)")
        #expect(screen.contains("Directory:          \(postfix.configDirectory)"), "the configuration directory: \(screen)")
        #expect(screen.contains("(•) rsa2048"), "\(screen)")
        #expect(!screen.contains("--"), "no command-line option as advice: \(screen)")

        session.send("Tab", "Tab", "Tab")
        for (value, last) in [("株式会社サンプル", false), ("IT", false), ("千代田区", false), ("東京都", false), ("JP", true)] {
            session.type(value)
            if !last { session.send("Tab") }
        }
        #expect(session.waitFor("Country (C):        JP"), "\(session.screen)")
        #expect(session.screen.contains("Organization (O):   株式会社サンプル"), "\(session.screen)")
        session.send("F10")
        #expect(session.waitFor("-----BEGIN CERTIFICATE REQUEST-----"), "\(session.screen)")

        let request = postfix.configDirectory + "/vm.example.test.csr"
        let subject = Shell.run("openssl", ["req", "-in", request, "-noout", "-subject", "-nameopt", "utf8,sep_comma_plus"])
        #expect(subject.output.trimmingCharacters(in: .whitespacesAndNewlines)
                == "subject=C=JP,ST=東京都,L=千代田区,O=株式会社サンプル,OU=IT,CN=vm.example.test", "\(subject.all)")
        let verify = Shell.run("openssl", ["req", "-in", request, "-noout", "-verify", "-text"])
        #expect(verify.status == 0 && verify.all.contains("verify OK") && verify.all.contains("Public-Key: (2048 bit)"), "\(verify.all)")
        var info = stat()
        #expect(lstat(postfix.configDirectory + "/vm.example.test.key", &info) == 0 && info.st_mode & 0o777 == 0o600)
    }
}
