import PftlsCore

/// The core's escaping, used by the screen buffer so no control character can
/// reach the terminal through the UI.
enum SafeTextBridge {
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool { SafeText.needsEscape(scalar) }
    static func escape(_ text: String) -> String { SafeText.escape(text) }
}
