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
        var findings: [Finding] = []
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
                    findings.append(Finding(.unsafeDirectory, .error, file: directory,
                        message: "\(display) is writable by \(status.isWritableByOthers ? "everyone" : "its group") (mode \(String(status.permissions, radix: 8)))",
                        hint: "Run `chmod go-w \(display)`: anyone who can write there can replace the key."))
                }
            }
        } else {
            findings.append(Finding(.directoryCreated, .info, file: directory, message: "\(display) does not exist yet",
                                    hint: "pftls creates it owned by root with mode 0755."))
        }
        ancestors.removeFirst() // the directory itself, handled above
        for parent in ancestors {
            guard let parentStatus = try? fileSystem.statusFollowingLinks(of: parent) else { continue }
            if parentStatus.isWritableByOthers && !parentStatus.isSticky {
                findings.append(Finding(.unsafeDirectory, .error, file: directory,
                    message: "\(display) lies under \(SafeText.escape(parent)), which everyone may write to (mode \(String(parentStatus.permissions, radix: 8)), no sticky bit)",
                    hint: "Run `chmod o-w \(SafeText.escape(parent))`, or choose a directory under /etc."))
            }
        }
        return findings
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
