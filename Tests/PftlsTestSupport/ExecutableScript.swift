import Foundation

/// A shell script a test runs at once: a stand-in for postfix, postmap, sendmail or pftls.
///
/// Foundation's writes open their file without O_CLOEXEC. A process that another test
/// starts meanwhile (the suites run side by side in one process) inherits the file open
/// for writing and keeps it across its exec, and running the script then fails with
/// ETXTBSY (the shell's exit 126) for as long as that process lives. Here the script is
/// written through a descriptor opened with O_CLOEXEC under a name of its own, made
/// executable, and renamed into place.
package enum ExecutableScript {
    /// Writes `text` to `path` (mode 0755), replacing what is there; returns `path`.
    @discardableResult
    package static func write(_ text: String, to path: String) throws -> String {
        let temporary = path + ".writing-" + UUID().uuidString
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o700)
        guard descriptor >= 0 else { throw failure(temporary) }
        var rest = Array(text.utf8)[...]
        while !rest.isEmpty {
            let count = rest.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                let error = failure(temporary)
                close(descriptor)
                unlink(temporary)
                throw error
            }
            rest = rest.dropFirst(count)
        }
        guard close(descriptor) == 0, chmod(temporary, 0o755) == 0, rename(temporary, path) == 0 else {
            let error = failure(temporary)
            unlink(temporary)
            throw error
        }
        return path
    }

    private static func failure(_ path: String) -> Shell.Failure {
        Shell.Failure(description: "\(path): \(String(cString: strerror(errno)))")
    }
}
