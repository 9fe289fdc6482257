/// Checks that a certificate directory cannot be changed by ordinary users:
/// owned by root, not writable by group or others, and every parent either
/// not writable by others or sticky (like /tmp).
public struct DirectorySafety {
    let fileSystem: FileSystem
    /// The owner that counts as safe: root, or the invoking user in the demo sandbox.
    let trustedOwner: UInt32

    /// Uses `fileSystem` for every lookup; `trustedOwner` is the uid that may own the directory.
    public init(fileSystem: FileSystem, trustedOwner: UInt32 = 0) {
        self.fileSystem = fileSystem
        self.trustedOwner = trustedOwner
    }

    /// Findings for `directory`: errors when unsafe, info when it will be created.
    /// `forPostfix` false skips the characters Postfix cannot take in a path (a backup
    /// directory is never named in its configuration).
    public func check(_ directory: String, forPostfix: Bool = true) -> [Finding] {
        let display = SafeText.escape(directory)
        guard directory.hasPrefix("/") else {
            let message = directory.isEmpty ? Catalog.text("finding.unsafeDirectory.empty") : Catalog.text("finding.unsafeDirectory.message", ["display": display])
            return [Finding(.unsafeDirectory, .error, file: directory, message: message,
                            hint: Catalog.text("finding.unsafeDirectory.hint"))]
        }
        if forPostfix, let problem = Self.pathProblem(directory) {
            return [Finding(.unsafeDirectory, .error, file: directory, message: "\(display) \(problem)",
                            hint: Catalog.text("finding.unsafeDirectory.badCharactersHint"))]
        }
        var findings: [Finding] = symbolicLinkFindings(directory)
        // The files are written through a descriptor of the directory itself, never through
        // a link: a directory given as a link (even root's) is refused here, not at the write.
        if findings.isEmpty, ((try? fileSystem.status(of: directory)) ?? nil)?.kind == .symbolicLink {
            let real = fileSystem.resolvedPath(directory).map(SafeText.escape) ?? "?"
            return [Finding(.unsafeDirectory, .error, file: directory,
                            message: Catalog.text("finding.unsafeDirectory.link", ["display": display, "target": real]),
                            hint: Catalog.text("finding.unsafeDirectory.link-hint", ["target": real]))]
        }
        let status: FileStatus?
        do { status = try fileSystem.statusFollowingLinks(of: directory) } catch {
            return [Finding(.unsafeDirectory, .error, file: directory, message: error.reason, hint: Catalog.text("finding.unsafeDirectory.unreadableHint"))]
        }
        if let status {
            if status.kind != .directory {
                findings.append(Finding(.unsafeDirectory, .error, file: directory, message: Catalog.text("finding.unsafeDirectory.notDirectory", ["display": "\(display)"]),
                                        hint: Catalog.text("finding.unsafeDirectory.notDirectoryHint")))
            } else {
                if status.ownerID != trustedOwner {
                    findings.append(Finding(.unsafeDirectory, .error, file: directory,
                        message: Catalog.text("finding.unsafeDirectory.notRootOwned", ["display": "\(display)", "ownerID": "\(status.ownerID)"]),
                        hint: Catalog.text("finding.unsafeDirectory.notRootOwnedHint", ["display": "\(display)"])))
                }
                if status.isWritableByGroupOrOthers {
                    // A shared directory such as /tmp is not to be tightened: choose another.
                    let shared = status.isSticky || status.ownerID != trustedOwner
                    findings.append(Finding(.unsafeDirectory, .error, file: directory,
                        message: Catalog.text("finding.unsafeDirectory.writable", ["display": "\(display)", "who": (status.isWritableByOthers ? Catalog.text("directory.everyone") : Catalog.text("directory.its-group")), "mode": "\(String(status.permissions, radix: 8))"]),
                        hint: shared ? Catalog.text("directory.sharedHint")
                            : Catalog.text("directory.chmodHint", ["display": "\(display)"])))
                }
            }
        } else {
            findings.append(Finding(.directoryCreated, .info, file: directory, message: Catalog.text("finding.directoryCreated.message", ["display": "\(display)"]),
                                    hint: Catalog.text("finding.directoryCreated.hint")))
        }
        for parent in realParents(of: directory, exists: status != nil) {
            guard let parentStatus = try? fileSystem.statusFollowingLinks(of: parent) else { continue }
            let shownParent = SafeText.escape(parent)
            let stickyRoot = parentStatus.isSticky && parentStatus.ownerID == 0
            if parentStatus.ownerID != 0 && parentStatus.ownerID != trustedOwner {
                findings.append(Finding(.unsafeDirectory, .error, file: directory,
                    message: Catalog.text("finding.unsafeDirectory.parentOwnedByUser", ["display": "\(display)", "shownParent": "\(shownParent)", "ownerID": "\(parentStatus.ownerID)"]),
                    hint: Catalog.text("finding.unsafeDirectory.parentOwnedByUserHint")))
            } else if parentStatus.isWritableByGroupOrOthers && !stickyRoot {
                findings.append(Finding(.unsafeDirectory, .error, file: directory,
                    message: Catalog.text("finding.unsafeDirectory.parentWritable", ["display": "\(display)", "shownParent": "\(shownParent)", "who": (parentStatus.isWritableByOthers ? Catalog.text("directory.everyone") : Catalog.text("directory.its-group")), "mode": "\(String(parentStatus.permissions, radix: 8))", "sticky": (parentStatus.isSticky ? "" : Catalog.text("directory.no-sticky-bit"))]),
                    hint: Catalog.text("finding.unsafeDirectory.parentWritableHint", ["shownParent": "\(shownParent)"])))
            }
        }
        return findings
    }

