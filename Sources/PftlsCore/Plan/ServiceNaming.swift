/// Names and ports of the three mail services, as the installed Postfix and
/// /etc/services understand them.
public struct ServiceNaming: Sendable {
    /// The name master.cf should use for port 465.
    public let submissionsName: String

    /// Chooses the 465 name: `submissions` when Postfix >= 3.6 or /etc/services
    /// knows it, else `smtps` when /etc/services knows that, else the number.
    public init(version: PostfixVersion?, servicesFile: String?) {
        // /etc/services is read only when the version does not settle it.
        let settled = version?.knowsSubmissionsName ?? true
        let known = settled ? [] : Self.names(ofPort465In: servicesFile ?? "")
        if settled || known.contains("submissions") {
            submissionsName = "submissions"
        } else if known.contains("smtps") {
            submissionsName = "smtps"
        } else {
            submissionsName = "465"
        }
    }

    /// The names and aliases /etc/services gives 465/tcp.
    private static func names(ofPort465In servicesFile: String) -> Set<String> {
        Set(servicesFile.split(separator: "\n").flatMap { line -> [String] in
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = content.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard fields.count >= 2, fields[1] == "465/tcp" else { return [] }
            return [fields[0]] + fields.dropFirst(2)
        })
    }

    /// The master.cf service field for `service` without a listen address.
    public func defaultName(_ service: Answers.ServiceName) -> String {
        switch service {
        case .smtp: "smtp"
        case .submission: "submission"
        case .submissions: submissionsName
        }
    }

    /// The standard port of `service`.
    public static func standardPort(_ service: Answers.ServiceName) -> Int {
        switch service {
        case .smtp: 25
        case .submission: 587
        case .submissions: 465
        }
    }

    /// A port field (`25`, `smtp`, `submissions`) as a number, when it is known.
    public static func portNumber(_ field: String) -> Int? {
        if let number = Int(field) { return number }
        switch field.lowercased() {
        case "smtp": return 25
        case "submission": return 587
        case "submissions", "smtps", "ssmtp", "urd": return 465
        default: return nil
        }
    }

    /// How a service's listener is probed.
    public static func probeMode(_ service: Answers.ServiceName) -> TLSProbeMode {
        service == .submissions ? .implicit : .startTLS
    }
}
