import Testing
@testable import PftlsCore

/// `check`'s rules on the TLS settings: each reports a config that has the problem
/// and stays quiet on one that does not.
@Suite struct ConfigRulesTests {
    private let clean = """
        smtpd_tls_chain_files = /etc/postfix/tls/smtpd-chain.pem
        smtpd_tls_security_level = may
        smtp_tls_security_level = may
        smtp_tls_session_cache_database = btree:${data_directory}/smtp_scache

        """
    private let cleanMaster = """
        smtp      inet  n       -       y       -       -       smtpd
        #submission inet n       -       y       -       -       smtpd
        #  -o syslog_name=postfix/submission
        pickup    unix  n       -       y       60      1       pickup

        """

    private func rules(main: String, master: String? = nil, tableTypes: [String] = ["btree", "hash"],
                       version: PostfixVersion = PostfixVersion(3, 7, 11), defaults: PostfixDefaults = .builtIn) -> [Finding] {
        let installation = PostfixInstallation(configDirectory: "/etc/postfix", version: version, tableTypes: tableTypes,
                                               defaults: defaults, isRunning: false)
        let masterText = master ?? cleanMaster
        let setup = TLSSetupInForce(main: Array(main.utf8), master: Array(masterText.utf8), defaults: .builtIn)
        return ConfigRules(setup: setup, installation: installation).findings()
    }

    @Test func aCleanConfigGivesNoFinding() {
        #expect(rules(main: clean).isEmpty, "\(rules(main: clean).map(\.message))")
    }

    @Test func theServerCertificateReusedAsTheClientCertificate() {
        let found = rules(main: clean + "smtp_tls_chain_files = /etc/postfix/tls/smtpd-chain.pem\n")
        #expect(found.map(\.code) == [.clientCertificateReused])
        #expect(rules(main: clean + "smtp_tls_chain_files = /etc/postfix/tls/client.pem\n").isEmpty)
    }

    @Test func aCAfileThatIsTheSystemBundleOrHoldsIntermediates() {
        let bundle = rules(main: clean + "smtpd_tls_CAfile = /etc/ssl/certs/ca-certificates.crt\n")
        #expect(bundle.first?.code == .caFileBundle && bundle.first?.severity == .warning)
        let intermediates = rules(main: clean + "smtpd_tls_CAfile = /etc/postfix/tls/intermediate.pem\n")
        #expect(intermediates.first?.code == .caFileBundle && intermediates.first?.severity == .info)
        #expect(rules(main: clean + "smtpd_tls_CAfile = /etc/postfix/clients.pem\nsmtpd_tls_ask_ccert = yes\n").isEmpty,
                "a CAfile for client certificates that are asked for is fine")
    }

    @Test(arguments: [
        ("smtpd_tls_protocols = !SSLv2, !SSLv3", true),
        ("smtpd_tls_protocols = >=TLSv1", true),
        ("smtpd_tls_mandatory_protocols = !SSLv2, !SSLv3, !TLSv1, !TLSv1.1", false),
        ("smtpd_tls_protocols = >=TLSv1.2", false),
        ("smtpd_tls_protocols = !SSLv2, !SSLv3, !TLSv1, !TLSv1.1, !TLSv1.3", true),
        ("smtp_tls_protocols = <=TLSv1.2", true),
        ("smtp_tls_protocols = TLSv1.2, TLSv1.3", false),
        ("smtpd_tls_ciphers = export", true),
        ("smtpd_tls_ciphers = high", false),
    ])
    func protocolAndCipherSettings(setting: String, reported: Bool) {
        let found = rules(main: clean + setting + "\n").filter { $0.code == .weakProtocols }
        #expect(found.isEmpty == !reported, "\(setting): \(found.map(\.message))")
    }

    @Test func berkeleyDBCachesOnlyWhereLmdbIsOffered() {
        #expect(rules(main: clean).isEmpty)
        let found = rules(main: clean, tableTypes: ["btree", "hash", "lmdb"])
        #expect(found.map(\.code) == [.berkeleyDBCache])
        #expect(found.first?.hint.contains("lmdb:${data_directory}/smtp_scache") == true || found.first?.hint.contains("lmdb:") == true)
    }

    @Test func berkeleyDBCachesWhereDefaultCacheDBTypeIsOffered() {
        var values = BuiltInPostfixDefaults.table
        values["default_cache_db_type"] = "lmdb"
        let found = rules(main: clean, version: PostfixVersion(3, 11, 0), defaults: PostfixDefaults(values: values, source: .postconf))
        #expect(found.map(\.code) == [.berkeleyDBCache])
        #expect(found.first?.hint.contains("${default_cache_db_type}:/var/lib/postfix/smtp_scache") == true, "\(found.map(\.hint))")
    }

    @Test func anExplicitCurveListThatOverridesTheBuiltInDefault() {
        let found = rules(main: clean + "tls_eecdh_auto_curves = prime256v1 secp384r1\n")
        #expect(found.map(\.code) == [.curvesOverridden])
        #expect(found.first?.message.contains("prime256v1 secp384r1") == true)
        let builtIn = BuiltInPostfixDefaults.table["tls_eecdh_auto_curves"] ?? ""
        #expect(!builtIn.isEmpty)
        #expect(rules(main: clean + "tls_eecdh_auto_curves = \(builtIn)\n").isEmpty, "the default written out changes nothing")
    }

    @Test func certbotArchivePaths() {
        let found = rules(main: "smtpd_tls_chain_files = /etc/letsencrypt/archive/mail/privkey3.pem, /etc/letsencrypt/archive/mail/fullchain3.pem\n")
        #expect(found.filter { $0.code == .certbotArchivePath }.count == 2)
        #expect(rules(main: "smtpd_tls_chain_files = /etc/letsencrypt/live/mail/privkey.pem, /etc/letsencrypt/live/mail/fullchain.pem\n").isEmpty)
    }

    @Test func optionsUnderACommentedOutServiceAreStillActive() {
        let master = """
            smtp      inet  n       -       y       -       -       smtpd
            #submission inet n       -       y       -       -       smtpd
              -o syslog_name=postfix/submission
              -o smtpd_tls_security_level=encrypt
            pickup    unix  n       -       y       60      1       pickup

            """
        let found = rules(main: clean, master: master)
        #expect(found.map(\.code) == [.commentedServiceOptions])
        #expect(found.first?.message.contains("line 3") == true && found.first?.message.contains("submission") == true)
    }

    @Test func aTLSConfigFileThatCannotBeRead() {
        let found = rules(main: clean + "tls_config_file = /nonexistent/openssl.cnf\n")
        #expect(found.map(\.code) == [.tlsConfigFileFails] && found.first?.severity == .error)
        #expect(rules(main: clean + "tls_config_file = default\n").isEmpty)
    }

    @Test func deprecationsOfTheInstalledVersion() {
        let settings = clean + "smtp_cname_overrides_servername = no\ntlsproxy_client_level = may\n"
        #expect(rules(main: settings).isEmpty, "3.7 does not deprecate them")
        let found = rules(main: settings, version: PostfixVersion(3, 11, 0))
        #expect(found.map(\.code) == [.obsoleteSetting, .obsoleteSetting], "\(found.map(\.message))")
        #expect(found.first?.message.contains("3.11") == true)
    }
}
