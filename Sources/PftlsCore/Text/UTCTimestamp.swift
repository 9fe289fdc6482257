import FoundationEssentials
import Glibc

/// ISO 8601 timestamps in UTC (`2026-11-29T00:53:21Z`), formatted with the C
/// library: no time-zone database or ICU is loaded for them.
public enum UTCTimestamp {
    /// Formats `date` as `YYYY-MM-DDTHH:MM:SSZ`.
    public static func format(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let length = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%SZ", &parts)
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
