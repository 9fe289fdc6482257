import Testing
@testable import PftlsCore

extension HelpTests {
    /// The catalog against the installed Postfix, and the limits the wizard relies on.
    @Suite struct HelpCatalogTests {
        @Test(.enabled(if: InstalledPostfixDefaults.available), arguments: ParameterHelpCatalog.parameters)
        func nameIsARealPostfixParameterWithThatDefault(_ help: ParameterHelp) throws {
            let defaults = try #require(InstalledPostfixDefaults.values)
            let installed = try #require(defaults[help.name], "postconf -d does not know \(help.name)")
            #expect(help.defaultValue == installed, "\(help.name): catalog \(help.defaultValue ?? "nil"), postconf -d \(installed)")
        }

        @Test(arguments: ParameterHelpCatalog.all)
        func textsFitTheWizard(_ help: ParameterHelp) {
            #expect(!help.summary.isEmpty && help.summary.count <= 70, "\(help.name): \(help.summary.count) chars")
            #expect(!help.summary.contains("\n"))
            for value in help.values {
                #expect(!value.summary.isEmpty && value.summary.count <= 60, "\(help.name)=\(value.value): \(value.summary.count) chars")
                #expect(!value.explanation.isEmpty)
            }
            #expect(help.explanation.split(separator: "\n", omittingEmptySubsequences: false).contains(""),
                    "\(help.name): the explanation should have several paragraphs")
            #expect(!help.explanation.contains("  ") || help.explanation.contains("\n    "), "\(help.name): double space")
        }

        @Test(arguments: ParameterHelpCatalog.all)
        func kindDecidesDefaultAndReference(_ help: ParameterHelp) {
            switch help.kind {
            case .parameter:
                #expect(help.defaultValue != nil)
                #expect(help.reference == "postconf(5): \(help.name)")
            case .layout, .service, .finding:
                #expect(help.defaultValue == nil)
                #expect(!help.reference.isEmpty)
            }
        }

        @Test func namesAreUnique() {
            let names = ParameterHelpCatalog.all.map { $0.name.lowercased() }
            #expect(Set(names).count == names.count)
        }

        @Test func everyLayoutAndServiceHasAnEntry() {
            for layout in Answers.Layout.allCases {
                #expect(ParameterHelpCatalog.lookup("layout.\(layout.rawValue)")?.kind == .layout, "\(layout)")
            }
            for service in Answers.ServiceName.allCases {
                #expect(ParameterHelpCatalog.lookup("service.\(service.rawValue)")?.kind == .service, "\(service)")
            }
        }

        @Test func everyLevelTheWizardOffersHasValueHelp() throws {
            let server = try #require(ParameterHelpCatalog.lookup("smtpd_tls_security_level"))
            let client = try #require(ParameterHelpCatalog.lookup("smtp_tls_security_level"))
            #expect(server.values.map(\.value) == Answers.smtpdLevels)
            #expect(client.values.map(\.value) == Answers.smtpLevels)
        }

        @Test func obsoleteSettingsAreMarked() {
            for name in MainConfigPlanner.obsolete.keys {
                #expect(ParameterHelpCatalog.lookup(name)?.isObsolete == true, "\(name)")
            }
            #expect(ParameterHelpCatalog.lookup("smtpd_tls_chain_files")?.isObsolete == false)
        }

        /// The pitfalls the guide gets wrong are spelled out where they matter.
        @Test(arguments: [
            ("smtpd_tls_security_level", "RFC 3207"), ("smtp_tls_security_level", "DNSSEC"),
            ("smtpd_tls_chain_files", "key, leaf, intermediates"), ("smtpd_tls_CApath", "chroot"),
            ("smtpd_tls_wrappermode", "ignored"), ("smtp_tls_session_cache_database", "postconf -m"),
            ("tls_random_source", "dev:/dev/urandom"), ("smtpd_tls_CAfile", "client"),
        ])
        func explanationMentionsThePitfall(_ name: String, _ text: String) throws {
            let help = try #require(ParameterHelpCatalog.lookup(name))
            #expect(help.explanation.replacingOccurrences(of: "\n", with: " ").contains(text))
        }

        @Test func versionsAreNoted() {
            #expect(ParameterHelpCatalog.lookup("smtpd_tls_chain_files")?.sinceVersion == "3.4")
            #expect(ParameterHelpCatalog.lookup("layout.chain-file")?.sinceVersion == "3.4")
            #expect(ParameterHelpCatalog.lookup("smtp_dns_support_level")?.sinceVersion == "2.11")
        }
    }
}
