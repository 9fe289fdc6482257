import PftlsCore

/// Step 1: the directory for the key and certificate files.
public struct DirectoryStepState {
    public var field: TextField
    /// Findings for `checkedPath`, as the last check (an effect) reported them.
    public private(set) var findings: [Finding] = []
    /// The path the findings are for; the field may have changed since.
    public private(set) var checkedPath: String?

    init(initial: String) { field = TextField(initial) }

    /// True when the findings are for the path in the field.
    var isChecked: Bool { checkedPath == field.value }

    /// Takes a check's result, unless the field has changed since it was asked for.
    mutating func received(findings: [Finding], for path: String) {
        guard path == field.value else { return }
        self.findings = findings
        checkedPath = path
    }

    /// The directory rules of the core, for `path` (run as an effect: a few stat calls).
    static func check(_ path: String, fileSystem: FileSystem, trustedOwner: UInt32) -> [Finding] {
        DirectorySafety(fileSystem: fileSystem, trustedOwner: trustedOwner).check(path)
    }

    /// The completion of `value`'s last component among the directories of its parent
    /// (Tab), or nil when there is none (run as an effect: it lists a directory).
    static func completion(of value: String, fileSystem: FileSystem) -> String? {
        guard let slash = value.lastIndex(of: "/") else { return nil }
        let parent = slash == value.startIndex ? "/" : String(value[..<slash])
        let prefix = String(value[value.index(after: slash)...])
        guard let names = try? fileSystem.contentsOfDirectory(parent) else { return nil }
        let candidates = names.filter { $0.hasPrefix(prefix) && !$0.hasPrefix(".") }
            .filter { (try? fileSystem.statusFollowingLinks(of: parent == "/" ? "/" + $0 : parent + "/" + $0))??.kind == .directory }
            .sorted()
        guard let first = candidates.first else { return nil }
        var common = first
        for candidate in candidates.dropFirst() {
            while !candidate.hasPrefix(common) { common.removeLast() }
        }
        let base = parent == "/" ? "/" : parent + "/"
        return base + common + (candidates.count == 1 ? "/" : "")
    }

    var state: StepState {
        guard isChecked else { return .pending }
        if findings.hasErrors { return .errors }
        return findings.contains { $0.severity == .warning } ? .warnings : .done
    }
}
