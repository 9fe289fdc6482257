import FoundationEssentials
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
            throw CaptureFailure(reason: Catalog.text("terminal.noPseudoTerminal", ["reason": "\(String(cString: strerror(errno)))"]))
        }
        defer { close(master) }
        let outputEnds: (Int32, Int32)
        do { outputEnds = try ChildProcess.pipe() } catch {
            close(slave)
            throw error
        }
        let outputRead = outputEnds.0
        defer { close(outputRead) }
        let child = try ChildProcess(executable, arguments, output: outputEnds.1, error: slave)
        let (output, terminal) = collect(master: master, output: outputRead, child: child)
        let status = child.wait()
        var text: [UInt8] = []
        text.reserveCapacity(terminal.count)
        for (index, byte) in terminal.enumerated() where !(byte == 0x0D && index + 1 < terminal.count && terminal[index + 1] == 0x0A) {
            text.append(byte)
        }
        return ProcessResult(status: status, standardOutput: output, standardError: text)
    }

    /// Reads the output pipe and the terminal until both are closed (EIO on Linux), or the
    /// program has ended and they stay quiet for 50 ms (a daemon it started may keep them
    /// open), or the deadline passes. The end of the program is seen through a pidfd, so
    /// nothing polls while the program runs.
    private func collect(master: Int32, output: Int32, child: ChildProcess) -> (output: [UInt8], terminal: [UInt8]) {
        let end = ContinuousClock.now.advanced(by: .milliseconds(Int(deadline * 1000)))
        let exitNotice = pftls_pidfd_open(child.pid)
        defer { if exitNotice >= 0 { close(exitNotice) } }
        var streams: [(fd: Int32, open: Bool, data: [UInt8])] = [(output, true, []), (master, true, [])]
        var ended = false
        var buffer = [UInt8](repeating: 0, count: 65536)
        while streams.contains(where: \.open), ContinuousClock.now < end {
            var polled = streams.map { pollfd(fd: $0.open ? $0.fd : -1, events: Int16(POLLIN), revents: 0) }
            polled.append(pollfd(fd: ended ? -1 : exitNotice, events: Int16(POLLIN), revents: 0))
            let waitMilliseconds: Int32 = ended || exitNotice < 0 ? 50 : 1000
            let ready = poll(&polled, nfds_t(polled.count), waitMilliseconds)
            if ready < 0 && errno == EINTR { continue }
            if ready < 0 { break }
            if polled[2].revents != 0 { ended = true }
            if ready == 0 {
                if ended { break }
                if exitNotice < 0 { ended = child.hasEnded }
                continue
            }
            for index in streams.indices where streams[index].open && polled[index].revents != 0 {
                let count = read(streams[index].fd, &buffer, buffer.count)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { streams[index].open = false; continue }
                if streams[index].data.count < 1 << 20 { streams[index].data += buffer[0..<count] }
            }
        }
        return (streams[0].data, streams[1].data)
    }

    /// The terminal could not be set up.
    struct CaptureFailure: Error, CustomStringConvertible {
        let reason: String
        var description: String { reason }
    }
}
