extension NextKeyStore {
    /// The staged next key a renewal without `--key` promotes: the one whose public key
    /// `leaf` carries, when no default pair in use holds that key already (the key in use
    /// is then kept, as ever). nil otherwise, and for a staged file that cannot be used
    /// (the renewal then goes on as without one, and its checks say what does not fit).
    /// `named` is the `--key` given, if any: a renewal that names the staged file itself
    /// promotes it too, so the file does not stay behind as a "next" key that is in use.
    public func promotion(for leaf: Certificate?, named: String? = nil, pairs: [PresentedPair], setup: TLSSetupInForce,
                          configDirectory: String) -> StagedNextKey? {
        guard let leaf, !pairs.contains(where: { $0.leaf.map { $0.subjectPublicKeyInfoSHA256 == leaf.subjectPublicKeyInfoSHA256 } == true }) else {
            return nil
        }
        let keys = staged(NextKeyFile.candidates(pairs: pairs, setup: setup, configDirectory: configDirectory)).keys
        guard let named else { return keys.first { $0.isKey(of: leaf) } }
        let resolved = fileSystem.resolvedPath(named) ?? named
        return keys.first { $0.isKey(of: leaf) && (fileSystem.resolvedPath($0.path) ?? $0.path) == resolved }
    }
}
