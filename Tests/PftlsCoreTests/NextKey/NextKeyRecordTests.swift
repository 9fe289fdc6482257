import Foundation
import Testing
@testable import PftlsCore
import COpenSSL
import PftlsTestSupport

/// Which TLSA records count for a staged next key and for the keys in use: the
/// findings `next-key-tlsa-missing` and `tlsa-stale-record`.
@Suite struct NextKeyRecordTests {
    let pki = TestPKI.shared

    private func staged() throws -> StagedNextKey {
        StagedNextKey(path: "/etc/postfix/tls/next-key-ecdsa.pem", key: try KeyGenerator.generate(.ec(curve: "P-256")))
    }

    private func publication(_ records: [TLSARecord]) -> TLSAPublication {
        TLSAPublication(name: "mail.example.test", records: records, ttl: 300, authenticated: false)
    }

    @Test func aRecordPinsAKeyBySubjectPublicKeyInfoInAnyMatchingType() throws {
        let next = try staged()
        let info = PublicKeyDigest.der(of: next.key.pointer)
        #expect(TLSARecord(usage: 3, selector: 1, matchingType: 0, data: info).pins(next.key))
        #expect(TLSARecord.endEntity(key: next.key).pins(next.key))
        #expect(TLSARecord(usage: 3, selector: 1, matchingType: 2, data: PublicKeyDigest.digest(info, EVP_sha512())).pins(next.key))
        #expect(!TLSARecord(usage: 2, selector: 1, matchingType: 1, data: next.publicKeyDigest).pins(next.key), "DANE-TA pins an issuer")
        #expect(!TLSARecord(usage: 3, selector: 0, matchingType: 1, data: next.publicKeyDigest).pins(next.key), "3 0 1 is a certificate's")
        #expect(!TLSARecord.endEntity(pki.leaf.certificate).pins(next.key))
        #expect(TLSARecord.endEntity(key: pki.leaf.key) == TLSARecord.endEntity(pki.leaf.certificate))
    }

    @Test func theStagedKeyWithoutARecordIsNextKeyTLSAMissingWithTheRecordToPublish() throws {
        let next = try staged()
        let chain = [pki.leaf.certificate, pki.intermediate.certificate]
        let audit = NextKeyAudit(staged: [next], inUse: [chain])
        let findings = audit.findings([publication([.endEntity(pki.leaf.certificate)])]) { _ in [chain] }
        let missing = try #require(findings.first)
        #expect(findings.map(\.code) == [.nextKeyTLSAMissing])
        #expect(missing.severity == .warning && missing.file == next.path)
        #expect(missing.message.contains(next.path) && missing.message.contains("_25._tcp.mail.example.test"), "\(missing.message)")
        #expect(missing.hint.contains("_25._tcp.mail.example.test. 300 IN TLSA 3 1 1 \(Hex.lowercase(next.publicKeyDigest))"), "\(missing.hint)")

        let published = audit.findings([publication([.endEntity(pki.leaf.certificate), next.record])]) { _ in [chain] }
        #expect(published.isEmpty, "\(published)")
        let sha512 = TLSARecord(usage: 3, selector: 1, matchingType: 2, data: PublicKeyDigest.digest(PublicKeyDigest.der(of: next.key.pointer), EVP_sha512()))
        #expect(audit.findings([publication([.endEntity(pki.leaf.certificate), sha512])]) { _ in [chain] }.isEmpty)
        #expect(audit.findings([publication([])]) { _ in [chain] }.isEmpty, "no records: no DANE, nothing to say")
        #expect(audit.findings([publication([.trustAnchor(pki.intermediate.certificate)])]) { _ in [chain] }.isEmpty,
                "DANE-TA records alone pin no key")
        #expect(NextKeyAudit(staged: [], inUse: [chain]).findings([publication([.endEntity(pki.leaf.certificate)])]) { _ in [chain] }.isEmpty)
    }

    @Test func aRecordOfNoKeyInUseAndNoStagedKeyIsStaleOnlyWhenEveryKeyInUseHasOne() throws {
        let next = try staged()
        let old = try pki.issueLeaf(.server("mail.example.test"))
        let rsa = try pki.issueLeaf(.server("mail.example.test"), key: KeyGenerator.generate(.rsa(bits: 2048)))
        let ecdsaChain = [pki.leaf.certificate, pki.intermediate.certificate]
        let rsaChain = [rsa.certificate, pki.intermediate.certificate]
        let audit = NextKeyAudit(staged: [next], inUse: [ecdsaChain, rsaChain])
        let records: [TLSARecord] = [.endEntity(old.certificate), .endEntity(pki.leaf.certificate), .endEntity(rsa.certificate), next.record,
                                     .trustAnchor(old.certificate)]
        let findings = audit.findings([publication(records)]) { _ in [ecdsaChain, rsaChain] }
        #expect(findings.map(\.code) == [.tlsaStaleRecord], "RSA and ECDSA side by side are both current: \(findings)")
        let stale = try #require(findings.first)
        #expect(stale.severity == .info)
        #expect(stale.message.contains(TLSARecord.endEntity(old.certificate).text))
        #expect(stale.hint.contains("unless another host uses it") && stale.hint.contains("_25._tcp.mail.example.test. 300 IN TLSA \(TLSARecord.endEntity(old.certificate).text)"))

        let rsaUnmatched = audit.findings([publication([.endEntity(old.certificate), .endEntity(pki.leaf.certificate), next.record])]) { _ in [ecdsaChain, rsaChain] }
        #expect(rsaUnmatched.isEmpty, "a key type without a record is tlsa-mismatch's to report; nothing is called stale then: \(rsaUnmatched)")
    }

    /// `3 1 1` + `2 1 1`: the DANE-TA record covers a renewal from the same CA, so the missing
    /// key record is advice (info), not the warning of a renewal that would be refused.
    @Test func aDANETARecordOfTheChainInUseMakesTheMissingKeyRecordInfo() throws {
        let next = try staged()
        let chain = [pki.leaf.certificate, pki.intermediate.certificate]
        let audit = NextKeyAudit(staged: [next], inUse: [chain])
        let anchored = audit.findings([publication([.endEntity(pki.leaf.certificate), .trustAnchor(pki.intermediate.certificate)])]) { _ in [chain] }
        #expect(anchored.map(\.code) == [.nextKeyTLSAMissing])
        #expect(anchored.first?.severity == .info && anchored.first?.message.contains("DANE-TA") == true, "\(anchored)")
        let otherCA = try TestPKI()
        let foreign = audit.findings([publication([.endEntity(pki.leaf.certificate), .trustAnchor(otherCA.intermediate.certificate)])]) { _ in [chain] }
        #expect(foreign.first?.severity == .warning, "a DANE-TA record of another CA covers nothing in use: \(foreign)")
    }
}
