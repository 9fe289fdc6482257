import Foundation

/// Starts programs with posix_spawn, output discarded. Foundation's Process can
/// wait forever on a client that daemonizes (tmux new-session), and cannot put a
/// child in its own process group.
package enum Spawn {
    /// Starts `program`; with `ownGroup` the child leads a new process group (pid = group id).
    /// Its standard input is `/dev/null`, or the descriptor `input` when given.
    /// Only an end-to-end test may (`EndToEnd.requireTag`).
    package static func start(_ program: String, _ arguments: [String], ownGroup: Bool = false, output: String = "/dev/null",
                              input: Int32? = nil) throws -> pid_t {
        EndToEnd.requireTag(starting: program)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Test threads may block signals (Dispatch workers do); children start with none blocked.
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var flags = Int16(POSIX_SPAWN_SETSIGMASK)
        if ownGroup {
            flags |= Int16(POSIX_SPAWN_SETPGROUP)
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        posix_spawnattr_setflags(&attributes, flags)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let input {
            posix_spawn_file_actions_adddup2(&actions, input, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Standard error goes where standard output goes.
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // pftls keeps its deploy ledger in the tests' state directory, never the machine's (`Pftls.stateDirectory`).
        var variables: [String] = []
        var index = 0
        while let entry = environ[index] {
            variables.append(String(cString: entry))
            index += 1
        }
        if !variables.contains(where: { $0.hasPrefix("PFTLS_STATE_DIR=") }) { variables.append("PFTLS_STATE_DIR=" + Pftls.stateDirectory) }
        let envp = variables.map { strdup($0) } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, program, &actions, &attributes, argv, envp)
        guard result == 0 else { throw Shell.Failure(description: "posix_spawn \(program) failed: \(result)") }
        return pid
    }

    /// Runs `program` to completion and returns its exit status.
    package static func run(_ program: String, _ arguments: [String], output: String = "/dev/null") throws -> Int32 {
        let pid = try start(program, arguments, output: output)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return (status >> 8) & 0xFF
    }
}
