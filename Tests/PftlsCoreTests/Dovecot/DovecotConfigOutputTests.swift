import Foundation
import Testing
@testable import PftlsCore

/// Reading what doveconf prints: the version line, the TLS settings of 2.3 and 2.4 and the
/// listeners. The 2.3 texts are doveconf's own output on Debian 12 (Dovecot 2.3.19.1,
/// dovecot-imapd/-pop3d/-managesieved), shortened to the lines that matter here.
@Suite struct DovecotConfigOutputTests {
    /// `doveconf -n -P` on Debian 12 with a local_name block and a second (ECDSA) pair added.
    let debian23 = """
        # 2.3.19.1 (9b53102964): /etc/dovecot/dovecot.conf
        # Pigeonhole version 0.5.19 (4eae2f79)
        # OS: Linux 6.1.0 x86_64 Debian 12.11
        local_name "imap.example.com mail.example.com" {
          ssl_cert = </etc/dovecot/sni/imap.pem
          ssl_key = </etc/dovecot/sni/imap.key
        }
        mail_location = mbox:~/mail:INBOX=/var/mail/%u
        namespace inbox {
          inbox = yes
          mailbox Drafts {
            special_use = \\Drafts
          }
        }
        protocols = " imap sieve pop3"
        ssl_alt_cert = </etc/dovecot/private/ecdsa.pem
        ssl_alt_key = </etc/dovecot/private/ecdsa.key
        ssl_cert = </etc/dovecot/private/dovecot.pem
        ssl_client_ca_dir = /etc/ssl/certs
        ssl_dh = </usr/share/dovecot/dh.pem
        ssl_key = </etc/dovecot/private/dovecot.key
        """

    /// The 2.4 form doveconf -n prints for `ssl_server_cert_file = …` (DOVECOT-AND-SNI-FACTS.md).
    let debian24 = """
        # 2.4.1-4 (7d8c0e5759): /etc/dovecot/dovecot.conf
        dovecot_config_version = 2.4.0
        protocols {
          imap = yes
          pop3 = yes
        }
        ssl_server {
          cert_file = /etc/dovecot/private/dovecot.pem
          key_file = /etc/dovecot/private/dovecot.key
        }
        local_name mail.example.com {
          ssl_server_cert_file = <"/etc/dovecot/sni/mail.pem"
          ssl_server_key_file = /etc/dovecot/sni/mail.key
        }
        """

    @Test func readsTheVersionLine() throws {
        let header = try #require(DovecotConfigHeader(debian23))
        #expect(header.version == DovecotVersion(2, 3, 19))
        #expect(header.configFile == "/etc/dovecot/dovecot.conf")
        #expect(DovecotConfigHeader("mail_location = x\n") == nil)
        #expect(DovecotVersion(parsing: "2.4.1-4 (7d8c0e5759)") == DovecotVersion(2, 4, 1))
        #expect(DovecotVersion(parsing: "2.4.1-4 (7d8c0e5759)")?.namesServerFiles == true)
        #expect(DovecotVersion(2, 3, 21).namesServerFiles == false)
    }

    @Test func readsTheSettingsOf23() throws {
        let settings = try #require(DovecotTLSSettings(doveconf: debian23))
        #expect(settings.ssl == "yes")
        #expect(settings.pair == DovecotKeyPair(certificate: "/etc/dovecot/private/dovecot.pem", key: "/etc/dovecot/private/dovecot.key", spelledForVersion: true))
        #expect(settings.alternate?.certificate == "/etc/dovecot/private/ecdsa.pem")
        #expect(settings.localNames.map(\.names) == [["imap.example.com", "mail.example.com"]])
        #expect(settings.localNames.first?.pair?.key == "/etc/dovecot/sni/imap.key")
    }

