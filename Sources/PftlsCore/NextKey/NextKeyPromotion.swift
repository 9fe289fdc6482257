extension NextKeyStore {
    /// The staged next key a renewal without `--key` promotes: the one whose public key
    /// `leaf` carries, when no default pair in use holds that key already (the key in use
    /// is then kept, as ever). nil otherwise, and for a staged file that cannot be used
    /// (the renewal then goes on as without one, and its checks say what does not fit).
    public func promotion(for leaf: Certificate?, pairs: [PresentedPair], setup: TLSSetupInForce, configDirectory: String) -> StagedNextKey? {
        guard let leaf, !pairs.contains(where: { $0.leaf.map { $0.subjectPublicKeyInfoSHA256 == leaf.subjectPublicKeyInfoSHA256 } == true }) else {
            return nil
        }
        return staged(NextKeyFile.candidates(pairs: pairs, setup: setup, configDirectory: configDirectory)).keys.first { $0.isKey(of: leaf) }
    }
}
