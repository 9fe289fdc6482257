import Foundation

/// `pftls demo` driven through its steps in a real terminal, every default taken.
extension TmuxSession {
    /// Waits until the screen shows `text`; throws, with the screen, when it has not after `timeout` seconds.
    package func require(_ text: String, timeout: TimeInterval = 15) throws {
        guard waitFor(text, timeout: timeout) else {
            throw Shell.Failure(description: "the screen never showed \"\(text)\":\n\(screen)")
        }
    }

    /// From the wizard's (or the demo's) first screen to the directory step.
    package func walkToDirectory() throws {
        try require("Set up a certificate")
        send("Enter")
        try require("Where should the key")
    }

    /// From the demo's first screen to its passphrase prompt: Start, the directory (once the
    /// demo's own files are made and the directory is checked) and Files.
    package func walkDemoToPassphrase() throws {
        try walkToDirectory()
        // Next is refused while the directory is being checked (the demo's files are still being made).
        try require("directory-created")
        send("Enter")
        try require("the next step asks for its passphrase")
        send("Enter")
        try require("Passphrase:")
    }

    /// From the passphrase prompt to Review: `passphrase`, then the default levels and services.
    package func walkDemoFromPassphraseToReview(passphrase: String = "demo") throws {
        type(passphrase)
        send("Enter")
        try require("Incoming mail (smtpd_tls_security_level)")
        send("Enter")
        try require("Which services should offer TLS")
        send("Enter")
        try require("[ Write ]")
    }

    /// The sandbox a demo run with `TMPDIR=directory` made there.
    package static func demoSandbox(in directory: String) -> String? {
        (try? FileManager.default.contentsOfDirectory(atPath: directory))?.first { $0.hasPrefix("pftls-demo-") }.map { directory + "/" + $0 }
    }
}
