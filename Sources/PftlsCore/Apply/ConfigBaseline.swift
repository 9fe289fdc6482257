import FoundationEssentials
import Glibc

/// What Postfix says about the configuration as it is, before pftls changes anything:
/// the warnings postconf gives on main.cf and master.cf, and the verdict of `postfix check`.
///
/// Problems that are already there are reported, not held against the change: the
/// staged copy is refused only for complaints this baseline does not have. A config
/// that already fails `postfix check` is refused before anything is written, with
/// Postfix's own words.
public struct ConfigBaseline: Sendable {
    /// The configuration directory that was read.
    public let configDirectory: String
    /// What postconf complained about (the warnings of `-n` and `-M`: any question reads both
    /// files), without repeats, as `PostfixComplaint.lines` gives them.
    public let postconfComplaints: [PostfixComplaint]
    /// The warnings `postfix check` printed when it passed.
    public let checkComplaints: [PostfixComplaint]
    /// Postfix's words when `postfix check` failed; nil when it passed or was not run.
    public let checkFailure: String?

    /// Creates a baseline by hand (tests).
    public init(configDirectory: String, postconfComplaints: [PostfixComplaint], checkComplaints: [PostfixComplaint], checkFailure: String?) {
        self.configDirectory = configDirectory
        self.postconfComplaints = postconfComplaints
        self.checkComplaints = checkComplaints
        self.checkFailure = checkFailure
    }

    /// Reads the baseline of the instance `installation` describes; nil when Postfix is not
    /// installed. postconf's complaints come with the configured values (`ConfigQuery`),
    /// so they cost no question of their own. `runCheck` false skips `postfix check` (dry
    /// runs, which write nothing); the demo sandbox is checked only where `postfix check`
    /// stays inside it (`DemoSandboxSeal`).
    public static func read(_ installation: PostfixInstallation, processes: ProcessRunner, runCheck: Bool = true) -> ConfigBaseline? {
        let configDirectory = installation.configDirectory
        guard installation.version != nil, installation.configured.answered else { return nil }
        let complaints = installation.configured.complaints
        var checkComplaints: [PostfixComplaint] = []
        var failure: String?
        if runCheck, DemoSandboxSeal.allowsPostfixCheck(configDirectory, processes: processes),
           let result = PostfixCommand(processes: processes).run(configDirectory) {
            checkComplaints = PostfixComplaint.lines(of: result.messages, directory: configDirectory, configDirectory: configDirectory)
            failure = result.passed ? nil : result.reason
        }
        return ConfigBaseline(configDirectory: configDirectory, postconfComplaints: complaints,
                              checkComplaints: failure == nil ? checkComplaints : [], checkFailure: failure)
    }

    /// What postconf writes to standard error about the files in `directory`, with
    /// `directory` named as `configDirectory`; nil when postconf is not installed.
    static func postconfComplaints(of directory: String, reportedAs configDirectory: String,
                                   processes: ProcessRunner) -> [PostfixComplaint]? {
        let query = ConfigQuery.ask(configDirectory: directory, reportedAs: configDirectory, processes: processes)
        return query.answered ? query.complaints : nil
    }

    /// Complaints in `staged` that the current configuration does not already have.
    public func newComplaints(_ staged: [PostfixComplaint]) -> [PostfixComplaint] {
        let known = Set(postconfComplaints.map(\.identity))
        return staged.filter { !known.contains($0.identity) }
    }

    /// The baseline as findings: `existing-config-warning` for each complaint, and
    /// `postfix-check-failed` (an error) when `postfix check` fails before any change.
    /// Many complaints of one kind (a file with thousands of unused parameters) become
    /// one finding with the count and the first examples.
    public var findings: [Finding] { findings(repairing: []) }

    /// The baseline as findings, for a plan that repairs `repairs` (the codes of the damage
    /// it mends): a current configuration that fails `postfix check` is then a warning, not
    /// an error, because the repaired copy is checked by `postfix check` before anything is
    /// written, and refused there if it still fails.
    public func findings(repairing repairs: [String]) -> [Finding] {
        var findings: [Finding] = []
        // postconf's complaints come without repeats; `postfix check` may repeat one of them.
        let fromPostconf = Set(checkComplaints.isEmpty ? [] : postconfComplaints.map(\.identity))
        let fromCheck = checkComplaints.filter { !fromPostconf.contains($0.identity) }
        // Per kind, in the order kinds first appear: how many, and the first few to list.
        var groups: [(count: Int, first: [PostfixComplaint])] = []
        var groupOfKind: [PostfixComplaint.Kind: Int] = [:]
        for complaint in [postconfComplaints, fromCheck].joined() {
            let kind = complaint.kind
            if groupOfKind[kind] == nil {
                groupOfKind[kind] = groups.count
                groups.append((0, []))
            }
            let group = groupOfKind[kind]!
            groups[group].count += 1
            if groups[group].first.count < Self.listedPerKind { groups[group].first.append(complaint) }
        }
        for group in groups {
            if group.count <= Self.listedPerKind {
                findings += group.first.map(finding(for:))
                continue
            }
            let examples = group.first.map { SafeText.escape($0.detail) }.joined(separator: "; ")
            let first = group.first[0]
            findings.append(Finding(.existingConfigWarning, .warning, file: first.file ?? configDirectory,
                message: Catalog.text("baseline.many.message", ["count": "\(group.count)", "file": SafeText.escape(first.file ?? configDirectory),
                                                                "examples": examples]),
                hint: Catalog.text("baseline.many.hint")))
        }
        if let failure = checkFailure, !repairs.isEmpty {
            findings.append(Finding(.postfixCheckFailed, .warning, file: configDirectory,
                message: Catalog.text("finding.postfixCheckFailed.repaired", ["configDirectory": SafeText.escape(configDirectory),
                                                                              "failure": SafeText.escape(failure),
                                                                              "repairs": repairs.joinedAsList()]),
                hint: Catalog.text("finding.postfixCheckFailed.repaired-hint")))
        } else if let failure = checkFailure {
            findings.append(Finding(.postfixCheckFailed, .error, file: configDirectory,
                message: Catalog.text("finding.postfixCheckFailed.message", ["configDirectory": "\(SafeText.escape(configDirectory))", "failure": "\(SafeText.escape(failure))"]),
                hint: Catalog.text("finding.postfixCheckFailed.hint")))
        }
        return findings
    }

    /// Complaints of one kind listed one by one; more become one finding.
    static let listedPerKind = 3

    private func finding(for complaint: PostfixComplaint) -> Finding {
        let place = complaint.file.map { file in SafeText.escape(file) + (complaint.line.map { Catalog.text("baseline.line", ["line": "\($0)"]) } ?? "") }
        return Finding(.existingConfigWarning, .warning, file: complaint.file ?? configDirectory,
            message: Catalog.text("finding.existingConfigWarning.message", ["text": "\(SafeText.escape(complaint.text))"]),
            hint: place.map { Catalog.text("baseline.fix-when-convenient", ["place": $0]) }
                ?? Catalog.text("check.baseline.leftAlone"))
    }
}
