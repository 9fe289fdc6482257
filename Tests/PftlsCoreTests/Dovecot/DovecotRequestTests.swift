import Foundation
import Testing
@testable import PftlsCore

/// Which Dovecot a change covers: asked for on the command line or in the answers, or not
/// asked beside /etc/postfix only; never the system's beside another Postfix.
@Suite struct DovecotRequestTests {
    func resolve(_ flag: Bool?, _ file: String?, _ answers: Answers.DovecotChoice?, postfix: String = "/etc/postfix") -> DovecotRequest? {
        DovecotRequest.resolve(flag: flag, configFile: file, answers: answers, postfixConfigDirectory: postfix)
    }

    @Test func theCommandLineAndTheAnswers() {
        let standard = DovecotInstallation.standardConfigFile
        #expect(resolve(nil, nil, nil) == DovecotRequest(configFile: standard, asked: false))
        #expect(resolve(nil, nil, nil, postfix: "/srv/postfix-b") == nil)
        #expect(resolve(nil, nil, nil, postfix: "/etc/postfix/") == DovecotRequest(configFile: standard, asked: false))
        #expect(resolve(false, "/x/dovecot.conf", .standardConfig) == nil)
        #expect(resolve(nil, "/x/dovecot.conf", .no) == DovecotRequest(configFile: "/x/dovecot.conf", asked: true))
        #expect(resolve(nil, nil, .no) == nil)
        #expect(resolve(true, nil, .no) == DovecotRequest(configFile: standard, asked: true))
        #expect(resolve(nil, nil, .config("/y/dovecot.conf"), postfix: "/srv/postfix-b") == DovecotRequest(configFile: "/y/dovecot.conf", asked: true))
        #expect(resolve(true, nil, nil, postfix: "/srv/postfix-b") == DovecotRequest(configFile: standard, asked: true))
    }

    @Test func theAnswersKeyReadsAndWritesBack() throws {
        let base = #"{"certificateDirectory": "/etc/postfix/tls", "privateKey": "k", "certificate": "c", "intermediates": [], "smtpdSecurityLevel": "may", "smtpSecurityLevel": "may", "services": [{"name": "smtp"}]"#
        for (json, choice) in [(#", "dovecot": true}"#, Answers.DovecotChoice.standardConfig), (#", "dovecot": false}"#, .no),
                               (#", "dovecot": {"config": "/srv/dovecot/dovecot.conf"}}"#, .config("/srv/dovecot/dovecot.conf"))] {
            let answers = try AnswersJSON.parse(Array((base + json).utf8), file: "a.json")
            #expect(answers.dovecot == choice)
            #expect(try AnswersJSON.parse(Array(AnswersJSON.render(answers).utf8), file: "again.json").dovecot == choice)
        }
        for bad in [#", "dovecot": "yes"}"#, #", "dovecot": {"config": "relative.conf"}}"#, #", "dovecot": {"file": "/x"}}"#] {
            #expect(throws: AnswersJSON.Failure.self) { try AnswersJSON.parse(Array((base + bad).utf8), file: "a.json") }
        }
    }

    @Test func theUnknownSettingOfA23ConfigUnder24() {
        let said = "doveconf: Fatal: Error in configuration file /etc/dovecot/conf.d/10-ssl.conf line 12: ssl_cert: Unknown setting: ssl_cert"
        #expect(DovecotInstallation.unknownSetting(in: said) == "ssl_cert")
        #expect(DovecotInstallation.unknownSetting(in: "doveconf: Fatal: open(/x) failed") == nil)
    }
}
