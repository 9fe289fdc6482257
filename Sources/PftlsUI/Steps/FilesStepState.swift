import PftlsCore

/// Step 2: a file browser in the manner of dialog's fselect, and the key /
/// certificate / intermediates assignment with the engine's findings.
public struct FilesStepState {
    /// Which part of the screen has the keyboard.
    public enum Focus: Int, CaseIterable { case directories, files, path, next }

    public var focus: Focus = .files
    public var listing: DirectoryListing?
    public var directoryCursor = ListCursor()
    public var fileCursor = ListCursor()
    public var pathField = TextField()
    /// Detected kinds by path, filled in as they arrive.
    public var kinds: [String: BrowserFile] = [:]
    /// Paths whose kind was asked for and has not arrived yet.
    public var pending: Set<String> = []
    public var assignment = FileAssignment()
    /// The last inspection that arrived; it answers `inspection.assignment`, which may
    /// no longer be the files to inspect (see `WizardModel.currentInspection`).
    public var inspection: FilesInspection?
    /// The files whose inspection was asked for and has not arrived yet.
    public var checking: FileAssignment?
    /// Typed prefix for jump-to-name, reset when the cursor moves by arrows.
    public var typeahead = ""

    /// Rows of the file and directory lists.
    static let listRows = 9

    var currentDirectory: String { listing?.path ?? "/" }

    func path(of name: String) -> String { currentDirectory == "/" ? "/" + name : currentDirectory + "/" + name }

    /// The highlighted file's full path.
    var selectedFile: String? {
        guard let files = listing?.files, fileCursor.selected < files.count else { return nil }
        return path(of: files[fileCursor.selected])
    }

    /// Files shown now whose kind is unknown and not yet asked for.
    mutating func unclassifiedVisible() -> [String] {
        guard let files = listing?.files else { return [] }
        let wanted = fileCursor.visible(count: files.count, rows: Self.listRows).map { path(of: files[$0]) }
            .filter { kinds[$0] == nil && !pending.contains($0) }
        pending.formUnion(wanted)
        return wanted
    }

    /// Assigns a file to the part its detected kind suggests.
    mutating func assignByKind(_ path: String) {
        guard let kind = kinds[path]?.kind else { return }
        switch kind {
        case .key, .encryptedKey: assignment.key = path
        case .certificate, .chain, .keyAndCertificates, .pkcs12: assignment.certificate = path
        case .caCertificate, .rootCA: toggleIntermediate(path)
        case .csr, .notKeyOrCertificate, .unknown: break
        }
    }

    mutating func toggleIntermediate(_ path: String) {
        if let index = assignment.intermediates.firstIndex(of: path) { assignment.intermediates.remove(at: index) }
        else { assignment.intermediates.append(path) }
    }

    /// Suggests an assignment from the kinds of all files in the directory:
    /// the key file, the single certificate, other certificates as intermediates.
    mutating func suggest() {
        guard let files = listing?.files.map(path(of:)), assignment.paths.isEmpty else { return }
        let keys = files.filter { kinds[$0]?.kind.isKey == true }
        let bundles = files.filter { kinds[$0]?.kind.isBundle == true }
        let leaves = files.filter { kinds[$0]?.kind == .certificate }
        if keys.count == 1 { assignment.key = keys[0] }
        if leaves.count == 1 { assignment.certificate = leaves[0] } else if leaves.isEmpty, let bundle = bundles.first { assignment.certificate = bundle }
        // Intermediates are the CA certificates that are not self-signed roots.
        assignment.intermediates = files.filter { kinds[$0]?.kind == .caCertificate }
    }

    /// The errors that block Next; the passphrase step handles a missing passphrase.
    var blockingErrors: [Finding] {
        guard let inspection else { return [] }
        return inspection.findings.filter { $0.severity == .error && $0.code != .passphraseRequired }
    }

    /// The step bar's state, given the inspection of the files to inspect now (nil while
    /// it is on its way).
    func state(current: FilesInspection?) -> StepState {
        guard let current else { return .pending }
        if !blockingErrors.isEmpty { return .errors }
        return current.findings.contains { $0.severity == .warning } ? .warnings : .done
    }
}
