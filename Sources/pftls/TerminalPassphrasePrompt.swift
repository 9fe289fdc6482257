import FoundationEssentials
import Glibc
import PftlsCore

/// Asks for a passphrase on /dev/tty with echo off, once per file.
///
/// The terminal's settings are restored afterwards, and also when a signal
/// (Ctrl-C, a dropped session) arrives during the prompt.
final class TerminalPassphrasePrompt: PassphraseSource {
    private var answers: [String: SecretBytes] = [:]

    func passphrase(for file: String) -> SecretBytes? {
        if let known = answers[file] { return known }
        guard let secret = Self.ask(Catalog.text("cli.passphrasePrompt", ["file": "\(SafeText.escape(file))"])) else { return nil }
        answers[file] = secret
        return secret
    }

    /// True when a person is there to answer.
    static var isAvailable: Bool { isatty(STDIN_FILENO) == 1 }

    private static func ask(_ prompt: String) -> SecretBytes? {
        let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard tty >= 0 else { return nil }
        defer { close(tty) }
        var saved = termios()
        guard tcgetattr(tty, &saved) == 0 else { return nil }
        EchoGuard.begin(tty: tty, saved: saved)
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        quiet.c_lflag |= tcflag_t(ECHONL)
        tcsetattr(tty, TCSAFLUSH, &quiet)
        defer { EchoGuard.end() }
        // The prompt only once echo is off: what is typed as soon as it shows is neither
        // echoed nor thrown away by the flush above.
        _ = prompt.withCString { write(tty, $0, strlen($0)) }
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while read(tty, &byte, 1) == 1, byte != 0x0A, line.count < PassphraseFile.limit { line.append(byte) }
        if line.last == 0x0D { line.removeLast() }
        byte = 0
        return SecretBytes(wiping: &line)
    }
}

/// Restores the terminal's echo if a signal arrives while it is off.
enum EchoGuard {
    nonisolated(unsafe) private static var tty: Int32 = -1
    nonisolated(unsafe) private static var saved = termios()
    private static let signals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    static func begin(tty: Int32, saved: termios) {
        Self.tty = tty
        Self.saved = saved
        for signalNumber in signals {
            signal(signalNumber) { number in
                if EchoGuard.tty >= 0 { tcsetattr(EchoGuard.tty, TCSAFLUSH, &EchoGuard.saved) }
                signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    static func end() {
        if tty >= 0 { tcsetattr(tty, TCSAFLUSH, &saved) }
        tty = -1
        for signalNumber in signals { signal(signalNumber, SIG_DFL) }
    }
}
