import COpenSSL
import Glibc

/// Where a source file comes from, by where it lies: a certbot lineage (`ROOT/live/NAME/…`,
/// or `ROOT/archive/NAME/…` its links point into) or an acme.sh certificate directory
/// (`NAME/` or `NAME_ecc/` holding `fullchain.cer`, `NAME.cer`, `NAME.key`, `ca.cer`).
enum SourceOrigin {
    /// certbot's `ROOT/live/NAME` for a file in that lineage's live/ or archive/ directory
    /// (as named, or once its links are followed); nil otherwise.
    static func certbotLineage(of file: String) -> String? {
        for path in [file, LocalFileSystem().resolvedPath(file)].compactMap({ $0 }) {
            let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            guard parts.count >= 3 else { continue }
            let kind = parts[parts.count - 3]
            guard kind == "live" || kind == "archive" else { continue }
            let root = "/" + parts.dropLast(3).joined(separator: "/")
            return (root == "/" ? "" : root) + "/live/" + parts[parts.count - 2]
        }
        return nil
    }

    /// The acme.sh certificate directory holding `file`, when its name is one acme.sh writes there.
    static func acmeDirectory(of file: String) -> String? {
        let (directory, name) = AtomicFileWriter.split(file)
        let folder = AtomicFileWriter.split(directory).name
        let domain = folder.hasSuffix("_ecc") ? String(folder.dropLast(4)) : folder
        guard !domain.isEmpty, ["fullchain.cer", "ca.cer", domain + ".cer", domain + ".key"].contains(name) else { return nil }
        return directory
    }
}

/// SHA-256 as lowercase hex, for the ledger.
enum LedgerDigest {
    /// The digest of `bytes`.
    static func sha256(_ bytes: [UInt8]) -> String { Hex.lowercase(PublicKeyDigest.digest(bytes, EVP_sha256())) }

    /// The digest of a planned file's new content; nil for a secret (a file holding a key):
    /// a digest of unencrypted key material is never recorded.
    static func sha256(certificatesOnly content: PlannedFile.Content) -> String? {
        switch content {
        case .text(let bytes): sha256(bytes)
        case .secret: nil
        }
    }

    /// True when `content` holds `needle` (a certificate's PEM text); a secret is searched where it lies.
    static func content(_ content: PlannedFile.Content, holds needle: [UInt8]) -> Bool {
        switch content {
        case .text(let bytes): bytes.withUnsafeBytes { contains($0, needle) }
        case .secret(let secret): secret.withUnsafeBytes { contains($0, needle) }
        }
    }

    private static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        let first = needle[0]
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first {
                var matched = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return true }
            }
            index += 1
        }
        return false
    }
}
