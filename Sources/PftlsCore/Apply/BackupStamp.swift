/// The name pftls gives a backup set or key-copy set: `Applier.stamp` (`20261129T010203Z`),
/// and `-2` … `-100` when a set of that second already exists (`BackupSet.makeDirectory`).
/// Only a name of exactly this form is pftls' own; sets are ordered by it, never by mtime.
struct BackupStamp: Comparable {
    /// The highest attempt `BackupSet.makeDirectory` makes a name for.
    static let lastAttempt = 100

    /// The name in the directory.
    let name: String
    /// `20261129T010203Z`.
    let stamp: String
    /// 1 for the plain stamp, else the number after its `-`.
    let attempt: Int

    /// nil unless `name` is a stamp, optionally with an attempt of 2 … `lastAttempt` (no leading zero).
    init?(name: String) {
        let parts = name.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        let stamp = Array(parts[0].utf8)
        guard stamp.count == 16, stamp[8] == UInt8(ascii: "T"), stamp[15] == UInt8(ascii: "Z"),
              (stamp[0..<8] + stamp[9..<15]).allSatisfy(Self.isDigit) else { return nil }
        var attempt = 1
        if parts.count == 2 {
            let digits = Array(parts[1].utf8)
            guard (1...3).contains(digits.count), digits.allSatisfy(Self.isDigit), digits[0] != UInt8(ascii: "0"),
                  let number = Int(String(parts[1])), (2...Self.lastAttempt).contains(number) else { return nil }
            attempt = number
        }
        self.name = name
        self.stamp = String(parts[0])
        self.attempt = attempt
    }

    static func < (left: BackupStamp, right: BackupStamp) -> Bool {
        (left.stamp, left.attempt) < (right.stamp, right.attempt)
    }

    static func == (left: BackupStamp, right: BackupStamp) -> Bool { left.name == right.name }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}
