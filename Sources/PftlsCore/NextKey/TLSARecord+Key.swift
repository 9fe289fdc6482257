extension TLSARecord {
    /// The `3 1 1` record of a key that has no certificate yet (a staged next key).
    public static func endEntity(key: PrivateKey) -> TLSARecord {
        TLSARecord(usage: 3, selector: 1, matchingType: 1, data: key.subjectPublicKeyInfoSHA256)
    }

    /// True when this DANE-EE record pins `key`'s public key (`3 1 0`, `3 1 1` or
    /// `3 1 2`): any certificate for the key will match it. Records of a whole certificate
    /// (`3 0 x`) and of an issuer (`2 x x`) cannot be judged from a key alone: false.
    public func pins(_ key: PrivateKey) -> Bool {
        guard usage == 3, selector == 1, matchingType <= 2 else { return false }
        let info = PublicKeyDigest.der(of: key.pointer)
        return !info.isEmpty && hashed(info) == data
    }
}
