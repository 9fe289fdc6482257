import PftlsCore

/// Step 1: the directory for the key and certificate files.
public struct DirectoryStepState {
    public var field: TextField
    /// Findings for the current path (recomputed on every edit: a few stat calls).
    public private(set) var findings: [Finding] = []

    init(initial: String) { field = TextField(initial) }

    /// Re-checks the path with the core's directory rules.
    mutating func validate(fileSystem: FileSystem, trustedOwner: UInt32) {
        findings = DirectorySafety(fileSystem: fileSystem, trustedOwner: trustedOwner).check(field.value)
    }

    /// Completes the last path component from the directory's entries (Tab).
    mutating func complete(fileSystem: FileSystem) {
        let value = field.value
        guard let slash = value.lastIndex(of: "/") else { return }
        let parent = slash == value.startIndex ? "/" : String(value[..<slash])
        let prefix = String(value[value.index(after: slash)...])
        guard let names = try? fileSystem.contentsOfDirectory(parent) else { return }
        let candidates = names.filter { $0.hasPrefix(prefix) && !$0.hasPrefix(".") }
            .filter { (try? fileSystem.statusFollowingLinks(of: parent == "/" ? "/" + $0 : parent + "/" + $0))??.kind == .directory }
            .sorted()
        guard let first = candidates.first else { return }
        var common = first
        for candidate in candidates.dropFirst() {
            while !candidate.hasPrefix(common) { common.removeLast() }
        }
        let base = parent == "/" ? "/" : parent + "/"
        field.set(base + common + (candidates.count == 1 ? "/" : ""))
    }

    var state: StepState {
        if findings.hasErrors { return .errors }
        return findings.contains { $0.severity == .warning } ? .warnings : .done
    }
}
