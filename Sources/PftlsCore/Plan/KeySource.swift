/// A private key with its certificate and intermediates, as the answers name them: the
/// default pair, a second key of the other type (`"additionalKey"`), or an SNI entry's.
public struct KeySource: Equatable, Sendable {
    public var privateKey: String
    public var certificate: String
    public var intermediates: [String]

    /// Creates a key source.
    public init(privateKey: String, certificate: String, intermediates: [String] = []) {
        self.privateKey = privateKey
        self.certificate = certificate
        self.intermediates = intermediates
    }

    /// Every file, key first.
    public var paths: [String] { [privateKey, certificate] + intermediates }
}

/// One SNI map entry to install (`"sni"` in the answers): the names clients send (a
/// `.example.com` name serves its subdomains, as Postfix looks names up), the key and
/// chain served to them, and optionally a second key of the other type.
public struct SNIAnswer: Equatable, Sendable {
    /// The names, each a key of the map.
    public var names: [String]
    /// The pair served for them.
    public var key: KeySource
    /// A second pair of another key type (RSA beside ECDSA).
    public var additionalKey: KeySource?

    /// Creates an entry.
    public init(names: [String], key: KeySource, additionalKey: KeySource? = nil) {
        self.names = names
        self.key = key
        self.additionalKey = additionalKey
    }

    /// The pairs, the first one first.
    public var keys: [KeySource] { [key] + (additionalKey.map { [$0] } ?? []) }
}

extension Answers {
    /// The default pair, as a key source.
    public var defaultKey: KeySource {
        KeySource(privateKey: privateKey, certificate: certificate, intermediates: intermediates)
    }

    /// The default pairs: the key, then the additional key when there is one.
    public var defaultKeys: [KeySource] { [defaultKey] + (additionalKey.map { [$0] } ?? []) }
}

extension SNIAnswer {
    /// Why `name` cannot be an SNI map key, nil when it can: a host name, or `.example.com`
    /// for the subdomains (Postfix has no `*.` syntax in this map).
    public static func problem(with name: String) -> String? {
        if name.hasPrefix("*.") {
            return Catalog.text("sni-answer.name.star", ["name": SafeText.escape(name), "parent": SafeText.escape(String(name.dropFirst()))])
        }
        let labels = (name.hasPrefix(".") ? String(name.dropFirst()) : name).split(separator: ".", omittingEmptySubsequences: false)
        let valid = labels.count >= 2 && labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
        return valid ? nil : Catalog.text("sni-answer.name.invalid", ["name": SafeText.escape(name)])
    }
}
