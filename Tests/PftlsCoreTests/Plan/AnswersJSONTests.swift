import Foundation
import Testing
@testable import PftlsCore

extension PlanTests {
    /// `pftls apply --answers FILE`: every mistake is refused with a message naming the key.
    @Suite struct AnswersJSONTests {
        /// A complete, valid answers object.
        static var valid: [String: Any] { [
            "certificateDirectory": "/etc/postfix/tls",
            "privateKey": "/root/mail.key",
            "certificate": "/root/mail.crt",
            "intermediates": ["/root/intermediate.crt"],
            "smtpdSecurityLevel": "may",
            "smtpSecurityLevel": "dane",
            "services": [["name": "smtp"], ["name": "submission", "listen": "127.0.0.1:10587"], ["name": "submissions"]],
            "layout": "separate-files",
            "hostname": "mail.example.test",
            "dedicatedNonMX": true,
            "smtpdCAfile": true,
        ] }

        /// `valid` with `changes` applied (nil removes a key), as JSON bytes.
        static func json(_ changes: [String: Any?] = [:]) -> [UInt8] {
            var object = valid
            for (key, value) in changes { object[key] = value }
            return Array(try! JSONSerialization.data(withJSONObject: object))
        }

        /// The error message parsing `bytes` gives; records an issue when it parses.
        static func failure(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> String {
            do {
                let answers = try AnswersJSON.parse(bytes, file: "answers.json")
                Issue.record("parsed, expected an error: \(answers)", sourceLocation: sourceLocation)
                return ""
            } catch {
                #expect(error.description.hasPrefix("answers.json: "), sourceLocation: sourceLocation)
                return error.description
            }
        }

        static func failure(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
            failure(Array(text.utf8), sourceLocation: sourceLocation)
        }

        @Test func readsEveryField() throws {
            let answers = try AnswersJSON.parse(Self.json(), file: "answers.json")
            #expect(answers == Answers(
                certificateDirectory: "/etc/postfix/tls", privateKey: "/root/mail.key", certificate: "/root/mail.crt",
                intermediates: ["/root/intermediate.crt"], smtpdSecurityLevel: "may", smtpSecurityLevel: "dane",
                services: [.init(name: .smtp), .init(name: .submission, listen: "127.0.0.1:10587"), .init(name: .submissions)],
                layout: .separateFiles, hostname: "mail.example.test", dedicatedNonMX: true, smtpdCAfile: true))
        }

        @Test func optionalKeysDefault() throws {
            let bytes = Self.json(["layout": nil, "hostname": nil, "dedicatedNonMX": nil, "smtpdCAfile": nil, "intermediates": []])
            let answers = try AnswersJSON.parse(bytes, file: "answers.json")
            #expect(answers.layout == nil)
            #expect(answers.hostname == nil)
            #expect(answers.dedicatedNonMX == false)
            #expect(answers.smtpdCAfile == false)
            #expect(answers.intermediates == [])
        }

        @Test(arguments: [true, false])
        func roundTripsThroughRender(withOptionalKeys: Bool) throws {
            let changes: [String: Any?] = withOptionalKeys ? [:] : ["layout": nil, "hostname": nil, "dedicatedNonMX": nil, "smtpdCAfile": nil]
            let answers = try AnswersJSON.parse(Self.json(changes), file: "answers.json")
            let rendered = AnswersJSON.render(answers)
            #expect(try AnswersJSON.parse(Array(rendered.utf8), file: "rendered.json") == answers)
            // Rendering is stable: parse(render(x)) renders to the same text.
            #expect(AnswersJSON.render(try AnswersJSON.parse(Array(rendered.utf8), file: "rendered.json")) == rendered)
            #expect(rendered.hasSuffix("}\n"))
            #expect(!rendered.contains("\\/"), "paths are written without escaped slashes")
        }

        @Test(arguments: AnswersJSON.required)
        func namesAMissingRequiredKey(key: String) {
            let message = Self.failure(Self.json([key: nil]))
            #expect(message.contains("\"\(key)\""))
            #expect(message.contains("missing"))
        }

