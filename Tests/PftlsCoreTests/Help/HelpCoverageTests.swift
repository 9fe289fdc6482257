import Foundation
import Testing
@testable import PftlsCore

extension HelpTests {
    /// Every parameter the planners write or remove has help.
    @Suite struct HelpCoverageTests {
        /// Quoted parameter names in a planner's source, e.g. `"smtpd_tls_chain_files"`.
        static func parameterNames(inSource file: String) throws -> Set<String> {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            let source = try String(contentsOf: root.appendingPathComponent("Sources/PftlsCore/Plan/\(file)"), encoding: .utf8)
            let pattern = try NSRegularExpression(pattern: #""([a-z]+(?:_[A-Za-z0-9]+)+)""#)
            let matches = pattern.matches(in: source, range: NSRange(source.startIndex..., in: source))
            return Set(matches.compactMap { Range($0.range(at: 1), in: source).map { String(source[$0]) } })
        }

        @Test(arguments: ["MainConfigPlanner.swift", "MasterConfigPlanner.swift"])
        func everyNameInThePlannerSourceHasHelp(_ file: String) throws {
            let names = try Self.parameterNames(inSource: file)
            #expect(names.count >= 5, "found only \(names.sorted()) in \(file)")
            for name in names.sorted() {
                #expect(ParameterHelpCatalog.lookup(name)?.name == name, "\(file) writes \(name), which has no help")
            }
        }

        @Test func everyPlannerListHasHelp() {
            let options = Answers.ServiceName.allCases.flatMap { MasterConfigPlanner.requiredOptions($0).map(\.0) }
            let names = options + MainConfigPlanner.obsolete.keys + MainConfigPlanner.legacyServerFiles
            for name in names {
                #expect(ParameterHelpCatalog.lookup(name) != nil, "\(name)")
            }
        }

        @Test func theIssueListIsCovered() {
            let required = """
                smtpd_tls_security_level smtp_tls_security_level smtpd_tls_chain_files smtpd_tls_cert_file \
                smtpd_tls_key_file smtpd_tls_CAfile smtpd_tls_CApath smtp_tls_CAfile smtp_tls_CApath \
                smtpd_tls_wrappermode smtpd_tls_auth_only smtpd_sasl_auth_enable smtpd_sasl_type smtpd_sasl_path \
                smtpd_client_restrictions smtp_tls_session_cache_database smtpd_tls_session_cache_database \
                tls_random_source smtpd_tls_received_header smtpd_tls_loglevel smtp_tls_loglevel smtpd_tls_protocols \
                smtpd_tls_mandatory_protocols smtp_dns_support_level smtpd_use_tls smtpd_enforce_tls smtp_use_tls \
                smtp_enforce_tls
                """
            for name in required.split(separator: " ") {
                #expect(ParameterHelpCatalog.lookup(String(name))?.name == String(name), "\(name)")
            }
        }
    }
}
