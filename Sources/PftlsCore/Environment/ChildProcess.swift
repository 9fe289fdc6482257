import CSystemShim
#if canImport(Glibc)
import Glibc
#endif

/// A program started with posix_spawn and waited for with waitpid: no polling, so a
/// command that takes 3 ms costs 3 ms (Foundation's `Process.waitUntilExit` checks
/// every 50 ms on Linux). The child starts with no signal blocked and every signal at
/// its default, whatever the caller blocks or ignores.
struct ChildProcess {
    let pid: pid_t

    /// Starts `executable` with standard input from `input` (a descriptor read from its
    /// start; nil: /dev/null) and standard output and error on the given descriptors, which
    /// the child gets as 1 and 2. The caller's copies of `output` and `error` are closed,
    /// started or not: the child holds them.
    init(_ executable: String, _ arguments: [String], input: Int32? = nil, output: Int32, error: Int32) throws(SpawnFailure) {
        defer {
            close(output)
            if error != output { close(error) }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let input {
            posix_spawn_file_actions_adddup2(&actions, input, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, error, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, &attributes, argv, environ)
        guard result == 0 else { throw SpawnFailure(program: executable, code: result) }
        pid = child
    }

    /// Waits for the child to end; its exit status, or 128 + the signal that ended it.
    func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return 127 }
        }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// True once the child has ended; it is left to `wait` to collect.
    var hasEnded: Bool {
        var info = siginfo_t()
        return waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info._sifields._sigchld.si_pid != 0
    }

    /// Reads `descriptors` until each reaches end of file (or `stop` says so), in one
    /// thread, so that neither pipe can fill up and stall the child. `limit` caps what
    /// is kept per descriptor.
    static func drain(_ descriptors: [Int32], limit: Int = 64 << 20) -> [[UInt8]] {
        var collected = Array(repeating: [UInt8](), count: descriptors.count)
        var open = descriptors.map { _ in true }
        var buffer = [UInt8](repeating: 0, count: 65536)
        while open.contains(true) {
            var polled = descriptors.enumerated().map { index, fd in pollfd(fd: open[index] ? fd : -1, events: Int16(POLLIN), revents: 0) }
            if poll(&polled, nfds_t(polled.count), -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            for index in polled.indices where open[index] && polled[index].revents != 0 {
                let count = read(descriptors[index], &buffer, buffer.count)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { open[index] = false; continue }
                if collected[index].count < limit { collected[index] += buffer[0..<count] }
            }
        }
        return collected
    }

    /// An unnamed file in TMPDIR (else /tmp), closed on exec, for a child's output that is
    /// read only once the child has ended. Where O_TMPFILE is unsupported, a file made with
    /// mkstemp and removed at once.
    static func unnamedFile() throws(SpawnFailure) -> Int32 {
        let directory = ProcessEnvironment.value("TMPDIR") ?? "/tmp"
        let descriptor = open(directory, O_RDWR | AtomicFileWriter.O_TMPFILE_FLAG | O_CLOEXEC, 0o600)
        if descriptor >= 0 { return descriptor }
        var template = Array((directory + "/pftls-output-XXXXXX").utf8CString)
        let named = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard named >= 0 else { throw SpawnFailure(program: "mkstemp", code: errno) }
        _ = fcntl(named, F_SETFD, FD_CLOEXEC)
        unlink(String(cString: template))
        return named
    }

    /// What `descriptor` holds from its start, up to `limit` bytes.
    static func readWhole(_ descriptor: Int32, limit: Int = 64 << 20) -> [UInt8] {
        var collected: [UInt8] = []
        var info = stat()
        if fstat(descriptor, &info) == 0, info.st_size > 0 { collected.reserveCapacity(min(Int(info.st_size), limit)) }
        var buffer = [UInt8](repeating: 0, count: 65536)
        var offset: off_t = 0
        while collected.count < limit {
            let count = pread(descriptor, &buffer, buffer.count, offset)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            collected += buffer[0..<count]
            offset += off_t(count)
        }
        return collected
    }

    /// A pipe whose ends are closed on exec: (read, write).
    static func pipe() throws(SpawnFailure) -> (Int32, Int32) {
        var ends: [Int32] = [-1, -1]
        guard pftls_pipe_cloexec(&ends) == 0 else { throw SpawnFailure(program: "pipe", code: errno) }
        return (ends[0], ends[1])
    }
}

/// A program could not be started.
struct SpawnFailure: Error, CustomStringConvertible {
    let program: String
    let code: Int32
    var description: String { "\(program): \(String(cString: strerror(code)))" }
}
