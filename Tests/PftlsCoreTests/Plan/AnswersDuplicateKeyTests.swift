import Foundation
import Testing
@testable import PftlsCore

extension PlanTests {
    /// A key given twice in one object is refused and named: a JSON reader would keep one
    /// of the two silently.
    @Suite struct AnswersDuplicateKeyTests {
        /// The valid answers as JSON text with `extra` inserted after the opening brace.
        private static func answers(inserting extra: String) -> [UInt8] {
            let text = String(decoding: AnswersJSONTests.json(), as: UTF8.self)
            return Array(("{" + extra + text.dropFirst()).utf8)
        }

        @Test func aTopLevelKeyGivenTwiceIsNamed() {
            let message = AnswersJSONTests.failure(Self.answers(inserting: #""privateKey": "/root/other.key", "#))
            #expect(message.contains("\"privateKey\""))
            #expect(message.contains("twice"))
        }

        @Test func aKeyInsideAServiceGivenTwiceIsNamed() {
            let message = AnswersJSONTests.failure(AnswersJSONTests.json(["services": nil]).dropLast() + Array(#","services": [{"name": "smtp", "name": "submission"}]}"#.utf8))
            #expect(message.contains("\"name\""))
        }

        @Test func escapesAreDecodedBeforeKeysAreCompared() {
            #expect(JSONDuplicateKeys.first(in: Array(#"{"a": 1, "\u0061": 2}"#.utf8)) == "a")
        }

        @Test(arguments: [
            #"{"a": 1, "b": {"a": 2}}"#,               // the same key in different objects
            #"[{"a": 1}, {"a": 2}]"#,                   // objects side by side in an array
            #"{"a": "\"a\": 1, \"a\"", "b": ["a", "a"]}"#, // key-like text inside values
            #"{"a\\": 1, "a": 2}"#,                     // an escaped backslash ends a key
        ])
        func nothingIsReportedWithoutADuplicate(json: String) {
            #expect(JSONDuplicateKeys.first(in: Array(json.utf8)) == nil)
        }

        @Test func validAnswersStillParse() throws {
            #expect(try AnswersJSON.parse(AnswersJSONTests.json(), file: "answers.json").hostname == "mail.example.test")
        }
    }
}