        @Test func namesAnUnknownTopLevelKey() {
            let message = Self.failure(Self.json(["smtpdSecurityLevl": "may"]))
            #expect(message.contains("unknown key \"smtpdSecurityLevl\""))
        }

        @Test func namesAnUnknownKeyInsideAService() {
            let message = Self.failure(Self.json(["services": [["name": "smtp"], ["name": "submission", "port": 587]]]))
            #expect(message.contains("\"services[1].port\""))
            #expect(message.contains("not a known key"))
        }

        @Test(arguments: [
            ("smtpdSecurityLevel", "dane"), ("smtpdSecurityLevel", "verify"), ("smtpdSecurityLevel", "MAY"),
            ("smtpSecurityLevel", "required"), ("layout", "x"), ("layout", "chainfile"),
        ])
        func namesABadChoice(key: String, value: String) {
            let message = Self.failure(Self.json([key: value]))
            #expect(message.contains("\"\(key)\" is \"\(value)\""))
            #expect(message.contains("must be one of"))
        }

        @Test func namesABadListenAddress() {
            // The last five once went into master.cf, and the reload stopped Postfix's master.
            for listen in ["nope", "10587", "127.0.0.1:", ":587", "::1:587", "a b:25",
                           "999.1.1.1:99999", "a=b:11036", "127.0.0.1:nosuchservice", "127.0.0.1:0", "127.0.0.1:99999", "\u{1B}[31m:25"] {
                let message = Self.failure(Self.json(["services": [["name": "submission", "listen": listen]]]))
                #expect(message.contains("\"services[0].listen\""), "listen \(listen)")
            }
            let notText = Self.failure(Self.json(["services": [["name": "submission", "listen": 587]]]))
            #expect(notText.contains("\"services[0].listen\""))
        }

        @Test func namesOneAddressSharedByTwoServices() {
            let message = Self.failure(Self.json(["services": [["name": "smtp", "listen": "127.0.0.1:2525"], ["name": "submission", "listen": "127.0.0.1:2525"]]]))
            #expect(message.contains("\"services[1].listen\"") && message.contains("also the listen address of smtp"), "\(message)")
            let byName = Self.failure(Self.json(["services": [["name": "smtp", "listen": "127.0.0.1:25"], ["name": "submission", "listen": "127.0.0.1:smtp"]]]))
            #expect(byName.contains("also the listen address of smtp"), "a port name is the same port: \(byName)")
        }

        @Test func acceptsHostNamesAndServiceNames() throws {
            for listen in ["mail.example.test:submission", "localhost:2525", "[::1]:465", "192.0.2.10:smtps"] {
                #expect(ListenAddress.problem(with: listen) == nil, "\(listen)")
            }
            #expect(!Self.failure(Self.json(["services": [["name": "smtp", "listen": "\u{1B}[31m:25"]]])).contains("\u{1B}"), "escaped")
        }

        @Test func aBracketedIPv6AddressWithoutAPortIsSaidToLackThePort() {
            for listen in ["[::1]", "[2001:db8::25]"] {
                #expect(ListenAddress.problem(with: listen) == Catalog.text("listen.noPort"), "\(listen)")
            }
        }

        @Test func acceptsBracketedIPv6Listen() throws {
            let answers = try AnswersJSON.parse(Self.json(["services": [["name": "submissions", "listen": "[2001:db8::1]:465"]]]),
                                                file: "answers.json")
            #expect(answers.services == [.init(name: .submissions, listen: "[2001:db8::1]:465")])
        }

        @Test func namesADuplicateService() {
            let message = Self.failure(Self.json(["services": [["name": "smtp"], ["name": "submission"], ["name": "smtp", "listen": "127.0.0.1:25"]]]))
            #expect(message.contains("\"services[2]\""))
            #expect(message.contains("repeats the service smtp"))
        }

