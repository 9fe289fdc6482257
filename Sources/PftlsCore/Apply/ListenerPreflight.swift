/// Before anything is written: a chosen STARTTLS listener that accepts connections but
/// never greets is broken already, for a reason no certificate can fix (an smtpd that dies
/// as it starts: a missing SASL back end, a map it cannot open). Writing, reloading and
/// then rolling back would only leave a backup behind; refuse first and say where to look.
/// The same holds for a Dovecot SASL socket that is missing: smtpd dies on its first SASL offer.
struct ListenerPreflight {
    /// nil when every chosen STARTTLS listener that answers greets; otherwise the reason to refuse.
    func problem(_ plan: ChangePlan, running: Bool) -> String? {
        guard running else { return nil }
        // A missing Dovecot socket is harmless only while TLS does not work: with the new
        // certificate, smtpd would offer SASL and stop at once, on every connection.
        if let sasl = plan.findings.first(where: { $0.code == .saslSocketMissing }) {
            return Catalog.text("apply.preflight.saslMissing", ["problem": sasl.message, "fix": sasl.hint])
        }
        for target in plan.probes where target.mode == .startTLS {
            guard let reply = greeting(host: target.host, port: target.port) else { continue }
            if reply.hasPrefix("220") { continue }
            return Catalog.text("apply.preflight.brokenBefore", ["service": "\(target.service.rawValue)", "host": "\(SafeText.escape(target.host))", "port": "\(target.port)", "reply": "\(reply)"])
        }
        return nil
    }

    /// The first reply line, a description of its absence, or nil when nothing listens.
    private func greeting(host: String, port: Int) -> String? {
        guard let connection = try? SMTPConnection(host: host, port: port, timeout: 10) else { return nil }
        do {
            return SMTPConnection.show(try connection.readReply())
        } catch let failure as SMTPConnection.Failure {
            return failure.reason
        } catch {
            return "\(error)"
        }
    }
}
