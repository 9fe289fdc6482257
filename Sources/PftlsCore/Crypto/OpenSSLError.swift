import COpenSSL

/// OpenSSL's error queue, drained into text for a reason line.
public enum OpenSSLError {
    /// Empties the calling thread's OpenSSL error queue and returns its reasons,
    /// joined by "; ", or nil when it was empty.
    @discardableResult
    public static func drain() -> String? {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            if let reason = ERR_reason_error_string(code) {
                let text = String(cString: reason)
                if !reasons.contains(text) { reasons.append(text) }
            }
        }
        return reasons.isEmpty ? nil : reasons.joined(separator: "; ")
    }
}
