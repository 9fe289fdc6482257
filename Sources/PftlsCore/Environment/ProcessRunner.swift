import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The result of running a program to completion.
public struct ProcessResult: Sendable {
    /// Exit status (or 128 + signal).
    public let status: Int32
    public let standardOutput: [UInt8]
    public let standardError: [UInt8]

    /// Creates a result.
    public init(status: Int32, standardOutput: [UInt8], standardError: [UInt8]) {
        self.status = status
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// Standard output as text, trailing newline removed.
    public var output: String {
        String(decoding: standardOutput, as: UTF8.self).trimmingNewlines()
    }
    /// Standard error as text, trailing newline removed.
    public var errorOutput: String {
        String(decoding: standardError, as: UTF8.self).trimmingNewlines()
    }
}

/// Runs external programs (postconf, postfix, openssl). Passed in so tests can stand in.
public protocol ProcessRunner: Sendable {
    /// Runs `program` with `arguments`; nil when the program is not installed.
    func run(_ program: String, _ arguments: [String]) throws -> ProcessResult?

    /// Runs `program` with its standard error on a terminal, so that programs which tell
    /// their reasons only to a terminal (`postfix check`, `postfix reload`) tell them;
    /// that text is the result's `standardError`. nil when the program is not installed.
    func runWithTerminal(_ program: String, _ arguments: [String]) throws -> ProcessResult?

    /// Runs `program` with `input` on its standard input (`postmap -i` reads entries there).
    func run(_ program: String, _ arguments: [String], input: [UInt8]) throws -> ProcessResult?
}

extension ProcessRunner {
    /// Stand-ins that give no input run the program as `run` does.
    public func run(_ program: String, _ arguments: [String], input: [UInt8]) throws -> ProcessResult? {
        try run(program, arguments)
    }

    /// Stand-ins without a terminal run the program as `run` does.
    public func runWithTerminal(_ program: String, _ arguments: [String]) throws -> ProcessResult? {
        try run(program, arguments)
    }
}

/// Runs real programs, looking them up in PATH and the sbin directories.
public struct SystemProcessRunner: ProcessRunner {
    /// Extra directories searched after PATH, where Postfix's tools live.
    public static let extraSearchPath = ["/usr/sbin", "/sbin", "/usr/local/sbin", "/usr/bin", "/bin"]

    /// Creates the real runner.
    public init() {}

    /// The absolute path of `program`, or nil when it is not installed.
    public func locate(_ program: String) -> String? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        let path = ProcessEnvironment.value("PATH")?.split(separator: ":").map(String.init) ?? []
        for directory in path + Self.extraSearchPath {
            let candidate = directory + "/" + program
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    public func runWithTerminal(_ program: String, _ arguments: [String]) throws -> ProcessResult? {
        guard let executable = locate(program) else { return nil }
        return try TerminalCapture(deadline: 120).run(executable, arguments)
    }

    public func run(_ program: String, _ arguments: [String]) throws -> ProcessResult? {
        guard let executable = locate(program) else { return nil }
        return try run(executable, arguments, inputDescriptor: nil)
    }

    public func run(_ program: String, _ arguments: [String], input: [UInt8]) throws -> ProcessResult? {
        guard let executable = locate(program) else { return nil }
        // The input waits in an unnamed file: the child reads it at its own pace, and a
        // pipe's buffer can never fill up before the child starts reading.
        let file = try ChildProcess.unnamedFile()
        defer { close(file) }
        guard input.withUnsafeBytes({ pwrite(file, $0.baseAddress, $0.count, 0) }) == input.count, lseek(file, 0, SEEK_SET) == 0 else {
            throw SpawnFailure(program: "pwrite", code: errno)
        }
        return try run(executable, arguments, inputDescriptor: file)
    }

    private func run(_ executable: String, _ arguments: [String], inputDescriptor: Int32?) throws -> ProcessResult? {
        let (outputRead, outputWrite) = try ChildProcess.pipe()
        defer { close(outputRead) }
        // Standard error goes to an unnamed file, read once the program has ended: postconf
        // writes each warning with a write of its own, and through a pipe 20,000 warnings
        // cost 20,000 wake-ups of both processes. Where no such file can be made, a pipe.
        guard let errorFile = try? ChildProcess.unnamedFile() else {
            return try runWithErrorPipe(executable, arguments, input: inputDescriptor, outputRead: outputRead, outputWrite: outputWrite)
        }
        defer { close(errorFile) }
        let errorWrite = fcntl(errorFile, F_DUPFD_CLOEXEC, 0)
        guard errorWrite >= 0 else {
            close(outputWrite)
            throw SpawnFailure(program: "fcntl", code: errno)
        }
        let child = try ChildProcess(executable, arguments, input: inputDescriptor, output: outputWrite, error: errorWrite)
        let output = ChildProcess.drain([outputRead])[0]
        let status = child.wait()
        return ProcessResult(status: status, standardOutput: output, standardError: ChildProcess.readWhole(errorFile))
    }

    /// `run` with standard error through a pipe, read as it comes.
    private func runWithErrorPipe(_ executable: String, _ arguments: [String], input: Int32?, outputRead: Int32, outputWrite: Int32) throws -> ProcessResult {
        let errorEnds: (Int32, Int32)
        do { errorEnds = try ChildProcess.pipe() } catch {
            close(outputWrite)
            throw error
        }
        defer { close(errorEnds.0) }
        let child = try ChildProcess(executable, arguments, input: input, output: outputWrite, error: errorEnds.1)
        let collected = ChildProcess.drain([outputRead, errorEnds.0])
        return ProcessResult(status: child.wait(), standardOutput: collected[0], standardError: collected[1])
    }
}
