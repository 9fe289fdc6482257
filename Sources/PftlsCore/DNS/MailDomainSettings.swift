/// The main.cf settings that name the mail domains a host receives for, as Postfix
/// reports them (`postconf -h -x`), for commands that do not read main.cf themselves.
public enum MailDomainSettings {
    /// The parameters `MailHostNames.mailDomains` reads.
    public static let parameters = ["mydomain", "mydestination", "virtual_mailbox_domains", "virtual_alias_domains", "relay_domains"]

    /// Asks `postconf` once for every parameter; a parameter it cannot give is empty.
    public static func query(configDirectory: String?, processes: ProcessRunner) -> (String) -> String {
        let arguments = (configDirectory.map { ["-c", $0] } ?? []) + ["-h", "-x"] + parameters
        guard let result = try? processes.run("postconf", arguments), result.status == 0 else { return { _ in "" } }
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let values = Dictionary(zip(parameters, lines + Array(repeating: "", count: max(0, parameters.count - lines.count))),
                                uniquingKeysWith: { first, _ in first })
        return { values[$0] ?? "" }
    }
}