    /// Findings for the Postfix configuration directory: whoever can change main.cf or
    /// master.cf can point Postfix at another key, so the same rules apply as for the
    /// certificate directory (root's, not writable by group or others, parents too).
    public func checkConfigDirectory(_ directory: String) -> [Finding] {
        check(directory).filter { $0.severity == .error }.map { finding in
            Finding(.unsafeConfigDirectory, .error, file: directory,
                    message: Catalog.text("finding.unsafeConfigDirectory.message", ["message": "\(finding.message)"]),
                    hint: Catalog.text("finding.unsafeConfigDirectory.hint"))
        }
    }

    /// Why Postfix could not use `path` in a list setting such as `smtpd_tls_chain_files`
    /// (it splits on whitespace and commas and expands `$`), or nil.
    static func pathProblem(_ path: String) -> String? {
        if path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }) {
            return Catalog.text("directory.name.controlCharacters")
        }
        if path.contains(where: { $0.isWhitespace }) { return Catalog.text("directory.name.whitespace") }
        if path.contains(",") { return Catalog.text("directory.name.comma") }
        if path.contains("$") { return Catalog.text("directory.name.dollar") }
        return nil
    }

    /// The directories `directory` really lies in, deepest first: the parents of its real path
    /// (or, for one still to be made, the real path of the nearest directory above it that
    /// exists, and that one's parents), so that a link on the way, even root's, does not hide
    /// where the files go. As the write walks them (`DirectoryPins`).
    private func realParents(of directory: String, exists: Bool) -> [String] {
        let candidates = Self.ancestors(of: directory)
        guard let nearest = candidates.first(where: { ((try? fileSystem.status(of: $0)) ?? nil) != nil }),
              let real = fileSystem.resolvedPath(nearest) else { return Array(candidates.dropFirst()) }
        let parents = Self.ancestors(of: real)
        return nearest == directory && exists ? Array(parents.dropFirst()) : parents
    }

    /// A symbolic link in the path that is not root's: its owner could re-point it later.
    private func symbolicLinkFindings(_ directory: String) -> [Finding] {
        Self.ancestors(of: directory).compactMap { path in
            guard let status = try? fileSystem.status(of: path), status.kind == .symbolicLink,
                  status.ownerID != 0, status.ownerID != trustedOwner else { return nil }
            return Finding(.unsafeDirectory, .error, file: directory,
                message: Catalog.text("finding.unsafeDirectory.symlinkOwnedByUser", ["path": "\(SafeText.escape(path))", "ownerID": "\(status.ownerID)"]),
                hint: Catalog.text("finding.unsafeDirectory.symlinkHint"))
        }
    }

    /// The path and each of its parents, deepest first, up to "/".
    static func ancestors(of path: String) -> [String] {
        var result: [String] = []
        var current = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        while true {
            result.append(current)
            guard current != "/", let slash = current.lastIndex(of: "/") else { break }
            current = slash == current.startIndex ? "/" : String(current[..<slash])
        }
        return result
    }
}
