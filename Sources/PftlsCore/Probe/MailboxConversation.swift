import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The few lines of IMAP, POP3 and ManageSieve a probe speaks to Dovecot: up to
/// STARTTLS before the handshake, and the greeting after it on an implicit-TLS port.
enum MailboxConversation {
    /// Greeting, then the protocol's STARTTLS command: returns when the server agreed.
    static func negotiateStartTLS(_ connection: SMTPConnection, mode: TLSProbeMode) throws {
        let readByte: (inout UInt8) -> Int = { byte in read(connection.descriptor, &byte, 1) }
        let greeting = try readGreeting(mode, until: connection.deadline, readByte)
        guard greetingAccepted(greeting, mode: mode) else {
            throw SMTPConnection.Failure(reason: Catalog.text("probe.mailbox.greeting", ["reply": SMTPConnection.show(greeting)]), answered: true)
        }
        let (command, agreed): (String, (String) -> Bool) = switch mode {
        case .pop3StartTLS, .pop3Implicit: ("STLS", { $0.hasPrefix("+OK") })
        case .sieveStartTLS: ("STARTTLS", { $0.uppercased().hasPrefix("OK") })
        default: ("a STARTTLS", { $0.uppercased().hasPrefix("A OK") })
        }
        try connection.send(command)
        var answer = try SMTPConnection.readLine(until: connection.deadline, readByte)
        // IMAP may send untagged lines before the tagged answer.
        while mode == .imapStartTLS, answer.hasPrefix("* ") { answer = try SMTPConnection.readLine(until: connection.deadline, readByte) }
        guard agreed(answer) else {
            throw SMTPConnection.Failure(reason: Catalog.text("probe.mailbox.startTLSAnswer", ["command": command, "reply": SMTPConnection.show([answer])]),
                                         answered: true)
        }
    }

    /// The greeting a client reads first: one line for IMAP and POP3; for ManageSieve the
    /// capability lines up to the `OK` that ends them.
    static func readGreeting(_ mode: TLSProbeMode, until deadline: Date, _ readByte: (inout UInt8) -> Int) throws -> [String] {
        var lines = [try SMTPConnection.readLine(until: deadline, readByte)]
        while mode == .sieveStartTLS, let last = lines.last, !["OK", "NO", "BYE"].contains(where: { last.uppercased().hasPrefix($0) }) {
            if lines.count > 200 { throw SMTPConnection.Failure(reason: Catalog.text("probe.smtp.replyTooLong")) }
            lines.append(try SMTPConnection.readLine(until: deadline, readByte))
        }
        return lines
    }

    /// True when `greeting` is the protocol's "ready": `* OK`, `+OK`, or ManageSieve's closing `OK`.
    static func greetingAccepted(_ greeting: [String], mode: TLSProbeMode) -> Bool {
        guard let line = greeting.last?.uppercased() else { return false }
        switch mode {
        case .imapStartTLS, .imapImplicit: return line.hasPrefix("* OK")
        case .pop3StartTLS, .pop3Implicit: return line.hasPrefix("+OK")
        default: return line.hasPrefix("OK")
        }
    }
}
