import Testing
@testable import PftlsCore

extension PostfixConfigTests {
    /// master.cf must come back byte for byte when nothing is edited.
    @Suite struct MasterConfigRoundTripTests {
        static let edgeCases: [String] = [
            "",
            "smtp inet n - y - - smtpd",
            "smtp inet n - y - - smtpd\r\n  -o syslog_name=x\r\n",
            "submission inet n - y - - smtpd\n  -o { smtpd_client_restrictions = permit_sasl_authenticated, reject }\n# c\n\n  -o\n   a=b\n",
            "  orphan\n\n\n#\n",
            PostfixCorpus.debianMasterCf,
            PostfixCorpus.guideDamagedMasterCf,
        ]

        @Test(arguments: edgeCases)
        func edgeCaseRoundTrips(_ contents: String) {
            #expect(MasterConfig(parsing: contents).render() == contents)
        }

        @Test(.enabled(if: SystemConfigFile.exists("/etc/postfix/master.cf"), "/etc/postfix/master.cf is absent: Postfix is not installed"))
        func installedMasterCfRoundTrips() throws {
            let contents = try #require(SystemConfigFile.contents("/etc/postfix/master.cf"))
            #expect(MasterConfig(parsing: contents).render() == contents)
        }

        @Test(.enabled(if: SystemConfigFile.exists("/usr/share/postfix/master.cf.dist"), "/usr/share/postfix/master.cf.dist is absent: Postfix is not installed"))
        func distributedMasterCfRoundTrips() throws {
            let contents = try #require(SystemConfigFile.contents("/usr/share/postfix/master.cf.dist"))
            #expect(MasterConfig(parsing: contents).render() == contents)
        }

        /// The services and overrides the model reads are the ones postconf reads.
        @Test(.enabled(if: SystemConfigFile.exists("/etc/postfix/master.cf") && PostconfSandbox.isAvailable, "Postfix is not installed"))
        func servicesAgreeWithPostconf() throws {
            let contents = try #require(SystemConfigFile.contents("/etc/postfix/master.cf"))
            let config = MasterConfig(parsing: contents)
            let sandbox = PostconfSandbox(masterCf: contents)
            let (names, errors) = try sandbox.serviceNames()
            #expect(errors.isEmpty)
            #expect(config.services.map { "\($0.service.name)/\($0.service.type)" } == names)
            let (overrides, _) = try sandbox.serviceOverrides()
            for entry in config.services {
                let mine = Dictionary(entry.service.options.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
                #expect(mine == overrides["\(entry.service.name)/\(entry.service.type)"] ?? [:], "\(entry.service.key)")
            }
        }
    }
}