    @Test func readsTheNestedFormOf24AndAMarkerWhereItDoesNotBelong() throws {
        let settings = try #require(DovecotTLSSettings(doveconf: debian24))
        #expect(settings.pair == DovecotKeyPair(certificate: "/etc/dovecot/private/dovecot.pem", key: "/etc/dovecot/private/dovecot.key", spelledForVersion: true))
        let block = try #require(settings.localNames.first)
        #expect(block.names == ["mail.example.com"])
        #expect(block.pair?.certificate == "/etc/dovecot/sni/mail.pem")
        #expect(block.pair?.spelledForVersion == false)
    }

    @Test func aValueWithoutTheMarkerIsNotAFileIn23() throws {
        let text = "# 2.3.19.1 (9b53102964): /etc/dovecot/dovecot.conf\nssl = required\nssl_cert = /etc/ssl/mail.pem\nssl_key = </etc/ssl/mail.key\n"
        let settings = try #require(DovecotTLSSettings(doveconf: text))
        #expect(settings.ssl == "required")
        #expect(settings.pair?.spelledForVersion == false)
        #expect(settings.pair?.key == "/etc/ssl/mail.key")
    }

    @Test func listenersOfTheEnabledProtocolsOnLoopback() {
        // doveconf service/imap-login service/pop3-login service/managesieve-login listen protocols base_dir (2.3.19, shortened).
        let text = """
            service imap-login {
              inet_listener imap {
                address =
                port = 143
                ssl = no
              }
              inet_listener imaps {
                address =
                port = 993
                ssl = yes
              }
            }
            service pop3-login {
              inet_listener pop3 {
                address =
                port = 0
                ssl = no
              }
              inet_listener pop3s {
                address = 192.0.2.7
                port = 995
                ssl = yes
              }
            }
            service managesieve-login {
              inet_listener sieve {
                address =
                port = 4190
                ssl = no
              }
            }
            listen = *, ::
            protocols = " imap pop3"
            base_dir = /run/dovecot
            """
        let listeners = DovecotListener.listeners(in: text, ipv4LoopbackIsUp: true)
        #expect(listeners.map(\.label) == ["dovecot imap 127.0.0.1:143", "dovecot imaps 127.0.0.1:993", "dovecot pop3s 192.0.2.7:995"])
        #expect(listeners.map(\.mode) == [.imapStartTLS, .imapImplicit, .pop3Implicit])
        #expect(listeners.map(\.onEveryIPv4Address) == [true, true, false])

        // A host (or container) without 127.0.0.1: `*, ::` is reached on ::1, and the
        // canary (127.0.0.2) has no place.
        let withoutIPv4Loopback = DovecotListener.listeners(in: text, ipv4LoopbackIsUp: false)
        #expect(withoutIPv4Loopback.map(\.label) == ["dovecot imap [::1]:143", "dovecot imaps [::1]:993", "dovecot pop3s 192.0.2.7:995"])
        #expect(withoutIPv4Loopback.allSatisfy { !$0.onEveryIPv4Address })
    }

    @Test func anIPv6OnlyListenIsProbedOnIPv6Loopback() {
        #expect(DovecotListener.probeHosts("::") == ["::1"])
        #expect(DovecotListener.probeHosts("*, ::") == ["127.0.0.1"])
        #expect(DovecotListener.probeHosts("*, ::", ipv4LoopbackIsUp: false) == ["::1"])
        #expect(DovecotListener.probeHosts("*", ipv4LoopbackIsUp: false) == ["127.0.0.1"], "nothing better to try")
        #expect(DovecotListener.probeHosts("[::1], 127.0.0.1") == ["::1", "127.0.0.1"])
        #expect(DovecotListener(name: "imaps", host: "::1", port: 993, mode: .imapImplicit).label == "dovecot imaps [::1]:993")
    }

    @Test func protocolsOf24AsASection() {
        let top = DovecotConfigOutput.parse("protocols {\n  imap = yes\n  pop3 = no\n}\n")
        #expect(DovecotListener.enabledProtocols(top) == ["imap"])
    }
}
