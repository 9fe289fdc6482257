import Foundation
import CSystemShim
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program with its standard error on a pseudo-terminal and collects what it writes there.
///
/// `postfix check`, `postfix reload` and the scripts they start tell their reasons only to
/// syslog and, when standard error is a terminal, to that terminal. Without one their
/// failures are silent ("`postfix check` failed:" and nothing after the colon). A
/// pseudo-terminal gets Postfix's own words to the user without depending on syslog.
struct TerminalCapture {
    /// How long to wait for the program before giving up on it.
    let deadline: TimeInterval

    /// Runs `executable` with `arguments`; standard output goes to a pipe, standard error to the terminal.
    func run(_ executable: String, _ arguments: [String]) throws -> ProcessResult {
        var master: Int32 = -1
        var slave: Int32 = -1
        guard pftls_open_pseudo_terminal(&master, &slave) == 0 else {
            throw CaptureFailure(reason: Catalog.text("TerminalCapture.reason", ["value": "\(String(cString: strerror(errno)))"]))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            close(slave)
            close(master)
            throw error
        }
        close(slave)
        let outputData = LockedBox<Data>(Data())
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            outputData.set(output.fileHandleForReading.readDataToEndOfFile())
        }
        let terminalText = readUntilClosed(master, process: process)
        close(master)
        group.wait()
        process.waitUntilExit()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return ProcessResult(status: status, standardOutput: Array(outputData.get()), standardError: terminalText)
    }

    /// Reads the terminal until every writer has closed it (EIO on Linux), the program has
    /// ended and nothing more arrives, or the deadline passes. Terminal CRLFs become LFs.
    private func readUntilClosed(_ master: Int32, process: Process) -> [UInt8] {
        let end = Date().addingTimeInterval(deadline)
        var collected: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < end, collected.count < 1 << 20 {
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 200)
            if ready < 0 && errno == EINTR { continue }
            if ready == 0 {
                // A check script started in its own session may keep the terminal open; once
                // the program itself has ended and the terminal is quiet, stop.
                if !process.isRunning { break }
                continue
            }
            let count = read(master, &buffer, buffer.count)
            if count <= 0 { break }
            collected += buffer[0..<count]
        }
        var text: [UInt8] = []
        text.reserveCapacity(collected.count)
        for (index, byte) in collected.enumerated() where !(byte == 0x0D && index + 1 < collected.count && collected[index + 1] == 0x0A) {
            text.append(byte)
        }
        return text
    }

    /// The terminal could not be set up.
    struct CaptureFailure: Error, CustomStringConvertible {
        let reason: String
        var description: String { reason }
    }
}
