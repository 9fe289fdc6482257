import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// `pftls apply` on main.cf/master.cf pairs written by others (Corpus/pairs, each with a
/// SOURCE note), through a throwaway Postfix instance: it either succeeds, changing only
/// TLS settings and the chosen services and naming every other change, or refuses with
/// nothing written and Postfix's own reason.
@Suite(.serialized, .tags(.endToEnd)) struct RealWorldCorpusTests {
    /// Outcome of one apply on a pair.
    struct Run {
        let instance: CorpusInstance
        let live: Bool
        let result: Pftls.Result
        let before: [String: Data]
    }

    private static func answers(_ instance: CorpusInstance, fixtures: CLIFixtures) -> String {
        let services = Answers.ServiceName.allCases.map { ($0, "127.0.0.1:\(instance.ports[$0]!)") }
        return fixtures.write("answers.json", fixtures.answers("leaf", into: instance.root + "/tls", services: services).json)
    }

    private func run(_ instance: CorpusInstance, live: Bool) throws -> (Run, String) {
        let fixtures = try CLIFixtures(directory: instance.root + "/src")
        try fixtures.issueLeaf("leaf")
        let answersFile = Self.answers(instance, fixtures: fixtures)
        let before = instance.configFiles()
        let arguments = ["apply", "--answers", answersFile, "--config-dir", instance.configDirectory] + (live ? [] : ["--no-reload"])
        let result = try instance.pftls(arguments)
        return (Run(instance: instance, live: live, result: result, before: before), answersFile)
    }

    /// True for the parameters pftls may change without a finding.
    private static func isTLS(_ name: String) -> Bool { name.contains("tls") }

    @Test(arguments: CorpusInstance.pairNames)
    func applyChangesOnlyTLSAndTheChosenServices(pair: String) throws {
        let started = Date()
        defer { print("corpus \(pair): \(Int(Date().timeIntervalSince(started)))s") }
        let instance = try CorpusInstance(pair: pair)
        var live = instance.startAndGreet()
        if !live { instance.stop() }
        let view = instance.postfixView()
        var (run, answersFile) = try run(instance, live: live)
        report(run)
        if run.result.status != 0 {
            expectCleanRefusal(run)
            // Refused while Postfix runs (a listener already broken, a SASL socket missing):
            // the rules must still hold for an install without reload.
            guard live else { return }
            instance.stop()
            live = false
            (run, answersFile) = try self.run(instance, live: false)
            report(run)
            guard run.result.status == 0 else { return expectCleanRefusal(run) }
        }
        let output = run.result.all
        let context = "\(pair) (live: \(live))\n\(output)"
        let after = instance.postfixView()
        #expect(after.complaints.subtracting(view.complaints).isEmpty, "new warnings: \(after.complaints.subtracting(view.complaints))\n\(context)")
        for name in Set(view.settings.keys).union(after.settings.keys) where view.settings[name] != after.settings[name] {
            #expect(Self.isTLS(name) || output.contains(name), "\(name) changed without a finding\n\(context)")
        }
        let chosen = instance.ports.values.map { "127.0.0.1:\($0)" }
        let isChosen: (String) -> Bool = { line in chosen.contains { line.hasPrefix($0 + " ") || line.hasPrefix($0 + "/") } }
        #expect(view.services.filter { !isChosen($0) } == after.services.filter { !isChosen($0) }, "only the chosen services change\n\(context)")
        for key in Set(view.overrides.keys).union(after.overrides.keys) where view.overrides[key] != after.overrides[key] {
            let option = String(key.split(separator: "/").last ?? "")
            #expect(isChosen(key), "\(key) of another service changed\n\(context)")
            #expect(ChangeLedger.isSecurityOption(option) || output.contains(option), "\(key) changed without a finding\n\(context)")
        }
        if live { #expect(run.result.standardOutput.contains("serves the new certificate"), "\(context)") }

        let files = instance.configFiles()
        let second = try instance.pftls(["apply", "--answers", answersFile, "--config-dir", instance.configDirectory] + (live ? [] : ["--no-reload"]))
        #expect(second.status == 0 && second.standardOutput.contains("Nothing to change"), "\(pair): second run\n\(second.all)")
        #expect(instance.configFiles() == files, "\(pair): the second run changed the files")
    }

    /// One line per run in the test log: live or not, applied or why refused, Postfix's fatal lines.
    private func report(_ run: Run) {
        let output = run.result.all
        let verdict = run.result.status == 0 ? "applied"
            : "refused: " + (output.split(separator: "\n").last { $0.contains("pftls apply:") || $0.contains("ERROR") }.map(String.init) ?? "?")
        let fatal = run.instance.maillog.split(separator: "\n").filter { $0.contains("fatal:") || $0.contains("panic:") }.suffix(3)
        print("corpus \(run.instance.name): live \(run.live), \(verdict)" + fatal.map { "\n    log: " + $0 }.joined())
        if ProcessInfo.processInfo.environment["PFTLS_CORPUS"] != nil { print(output + "\n" + run.instance.maillog) }
    }

    /// A refusal: exit 1, the files as they were, no backup left unless a rollback says so,
    /// and reasons that do not end at a colon.
    private func expectCleanRefusal(_ run: Run) {
        let output = run.result.all
        let context = "\(run.instance.name) (live: \(run.live))\n\(output)"
        #expect(run.result.status == 1, "\(context)")
        #expect(run.instance.configFiles() == run.before, "\(context)")
        let backups = FileManager.default.fileExists(atPath: run.instance.configDirectory + "/pftls-backups")
        #expect(!backups || output.contains("The previous files were restored"), "\(context)")
        let reasons = output.split(separator: "\n").filter { $0.contains("pftls apply:") || $0.contains("ERROR") }
        #expect(!reasons.isEmpty && reasons.allSatisfy { !$0.trimmingCharacters(in: .whitespaces).hasSuffix(":") }, "\(context)")
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["PFTLS_CORPUS"] == nil))
    func crlfFilesStayCRLFAndAMissingFinalNewlineStaysMissing() throws {
        let crlf = try CorpusInstance(pair: "blunderer-debian9-stock") { $0.replacingOccurrences(of: "\n", with: "\r\n") }
        let (crlfRun, _) = try run(crlf, live: false)
        #expect(crlfRun.result.status == 0, "\(crlfRun.result.all)")
        for (name, data) in crlf.configFiles() {
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.contains("smtpd_tls_chain_files = ") || name == "master.cf")
            #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "\(name): a bare LF after the edit")
        }
        let open = try CorpusInstance(pair: "nutratech-ubuntu2204") { String($0.dropLast()) }
        let (openRun, _) = try run(open, live: false)
        #expect(openRun.result.status == 0, "\(openRun.result.all)")
        for (name, data) in open.configFiles() {
            #expect(data.last != UInt8(ascii: "\n"), "\(name) gained a final newline")
        }
        #expect(String(decoding: open.configFiles()["main.cf"]!, as: UTF8.self).contains("smtpd_tls_chain_files = "))
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["PFTLS_CORPUS"] == nil))
    func everyPairCarriesItsSourceAndThereAreAtLeastTwelve() throws {
        #expect(CorpusInstance.pairNames.count >= 12)
        for pair in CorpusInstance.pairNames {
            let source = try String(contentsOfFile: CorpusInstance.corpusDirectory + "/pairs/\(pair)/SOURCE", encoding: .utf8)
            for field in ["repository:", "path:", "commit:", "covers:", "changes:"] {
                #expect(source.contains(field), "\(pair)/SOURCE lacks \(field)")
            }
        }
    }
}
