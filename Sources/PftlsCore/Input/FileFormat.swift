/// What the bytes of a file look like before anything is decoded.
public enum FileFormat: Equatable, Sendable {
    /// Text with at least one PEM BEGIN line.
    case pem
    /// A binary ASN.1 SEQUENCE: DER certificate or key, PKCS#12 or PKCS#7.
    case der
    /// No bytes, or only whitespace.
    case empty
    /// Anything else.
    case unknown

    /// The UTF-8 byte order mark some Windows editors write.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Sniffs the format from the first bytes. Never fails, whatever the input.
    public static func sniff(_ bytes: [UInt8]) -> FileFormat {
        let body = bytes.starts(with: byteOrderMark) ? Array(bytes.dropFirst(3)) : bytes
        guard let first = body.first(where: { !isWhitespace($0) }) else { return .empty }
        if first == 0x30, bytes.first == 0x30 { return .der }
        if containsBeginMarker(body) { return .pem }
        return .unknown
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    private static let beginMarker = Array("-----BEGIN ".utf8)

    private static func containsBeginMarker(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= beginMarker.count else { return false }
        let first = beginMarker[0]
        var index = 0
        let limit = bytes.count - beginMarker.count
        while index <= limit {
            if bytes[index] == first && bytes[index..<index + beginMarker.count].elementsEqual(beginMarker) { return true }
            index += 1
        }
        return false
    }
}
