import COpenSSL
import FoundationEssentials
import Glibc

/// Makes what a CA's order form needs: a private key (0600 from the first byte, in a
/// directory only root can change) or the key in use, and a CSR for the names given.
/// `pftls csr` and the wizard's "I have no certificate yet" both use it.
public struct RequestMaker {
    /// The key types a CSR can be made for.
    public enum KeyType: String, CaseIterable, Sendable {
        case ecP256 = "ec-p256"
        case rsa2048
        case rsa3072

        /// The default of `pftls csr` and the wizard: RSA 2048, which every CA issues for
        /// and every SMTP peer can use.
        public static let recommended = KeyType.rsa2048

        var kind: KeyGenerator.Kind {
            switch self {
            case .rsa2048: .rsa(bits: 2048)
            case .rsa3072: .rsa(bits: 3072)
            case .ecP256: .ec(curve: "P-256")
            }
        }
    }

    /// What was made.
    public struct Made: Sendable {
        public let keyPath: String
        public let requestPath: String
        /// The CSR in PEM, to paste into the CA's form.
        public let request: String
        public let names: [String]
        /// True when the CSR carries the key in use (DANE 3 1 1 records stay valid).
        public let reusedKey: Bool
        /// The organisation fields of the subject (the common name is the first name that fits).
        public var subject: RequestSubject = .empty
    }

    /// Why nothing was made; the message names the problem and the fix.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// Who asks: a refusal's fix names what to change there (an option, or a field).
    public enum Asker: Sendable {
        case commandLine
        case wizard
    }

    let fileSystem: FileSystem
    let trustedOwner: UInt32
    let asker: Asker

    /// A maker that holds directories to the rules for `trustedOwner` (root: 0).
    public init(fileSystem: FileSystem = LocalFileSystem(), trustedOwner: UInt32 = 0, asker: Asker = .commandLine) {
        self.fileSystem = fileSystem
        self.trustedOwner = trustedOwner
        self.asker = asker
    }

    /// A DNS name a public CA issues for: labels of letters, digits and hyphens, a leading "*." allowed.
    public static func isHostName(_ name: String) -> Bool {
        let labels = (name.hasPrefix("*.") ? String(name.dropFirst(2)) : name).split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && name.count <= 253 && labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    /// Writes `FIRST-NAME.key` (unless `reuse` gives the key in use) and `FIRST-NAME.csr`
    /// into `directory` (`fileStem` shortens a name too long for a file name); the CSR's
    /// subject holds `subject`'s fields and the common name. An existing
    /// key is never overwritten, not even one another run makes at the same moment: the key
    /// file is created exclusively, and the run that comes second fails before it writes a
    /// CSR. Nothing is written when the request cannot be made. `requestName` names the
    /// CSR file instead (`next-key-rsa.csr` beside a staged next key).
    public func make(names: [String], keyType: KeyType, directory: String, reuse: (key: PrivateKey, path: String)? = nil,
                     subject: RequestSubject = .empty, requestName: String? = nil) throws(Problem) -> Made {
        guard let first = names.first else { throw Problem(description: Catalog.text("csr.no-name")) }
        if let bad = names.first(where: { !Self.isHostName($0) }) {
            throw Problem(description: Catalog.text("csr.bad-name", ["name": SafeText.escape(bad)]))
        }
        let base = URL(fileURLWithPath: directory).standardizedFileURL.path
        if let unsafe = DirectorySafety(fileSystem: fileSystem, trustedOwner: trustedOwner).check(base).first(where: { $0.severity == .error }) {
            throw Problem(description: [unsafe.message + Catalog.text("sentence.end"), unsafe.hint].joinedAsSentences())
        }
        let stem = base + "/" + Self.fileStem(first)
        let key: PrivateKey
        let keyPath: String
        if let reuse {
            (key, keyPath) = (reuse.key, reuse.path)
        } else {
            keyPath = stem + ".key"
            guard (try? fileSystem.status(of: keyPath)) == nil else {
                throw Problem(description: Catalog.text(asker == .wizard ? "request.key-exists" : "csr.key-exists", ["path": SafeText.escape(keyPath)]))
            }
            do { key = try KeyGenerator.generate(keyType.kind) } catch { throw Problem(description: "\(error)") }
        }
        let request: String
        do { request = try RequestFactory.request(names: names, key: key, subject: subject) } catch { throw Problem(description: "\(error)") }
        if reuse == nil {
            do { try KeyFileWriter().write(key: key, to: keyPath, replacing: false) } catch {
                if error.alreadyExists {
                    throw Problem(description: Catalog.text(asker == .wizard ? "request.key-appeared" : "csr.key-appeared", ["path": SafeText.escape(keyPath)]))
                }
                throw Problem(description: error.description)
            }
        }
        let requestPath = requestName.map { base + "/" + $0 } ?? stem + ".csr"
        do { try AtomicFileWriter().write(Array(request.utf8), to: requestPath, mode: 0o644) } catch {
            throw Problem(description: error.description)
        }
        return Made(keyPath: keyPath, requestPath: requestPath, request: request, names: names, reusedKey: reuse != nil, subject: subject)
    }

    /// The longest file name stem that leaves room for `.key` and `.csr` in NAME_MAX (255 bytes).
    static let longestStem = 251

    /// The file name stem of `name`'s key and CSR: the name itself, or, when `NAME.key`
    /// would be longer than a file name may be, its first 242 characters, a hyphen and
    /// the first 8 hex digits of its SHA-256, so that two long names never share files.
    static func fileStem(_ name: String) -> String {
        guard name.utf8.count > longestStem else { return name }
        let digest = PublicKeyDigest.digest(Array(name.utf8), EVP_sha256()).prefix(4)
        return String(decoding: name.utf8.prefix(longestStem - 9), as: UTF8.self) + "-" + Hex.lowercase(Array(digest))
    }

    /// The lines that say what was made and what comes next, for the instance in
    /// `configDirectory` (named in the commands when it is not the standard one).
    public static func summary(_ made: Made, configDirectory: String) -> [String] {
        [Catalog.text(made.reusedKey ? "csr.kept-key" : "csr.new-key", ["key": SafeText.escape(made.keyPath)]),
         Catalog.text("csr.written", ["csr": SafeText.escape(made.requestPath), "names": made.names.joinedAsList()])]
        + (made.subject.entries.isEmpty ? [] : [Catalog.text("csr.subject", ["subject": SafeText.escape(made.subject.text)])])
        + [Catalog.text(made.reusedKey ? "csr.next-reuse" : "csr.next", ["key": SafeText.escape(made.keyPath),
                                                                          "instance": SafeText.escape(SuggestedCommand.configDirectoryOption(configDirectory))])]
    }
}
