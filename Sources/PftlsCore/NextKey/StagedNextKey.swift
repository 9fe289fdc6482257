/// A staged next key (`pftls csr --next-key`): a private key made long before the
/// renewal, whose DANE `3 1 1` record is published beside the current key's, so that
/// the switch to it never leaves a DANE sender without a matching record. It lives in
/// the certificate directory as `next-key-rsa.pem` or `next-key-ecdsa.pem` (0600) until
/// a renewal with a certificate for it promotes it.
public struct StagedNextKey: Sendable {
    /// The staged file.
    public let path: String
    /// The key it holds.
    public let key: PrivateKey

    /// Creates a staged key read from `path`.
    public init(path: String, key: PrivateKey) {
        self.path = path
        self.key = key
    }

    /// The key's type; nil for a family no TLS server can present.
    public var type: ServerKeyType? { ServerKeyType(key.algorithm) }

    /// The SHA-256 of the key's SubjectPublicKeyInfo: the data of its `3 1 1` record.
    public var publicKeyDigest: [UInt8] { key.subjectPublicKeyInfoSHA256 }

    /// The `3 1 1` record to publish for it.
    public var record: TLSARecord { TLSARecord.endEntity(key: key) }

    /// True when `certificate` carries this key's public half.
    public func isKey(of certificate: Certificate) -> Bool {
        certificate.subjectPublicKeyInfoSHA256 == publicKeyDigest
    }
}

/// Where staged next keys live: one file per key type, in the directory of the key in
/// use of that type.
public enum NextKeyFile {
    /// `next-key-rsa.pem`, `next-key-ecdsa.pem`, `next-key-eddsa.pem`.
    public static func name(for type: ServerKeyType) -> String { "next-key-\(type.rawValue.lowercased()).pem" }

    /// The staged file of `type` in `directory`.
    public static func path(in directory: String, for type: ServerKeyType) -> String {
        (directory.hasSuffix("/") ? String(directory.dropLast()) : directory) + "/" + name(for: type)
    }

    /// The directory of the key in use of `type` (the first default pair of that type),
    /// else the directory of the certificate files in use, else the configuration
    /// directory: where `csr` makes the request and key when not told (`RequestDefaults`).
    public static func directory(for type: ServerKeyType, pairs: [PresentedPair], setup: TLSSetupInForce?, configDirectory: String) -> String {
        guard let pair = pairs.first(where: { $0.keyType == type }), let file = keyFile(of: pair) else {
            return RequestDefaults.directory(setup: setup, configDirectory: configDirectory)
        }
        return AtomicFileWriter.split(file).directory
    }

    /// Every staged file `check` and `renew` look for: one per key type, each where
    /// `directory(for:…)` puts it.
    public static func candidates(pairs: [PresentedPair], setup: TLSSetupInForce?, configDirectory: String) -> [String] {
        ServerKeyType.allCases.map { path(in: directory(for: $0, pairs: pairs, setup: setup, configDirectory: configDirectory), for: $0) }
    }

    /// The file of `pair` that holds its key.
    static func keyFile(of pair: PresentedPair) -> String? {
        pair.report.files.first(where: \.holdsKey)?.path ?? pair.files.first
    }
}

extension RequestMaker.KeyType {
    /// The server key type a key of this kind is.
    public var serverKeyType: ServerKeyType {
        switch self {
        case .rsa2048, .rsa3072: .rsa
        case .ecP256: .ecdsa
        }
    }

    /// True when `algorithm` is a key of exactly this kind (family and size or curve).
    func describes(_ algorithm: KeyAlgorithm) -> Bool {
        switch self {
        case .rsa2048: algorithm.family == .rsa && algorithm.bits == 2048
        case .rsa3072: algorithm.family == .rsa && algorithm.bits == 3072
        case .ecP256: algorithm.family == .ec && algorithm.curve == "prime256v1"
        }
    }
}
