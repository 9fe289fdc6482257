/// The column layout of Debian's stock master.cf.
enum MasterLayout {
    /// Where each field starts: `submission inet n       -       y       -       -       smtpd`.
    /// A field that cannot reach its column follows the previous one after one space.
    static let fieldColumns = [0, 10, 16, 24, 32, 40, 48, 56]

    /// The indentation of `-o` lines in Debian's master.cf.
    static let defaultIndentation = "  "

    /// The service types Postfix accepts.
    static let serviceTypes: Set<String> = ["inet", "unix", "unix-dgram", "fifo", "pass"]

    /// `fields` laid out in the standard columns.
    static func columns(_ fields: [String]) -> String {
        var line = ""
        for (index, field) in fields.enumerated() {
            if index > 0 {
                let column = index < fieldColumns.count ? fieldColumns[index] : 0
                line += String(repeating: " ", count: max(1, column - line.count))
            }
            line += field
        }
        return line
    }
}
