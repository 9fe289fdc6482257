extension [PresentedPair] {
    /// The key types the pairs present, in report order.
    public var keyTypes: [ServerKeyType] { Set(compactMap(\.keyType)).sorted() }

    /// `multiple-keys` for each key type that more than one pair presents: OpenSSL keeps
    /// one certificate per key type, Postfix logs "not replacing certificate" and TLS fails
    /// for the clients of that list (the default chains, or an SNI name). `reload` is the
    /// command that makes Postfix read the list again once the extra pair is gone.
    func sameTypeFindings(reload: String) -> [Finding] {
        keyTypes.compactMap { type in
            let same = filter { $0.keyType == type }
            guard same.count > 1 else { return nil }
            let files = same.flatMap(\.files).reduce(into: [String]()) { list, file in if !list.contains(file) { list.append(file) } }
            return Finding(.multipleKeys, .error, file: same[1].files.first,
                           message: Catalog.text("check.keys.sameType", ["files": files.map(SafeText.escape).joinedAsList(), "type": type.rawValue]),
                           hint: Catalog.text("check.keys.sameType.hint", ["type": type.rawValue, "command": reload]))
        }
    }
}
