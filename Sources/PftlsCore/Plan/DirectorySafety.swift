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
    public func check(_ directory: String) -> [Finding] {
        let display = SafeText.escape(directory)
        guard directory.hasPrefix("/") else {
            return [Finding(.unsafeDirectory, .error, file: directory, message: "\(display) is not an absolute path",
                            hint: "Give the full path, e.g. /etc/postfix/tls.")]
        }
        if let problem = Self.pathProblem(directory) {
            return [Finding(.unsafeDirectory, .error, file: directory, message: "\(display) \(problem)",
                            hint: "Choose a directory whose path has no spaces, commas, $ or control characters, e.g. /etc/postfix/tls.")]
        }
        var findings: [Finding] = symbolicLinkFindings(directory)
        var ancestors = Self.ancestors(of: directory)
        let status: FileStatus?
        do { status = try fileSystem.statusFollowingLinks(of: directory) } catch {
            return [Finding(.unsafeDirectory, .error, file: directory, message: error.reason, hint: "Choose a directory you can read.")]
        }
        if let status {
            if status.kind != .directory {
                findings.append(Finding(.unsafeDirectory, .error, file: directory, message: "\(display) exists and is not a directory",
                                        hint: "Choose a directory, e.g. /etc/postfix/tls."))
            } else {
                if status.ownerID != trustedOwner {
                    findings.append(Finding(.unsafeDirectory, .error, file: directory,
                        message: "\(display) is owned by uid \(status.ownerID), not root",
                        hint: "Run `chown root:root \(display)`, or choose a root-owned directory such as /etc/postfix."))
                }
                if status.isWritableByGroupOrOthers {
                    // A shared directory such as /tmp is not to be tightened: choose another.
                    let shared = status.isSticky || status.ownerID != trustedOwner
                    findings.append(Finding(.unsafeDirectory, .error, file: directory,
                        message: "\(display) is writable by \(status.isWritableByOthers ? "everyone" : "its group") (mode \(String(status.permissions, radix: 8)))",
                        hint: shared ? "It is a shared directory: choose another one for the key, e.g. /etc/postfix/tls."
                            : "Run `chmod go-w \(display)`: anyone who can write there can replace the key."))
                }
            }
        } else {
            findings.append(Finding(.directoryCreated, .info, file: directory, message: "\(display) does not exist yet",
                                    hint: "pftls creates it owned by root with mode 0755."))
        }
        ancestors.removeFirst() // the directory itself, handled above
        for parent in ancestors {
            guard let parentStatus = try? fileSystem.statusFollowingLinks(of: parent) else { continue }
            let shownParent = SafeText.escape(parent)
            let stickyRoot = parentStatus.isSticky && parentStatus.ownerID == 0
            if parentStatus.ownerID != 0 && parentStatus.ownerID != trustedOwner {
                findings.append(Finding(.unsafeDirectory, .error, file: directory,
                    message: "\(display) lies under \(shownParent), which belongs to uid \(parentStatus.ownerID): that user can rename the directory and put another in its place",
                    hint: "Choose a directory whose parents all belong to root, e.g. /etc/postfix/tls."))
            } else if parentStatus.isWritableByGroupOrOthers && !stickyRoot {
                findings.append(Finding(.unsafeDirectory, .error, file: directory,
                    message: "\(display) lies under \(shownParent), which \(parentStatus.isWritableByOthers ? "everyone" : "its group") may write to (mode \(String(parentStatus.permissions, radix: 8))\(parentStatus.isSticky ? "" : ", no sticky bit"))",
                    hint: "Run `chmod go-w \(shownParent)`, or choose a directory under /etc."))
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
                    message: "The Postfix configuration directory: \(finding.message)",
                    hint: "Postfix reads main.cf and master.cf from it as root: make it and its parents root's and not writable by others (`chown root:root`, `chmod go-w`), then run pftls again.")
        }
    }

    /// Why Postfix could not use `path` in a list setting such as `smtpd_tls_chain_files`
    /// (it splits on whitespace and commas and expands `$`), or nil.
    static func pathProblem(_ path: String) -> String? {
        if path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }) {
            return "contains control characters"
        }
        if path.contains(where: { $0.isWhitespace }) { return "contains whitespace, which Postfix reads as the end of the file name" }
        if path.contains(",") { return "contains a comma, which Postfix reads as a list separator" }
        if path.contains("$") { return "contains $, which Postfix expands as a parameter" }
        return nil
    }

    /// A symbolic link in the path that is not root's: its owner could re-point it later.
    private func symbolicLinkFindings(_ directory: String) -> [Finding] {
        Self.ancestors(of: directory).compactMap { path in
            guard let status = try? fileSystem.status(of: path), status.kind == .symbolicLink,
                  status.ownerID != 0, status.ownerID != trustedOwner else { return nil }
            return Finding(.unsafeDirectory, .error, file: directory,
                message: "\(SafeText.escape(path)) is a symbolic link owned by uid \(status.ownerID): that user can point it elsewhere later",
                hint: "Use the real directory path (`realpath`), and make sure root owns every link on the way.")
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
