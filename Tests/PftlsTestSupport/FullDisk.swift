import Foundation

/// A small tmpfs mounted over a directory and filled to the last byte, to meet
/// "No space left on device" for real. Needs root and the right to mount (as
/// `ip netns` for the corpus does); `available` says whether this machine allows it.
package final class FullDisk {
    package let path: String

    /// True when a tmpfs can be mounted here.
    package static let available: Bool = {
        guard getuid() == 0, let probe = try? FullDisk(at: "/var/tmp/pftls-fulldisk-probe-\(getpid())", free: 0) else { return false }
        _ = probe
        return true
    }()

    /// Mounts a 256 KiB tmpfs on `path` (created, mode 0755), lets `populate` put files
    /// on it, then fills it so that only about `free` bytes (whole 4 KiB pages) remain.
    package init(at path: String, free: Int, populate: (String) throws -> Void = { _ in }) throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        chmod(path, 0o755)
        let mount = Shell.run("mount", ["-t", "tmpfs", "-o", "size=256k,mode=0755", "tmpfs", path])
        guard mount.status == 0 else {
            rmdir(path)
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSLocalizedDescriptionKey: "mount: \(mount.all)"])
        }
        try populate(path)
        let filler = open(path + "/filler", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let block = [UInt8](repeating: 0x5A, count: 4096)
        while Glibc.write(filler, block, block.count) > 0 {}
        while Glibc.write(filler, block, 1) > 0 {}
        if free > 0 {
            var info = stat()
            fstat(filler, &info)
            ftruncate(filler, max(0, info.st_size - off_t(free)))
        }
        close(filler)
    }

    deinit {
        _ = Shell.run("umount", ["-l", path])
        rmdir(path)
    }
}
