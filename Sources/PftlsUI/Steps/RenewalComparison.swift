import PftlsCore

/// The head of a renewal's review: the certificate in use and the new one side by side
/// (names, end of validity, serial number) and whether the key is kept or changed.
struct RenewalComparison {
    /// The certificate in use, and the one the renewal installs.
    let old: Certificate?
    let new: Certificate?
    /// The key file in use.
    let keyInUse: String
    /// The new key file picked, or nil when the key in use is kept.
    let newKey: String?

    /// The table in lines of at most `width` columns: a label column, then "In use" and
    /// "New"; a cell too long for its column wraps inside it.
    func lines(width: Int) -> [String] {
        let rows: [(String, String, String)] = [
            (Catalog.text("renewal.compare.title"), Catalog.text("renewal.compare.in-use"), Catalog.text("renewal.compare.new")),
            (Catalog.text("word.names"), Self.names(old), Self.names(new)),
            (Catalog.text("renewal.compare.until"), old.map { UTCTimestamp.format($0.notAfter) } ?? Catalog.text("word.none"), new.map { UTCTimestamp.format($0.notAfter) } ?? Catalog.text("word.none")),
            (Catalog.text("renewal.compare.serial"), old?.serialNumberText ?? Catalog.text("word.none"), new?.serialNumberText ?? Catalog.text("word.none")),
            (Catalog.text("word.key"), Self.fileName(keyInUse), keyText),
        ]
        let labelWidth = (rows.map { DisplayWidth.columns(of: $0.0) }.max() ?? 0) + 2
        let column = max(8, (width - labelWidth - 2) / 2)
        var lines: [String] = []
        for (label, before, after) in rows {
            let left = Self.cell(before, width: column)
            let right = Self.cell(after, width: column)
            for index in 0..<max(left.count, right.count) {
                let head = DisplayWidth.pad(index == 0 ? label : "", to: labelWidth)
                let line = head + DisplayWidth.pad(index < left.count ? left[index] : "", to: column + 2) + (index < right.count ? right[index] : "")
                lines.append(Self.trailingSpacesDropped(Substring(line)))
            }
        }
        return lines + [""]
    }

    /// Kept (the key in use, or the same key in another file) or changed (a new key).
    var keyText: String {
        let same = old.map { old in new.map { $0.subjectPublicKeyInfoSHA256 == old.subjectPublicKeyInfoSHA256 } ?? false } ?? false
        guard let newKey else { return Catalog.text("renewal.compare.key-kept") }
        return same ? Catalog.text("renewal.compare.key-same", ["file": Self.fileName(newKey)])
            : Catalog.text("renewal.compare.key-changed", ["file": Self.fileName(newKey)])
    }

    private static func trailingSpacesDropped(_ text: Substring) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return String(text)
    }

    /// The DNS names and addresses a certificate covers, without their `DNS:` prefix.
    private static func names(_ certificate: Certificate?) -> String {
        guard let certificate else { return Catalog.text("word.none") }
        let names = certificate.subjectAlternativeNames.map { $0.hasPrefix("DNS:") ? String($0.dropFirst(4)) : $0 }
        return names.isEmpty ? certificate.subject : names.joinedAsList()
    }

    private static func fileName(_ path: String) -> String {
        SafeText.escape(String(path.split(separator: "/").last ?? Substring(path)))
    }

    /// `text` cut to a cell `width` columns wide by the UI's line breaker, without the
    /// indent it gives later lines: the table aligns its own columns.
    private static func cell(_ text: String, width: Int) -> [String] {
        WrappedText.lines(text, width: width).map { trailingSpacesDropped($0.drop { $0 == " " }) }
    }
}
