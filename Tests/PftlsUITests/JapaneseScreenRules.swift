import PftlsCore

/// What a Japanese reader expects of every screen and every line of output (JA-STYLE.md
/// sections 1-2): lines within the width in cells, no line that starts with closing
/// punctuation, a small kana or a particle, none that ends with an opening bracket, no
/// ASCII punctuation touching Japanese, and no English word outside the literals a
/// Japanese UI keeps (codes, parameter names, paths, commands, protocol and key names).
enum JapaneseScreenRules {
    /// Not at the start of a line.
    static let forbiddenAtStart: Set<Character> = Set("、。，．）」』］】〉》？！・：；ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョはがをにのでと")
    /// Not at the end of a line.
    static let forbiddenAtEnd: Set<Character> = Set("（「『［【〈《")
    /// English words a Japanese screen keeps as they are.
    static let literals: Set<String> = [
        "pftls", "Postfix", "Dovecot", "OpenSSL", "Debian", "Cyrus", "saslauthd", "certbot", "Let's", "Encrypt",
        "TLS", "STARTTLS", "SMTP", "SASL", "DANE", "TLSA", "CSR", "CA", "CN", "PEM", "RSA", "ECDSA", "DNS", "DNSSEC", "MX",
        "IMAP", "POP3", "SNI", "JSON", "SHA", "sha256", "OK", "IPv4", "IPv6", "ID", "UTC", "PgUp", "PgDn", "Enter", "Esc",
        "Tab", "Space", "Home", "End", "Ctrl", "Shift", "BackSpace", "Backspace", "Del", "root", "postfix", "smtp",
        "submission", "submissions", "smtpd", "master", "main", "cf", "pem", "key", "crt", "postconf", "postmap",
        "check", "reload", "dovecot", "auth", "private", "may", "encrypt", "none", "dane", "verify", "secure", "chain",
        "file", "files", "legacy", "inet", "unix", "openssl", "systemctl", "sh", "restore", "example", "com",
        "localhost", "mail", "tls", "y", "n", "q", "x", "p", "i", "s", "F1", "F10", "Y", "N",
        "RFC", "MUST", "NOT", "fingerprint", "yes", "no", "EC", "DV", "OV", "EV", "OU", "ST", "JP", "P", "OCSP", "ACME", "YYYYMMDDTHHMMSSZ",
    ]

    /// Everything wrong with `lines` (one screen, or a command's output) at `width` cells.
    static func violations(in lines: [String], width: Int) -> [String] {
        var found: [String] = []
        let texts = lines.map(textPart)
        let japanese = texts.contains { $0.contains(where: isJapanese) }
        for (number, line) in lines.enumerated() {
            let cells = DisplayWidth.columns(of: line)
            if cells > width { found.append("line \(number + 1) is \(cells) cells wide: \(line)") }
            let text = texts[number]
            if let first = text.first, forbiddenAtStart.contains(first), number > 0, !texts[number - 1].isEmpty {
                found.append("line \(number + 1) starts with \(first): \(texts[number - 1])⏎\(text)")
            }
            if let last = text.last, forbiddenAtEnd.contains(last) { found.append("line \(number + 1) ends with \(last): \(text)") }
            found += punctuation(in: text).map { "line \(number + 1): ASCII \($0) beside Japanese: \(text)" }
            found += strayEnglish(in: text, onJapaneseScreen: japanese).map { "line \(number + 1): English \"\($0)\": \(text)" }
        }
        return found
    }

    /// A line without the frame drawn around it and the spaces at either end.
    static func textPart(_ line: String) -> String {
        line.trimming { $0 == " " || "│┌┐└┘─├┤".contains($0) }
    }

    private static func isJapanese(_ character: Character) -> Bool {
        guard let value = character.unicodeScalars.first?.value else { return false }
        return (0x3041...0x30FF).contains(value) || (0x4E00...0x9FFF).contains(value)
    }

    /// ASCII `, ? ! : ; (` right after Japanese, or `)` right before it.
    private static func punctuation(in text: String) -> [Character] {
        let characters = Array(text)
        var found: [Character] = []
        for (index, character) in characters.enumerated() {
            let before = index > 0 ? characters[index - 1] : nil
            let after = index + 1 < characters.count ? characters[index + 1] : nil
            if ",?!:;(".contains(character), let before, isJapanese(before) { found.append(character) }
            if character == ")", let after, isJapanese(after) { found.append(character) }
        }
        return found
    }

    /// Words of two or more ASCII letters that are not a literal the UI keeps: not in
    /// `literals`, and not part of a path, a parameter name, a code, an address, a
    /// certificate subject or a value quoted in 「」.
    private static func strayEnglish(in text: String, onJapaneseScreen: Bool) -> [String] {
        guard onJapaneseScreen else { return [] }
        var found: [String] = []
        // A value quoted in 「」 and a certificate's subject (`CN=pftls Test Intermediate`, up to
        // the 、 after it) are data shown as they are.
        let unquoted = text.replacing(/「[^」]*」/, with: "「」").replacing(/CN=[^、]*/, with: "CN=")
        for token in unquoted.split(whereSeparator: { $0 == " " || isJapanese($0) || "、。（）「」：？・【】".contains($0) }) {
            // A finding code: `[expired]`, `[key-cert-mismatch]`.
            if token.hasPrefix("["), token.hasSuffix("]"), token.allSatisfy({ !$0.isUppercase }) { continue }
            let bare = token.trimming { ":,;.[]".contains($0) }
            if bare.contains(where: { "/_=.@[]{}<>'\"`-0123456789:".contains($0) }) { continue }
            let word = bare.trimming { !$0.isLetter }
            guard word.count >= 2, word.allSatisfy({ $0.isASCII && $0.isLetter }) else { continue }
            if !literals.contains(word) { found.append(word) }
        }
        return found
    }
}
