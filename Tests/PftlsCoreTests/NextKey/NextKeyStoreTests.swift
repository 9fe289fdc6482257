import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// The staged next key's rules: made once 0600 and reused after that; a link, a file
/// others can read, a file with no key and a key of another type are refused with the
/// file named and the fix.
@Suite struct NextKeyStoreTests {
    let directory = TemporaryDirectory.create("pftls-next-key")
    let store = NextKeyStore(trustedOwner: getuid())

    private func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }

    @Test func theFirstRunMakesA0600KeyNamedByItsTypeAndLaterRunsReuseIt() throws {
        let first = try store.stage(.ecP256, in: directory)
        #expect(first.created)
        #expect(first.key.path == directory + "/next-key-ecdsa.pem")
        #expect(mode(first.key.path) == 0o600)
        let again = try store.stage(.ecP256, in: directory)
        #expect(!again.created)
        #expect(again.key.publicKeyDigest == first.key.publicKeyDigest)
        #expect(again.key.record == first.key.record)
        let rsa = try store.stage(.rsa2048, in: directory)
        #expect(rsa.created && rsa.key.path == directory + "/next-key-rsa.pem", "one staged key per key type")
        #expect(rsa.key.publicKeyDigest != first.key.publicKeyDigest)
    }

    @Test func aSymbolicLinkIsRefused() throws {
        let target = directory + "/elsewhere.pem"
        FileManager.default.createFile(atPath: target, contents: Data(TestPKI.pem(try KeyGenerator.generate(.ec(curve: "P-256"))).utf8),
                                       attributes: [.posixPermissions: 0o600])
        try FileManager.default.createSymbolicLink(atPath: directory + "/next-key-ecdsa.pem", withDestinationPath: target)
        let problem = try refusal { try store.stage(.ecP256, in: directory) }
        #expect(problem.contains(directory + "/next-key-ecdsa.pem") && problem.contains("symbolic link"), "\(problem)")
    }

    @Test func aFileOthersCanReadIsRefusedWithChmodOrRemove() throws {
        let staged = try store.stage(.ecP256, in: directory).key.path
        chmod(staged, 0o644)
        let problem = try refusal { try store.stage(.ecP256, in: directory) }
        #expect(problem.contains("mode 644") && problem.contains("chmod 600 \(staged)") && problem.contains("remove it"), "\(problem)")
    }

    @Test func aFileWithoutAPrivateKeyIsRefused() throws {
        FileManager.default.createFile(atPath: directory + "/next-key-rsa.pem", contents: Data(TestPKI.shared.leaf.certificate.pem.utf8),
                                       attributes: [.posixPermissions: 0o600])
        let problem = try refusal { try store.stage(.rsa2048, in: directory) }
        #expect(problem.contains("next-key-rsa.pem") && problem.contains("no unencrypted private key"), "\(problem)")
    }

    @Test func aKeyOfAnotherTypeThanAskedIsRefused() throws {
        _ = try store.stage(.rsa2048, in: directory)
        let problem = try refusal { try store.stage(.rsa3072, in: directory) }
        #expect(problem.contains("RSA 2048") && problem.contains("rsa3072") && problem.contains("--key-type"), "\(problem)")
        FileManager.default.createFile(atPath: directory + "/next-key-ecdsa.pem", contents: Data(TestPKI.pem(try KeyGenerator.generate(.rsa(bits: 2048))).utf8),
                                       attributes: [.posixPermissions: 0o600])
        let misplaced = try refusal { try store.stage(.ecP256, in: directory) }
        #expect(misplaced.contains("next-key-ecdsa.pem") && misplaced.contains("ec-p256"), "\(misplaced)")
        let found = store.staged([directory + "/next-key-ecdsa.pem", directory + "/next-key-rsa.pem"])
        #expect(found.keys.map(\.path) == [directory + "/next-key-rsa.pem"])
        #expect(found.problems.map(\.path) == [directory + "/next-key-ecdsa.pem"], "check names the file it cannot use")
    }

    private func refusal(_ body: () throws -> Any) throws -> String {
        do {
            _ = try body()
        } catch let problem as NextKeyStore.Problem {
            return problem.description
        }
        Issue.record("not refused")
        return ""
    }

    /// A key someone else owns, or one in a directory others may write in, is never reused:
    /// its record would pin a key its planter holds.
    @Test func aKeyOfAnotherOwnerOrInADirectoryOthersMayWriteIsNeverReused() throws {
        let staged = try store.stage(.ecP256, in: directory).key.path
        let foreign = NextKeyStore(trustedOwner: getuid() + 1)
        let owner = try refusal { try foreign.read(staged, type: .ecdsa) }
        #expect(owner.contains(staged) && owner.contains("belongs to user"), "\(owner)")
        chmod(directory, 0o777)
        defer { chmod(directory, 0o700) }
        let open = try refusal { try store.stage(.ecP256, in: directory) }
        #expect(open.contains(directory), "the directory is judged before the key in it is reused: \(open)")
    }
}
