import Foundation

/// Runs the built `pftls` binary as a user would, capturing its output.
package enum Pftls {
    package struct Result {
        package let status: Int32
        package let standardOutput: String
        package let standardError: String
        package var all: String { standardOutput + standardError }
    }

    /// The deploy ledger's directory for every pftls a test runs, unless the test names its
    /// own: the tests run as root, and the default ledger (/var/lib/pftls) is the machine's.
    package static let stateDirectory = TemporaryDirectory.create("pftls-state") + "/state"

    /// The binary beside the test bundle, in the build's products directory.
    package static var executable: String {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("pftls").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("pftls").path
    }

    /// Runs pftls with `arguments`, no terminal, optional extra environment. `prefix` runs
    /// it through another program (`ip netns exec NAME`). DNS is off (`PFTLS_RESOLVER=none`)
    /// unless the test names a resolver: no test asks the machine's resolver. With `timeout`,
    /// the run is killed (SIGKILL) once that many seconds have passed.
    package static func run(_ arguments: [String], environment: [String: String] = [:], in directory: String? = nil,
                    prefix: [String] = [], timeout: TimeInterval? = nil) throws -> Result {
        try runProgram(prefix.first ?? executable, prefix.isEmpty ? arguments : Array(prefix.dropFirst()) + [executable] + arguments,
                       environment: environment, in: directory, timeout: timeout)
    }

    /// Runs `program` (a script that runs pftls, say) the same way: no terminal, DNS off.
    /// Only an end-to-end test may (`EndToEnd.requireTag`).
    package static func runProgram(_ program: String, _ arguments: [String], environment: [String: String] = [:],
                           in directory: String? = nil, timeout: TimeInterval? = nil) throws -> Result {
        EndToEnd.requireTag(starting: program)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["PFTLS_RESOLVER": "none", "PFTLS_STATE_DIR": stateDirectory]
            .merging(environment) { $1 }) { $1 }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let killer = DispatchWorkItem { [pid = process.processIdentifier] in kill(pid, SIGKILL) }
        if let timeout { DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer) }
        defer { killer.cancel() }
        let errorReader = Thread.detachedReader(error)
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, standardOutput: String(decoding: out, as: UTF8.self),
                      standardError: String(decoding: errorReader.wait(), as: UTF8.self))
    }
}

/// Reads a pipe to its end on another thread.
package final class PipeReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    package init(_ pipe: Pipe) {
        Thread.detachNewThread { [self] in
            data = pipe.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }
    }

    package func wait() -> Data {
        done.wait()
        return data
    }
}

extension Thread {
    package static func detachedReader(_ pipe: Pipe) -> PipeReader { PipeReader(pipe) }
}
