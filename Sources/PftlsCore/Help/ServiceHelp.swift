extension ParameterHelpCatalog {
    /// The mail services pftls sets up in master.cf (`Answers.ServiceName`).
    static let services: [ParameterHelp] = [
        ParameterHelp(
            "service.smtp",
            default: nil,
            reference: "master(5); smtpd(8); RFC 3207"),
        ParameterHelp(
            "service.submission",
            default: nil,
            reference: "master(5); smtpd(8); RFC 6409"),
        ParameterHelp(
            "service.submissions",
            default: nil,
            reference: "master(5); smtpd(8); RFC 8314"),
    ]
}
