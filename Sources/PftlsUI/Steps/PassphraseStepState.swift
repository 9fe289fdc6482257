import PftlsCore

/// Step 3: the key's passphrase, typed into a masked field. The typed bytes live
/// only here until they are moved into wiped memory.
public struct PassphraseStepState {
    /// Typed characters; never drawn, never logged.
    private(set) var typed: [UInt8] = []
    public var message: String?
    public var checking = false
    /// The passphrase that opened the key, and the key file it opened: a newly
    /// picked key always gets its own prompt.
    public var accepted: SecretBytes?
    /// The key file `accepted` opened.
    public var acceptedFor: String?

    /// The accepted passphrase when it belongs to `keyFile`, else nil.
    func passphrase(for keyFile: String?) -> SecretBytes? { keyFile != nil && keyFile == acceptedFor ? accepted : nil }

    /// Number of characters typed, for the mask.
    public var length: Int { typed.count }

    mutating func edit(_ key: Key) {
        switch key {
        case .character(let character): typed.append(contentsOf: Array(String(character).utf8))
        case .backspace: if !typed.isEmpty { typed.removeLast() }
        case .control("u"): clear()
        default: break
        }
    }

    /// Moves the typed bytes into wiped memory and clears the field.
    mutating func take() -> SecretBytes {
        let secret = SecretBytes(wiping: &typed)
        typed.removeAll()
        return secret
    }

    mutating func clear() { _ = take() }
}