        @Test func namesBadServiceLists() {
            #expect(Self.failure(Self.json(["services": []])).contains("\"services\" must name at least one service"))
            #expect(Self.failure(Self.json(["services": "smtp"])).contains("\"services\" must be a list"))
            #expect(Self.failure(Self.json(["services": ["smtp"]])).contains("\"services[0]\" must be an object"))
            #expect(Self.failure(Self.json(["services": [["name": "lmtp"]]])).contains("\"services[0].name\""))
            #expect(Self.failure(Self.json(["services": [["listen": "127.0.0.1:25"]]])).contains("\"services[0].name\""))
        }

        @Test(arguments: ["etc/postfix/tls", "./tls", "~/tls", ""])
        func refusesARelativeCertificateDirectory(directory: String) {
            #expect(Self.failure(Self.json(["certificateDirectory": directory])).contains("\"certificateDirectory\""))
        }

        @Test func namesIntermediatesThatAreNotAListOfPaths() {
            for bad: Any in ["/root/intermediate.crt", [1], [""], ["/a", NSNull()], ["path": "/a"]] {
                #expect(Self.failure(Self.json(["intermediates": bad])).contains("\"intermediates\" must be a list"), "\(bad)")
            }
        }

        @Test func namesValuesOfTheWrongType() {
            #expect(Self.failure(Self.json(["privateKey": 5])).contains("\"privateKey\" must be a non-empty string"))
            #expect(Self.failure(Self.json(["certificate": ""])).contains("\"certificate\" must be a non-empty string"))
            #expect(Self.failure(Self.json(["hostname": ""])).contains("\"hostname\" must be a non-empty string"))
            #expect(Self.failure(Self.json(["smtpdSecurityLevel": NSNull()])).contains("\"smtpdSecurityLevel\""))
            #expect(Self.failure(Self.json(["dedicatedNonMX": "yes"])).contains("\"dedicatedNonMX\" must be true or false"))
            #expect(Self.failure(Self.json(["smtpdCAfile": [true]])).contains("\"smtpdCAfile\" must be true or false"))
        }

        @Test(arguments: ["dedicatedNonMX", "smtpdCAfile"])
        func refusesNumbersForFlags(key: String) {
            // JSON 1 is not true: a typo must not silently switch a guard off.
            #expect(Self.failure(Self.json(without: key, appending: "\"\(key)\": 1")).contains("\"\(key)\" must be true or false"))
        }

        /// `valid` without `key`, with a raw JSON member appended, so values JSONSerialization
        /// would bridge (numbers for booleans) reach the parser exactly as written.
        static func json(without key: String, appending member: String) -> [UInt8] {
            let text = String(decoding: json([key: nil]), as: UTF8.self)
            return Array((text.dropLast() + ", " + member + "}").utf8)
        }

        @Test(arguments: ["", "null", "[]", "[1, 2]", "\"text\"", "42", "true", "{", "{\"a\":", "}{", "\u{FEFF}"])
        func refusesNonObjectsWithoutCrashing(text: String) {
            #expect(Self.failure(text).contains("not a JSON object"))
        }

        /// Deep nesting is refused before it is decoded, quickly, naming the depth.
        @Test(arguments: [String(repeating: "[", count: 100_000), String(repeating: "{\"a\":", count: 50_000),
                          "{\"services\": " + String(repeating: "[", count: 509) + String(repeating: "]", count: 509) + "}"])
        func refusesDeepNestingAtOnce(text: String) {
            let started = ContinuousClock.now
            #expect(Self.failure(text).contains("levels deep"))
            #expect(ContinuousClock.now - started < .seconds(1))
        }

        @Test func refusesBinaryGarbageWithoutCrashing() {
            var generator = SystemRandomNumberGenerator()
            for _ in 0..<200 {
                let bytes = (0..<Int.random(in: 0...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                #expect(throws: AnswersJSON.Failure.self) { try AnswersJSON.parse(bytes, file: "answers.json") }
            }
            #expect(Self.failure([0xFF, 0xFE, 0x7B, 0x7D]).contains("not a JSON object"))
        }

        @Test func escapesTheFileNameAndUnknownKeys() {
            let message = Self.failure(Self.json(["evil\u{1B}[2J": 1]))
            #expect(!message.contains("\u{1B}"))
        }
    }
}
