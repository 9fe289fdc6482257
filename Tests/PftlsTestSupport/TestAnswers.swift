import PftlsCore

/// An answers file for `pftls apply --answers`, written out as JSON text the way an
/// administrator writes one: the tests state the file's format themselves, never through
/// pftls' own encoder.
package struct TestAnswers {
    /// A service to set up and where it listens (`127.0.0.1:PORT`; empty leaves `listen`
    /// out: every address, the service's own port).
    package typealias Service = (name: Answers.ServiceName, listen: String)

    package var certificateDirectory: String
    package var privateKey: String
    package var certificate: String
    package var intermediates: [String]
    package var services: [Service]
    package var smtpdSecurityLevel = "may"
    package var smtpSecurityLevel = "may"
    package var hostname = "mail.example.test"
    package var layout: Answers.Layout?
    /// Written only when true, as the other members that have a default.
    package var privateCA = false
    package var dedicatedNonMX = false
    /// Dovecot's configuration file, for `"dovecot": {"config": …}`; nil leaves the key out.
    package var dovecotConfig: String?

    /// Answers that install `privateKey`, `certificate` and `intermediates` into
    /// `certificateDirectory` for `services`, at level `may` both ways, for mail.example.test.
    package init(certificateDirectory: String, privateKey: String, certificate: String, intermediates: [String], services: [Service]) {
        self.certificateDirectory = certificateDirectory
        self.privateKey = privateKey
        self.certificate = certificate
        self.intermediates = intermediates
        self.services = services
    }

    /// The file's text.
    package var json: String {
        let services = self.services.map { service in
            "{\"name\": \(Self.quoted(service.name.rawValue))" + (service.listen.isEmpty ? "" : ", \"listen\": \(Self.quoted(service.listen))") + "}"
        }
        var members = ["\"certificateDirectory\": \(Self.quoted(certificateDirectory))",
                       "\"privateKey\": \(Self.quoted(privateKey))",
                       "\"certificate\": \(Self.quoted(certificate))",
                       "\"intermediates\": [\(intermediates.map(Self.quoted).joined(separator: ", "))]",
                       "\"smtpdSecurityLevel\": \(Self.quoted(smtpdSecurityLevel))",
                       "\"smtpSecurityLevel\": \(Self.quoted(smtpSecurityLevel))",
                       "\"hostname\": \(Self.quoted(hostname))",
                       "\"services\": [\(services.joined(separator: ", "))]"]
        if let layout { members.append("\"layout\": \(Self.quoted(layout.rawValue))") }
        if privateCA { members.append("\"privateCA\": true") }
        if dedicatedNonMX { members.append("\"dedicatedNonMX\": true") }
        if let dovecotConfig { members.append("\"dovecot\": {\"config\": \(Self.quoted(dovecotConfig))}") }
        return "{" + members.joined(separator: ",\n ") + "}\n"
    }

    /// `text` as a JSON string.
    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
