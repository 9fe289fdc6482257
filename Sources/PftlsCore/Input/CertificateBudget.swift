/// How many certificates pftls decodes from its inputs.
///
/// A server chain has two to four certificates, and a CA bundle such as Debian's
/// ca-certificates.crt about 150. The bounds keep a hostile input (a 1 MiB file of
/// thousands of chain-linked certificates) from taking time and memory without end.
public enum CertificateBudget {
    /// At most this many certificates are decoded from one file.
    public static let perFile = 250
    /// At most this many certificates are decoded from all inputs together.
    public static let total = 500

    /// The `too-many-certificates` finding for a file of which `skipped` were not read.
    static func finding(path: String, read: Int, skipped: Int) -> Finding {
        Finding(.tooManyCertificates, .error, file: path,
            message: Catalog.text("finding.tooManyCertificates.message", ["path": "\(SafeText.escape(path))", "perFile": "\(perFile)", "total": "\(total)", "read": "\(read)", "skipped": "\(skipped)"]),
            hint: Catalog.text("finding.tooManyCertificates.hint"))
    }
}

extension DecodedFile {
    /// Takes room for one more certificate; false, counting it as skipped, once the
    /// file's budget is spent.
    mutating func takeCertificateRoom() -> Bool {
        guard certificateRoom > 0 else {
            skippedCertificates += 1
            return false
        }
        certificateRoom -= 1
        return true
    }

    /// The number of certificates decoded from the file.
    var certificateCount: Int {
        items.count { if case .certificate = $0.object { true } else { false } }
    }
}
