import Foundation

/// A message in a throwaway Postfix instance's queue, read back with postqueue and postcat.
package struct QueuedMail {
    package let id: String
    /// Envelope recipients.
    package let recipients: [String]
    /// Header fields as queued, each with its folded continuation lines ("\n" between them).
    package let headers: [String]
    package let body: String

    /// The fields named `name` (case-insensitive), without the name and colon.
    package func header(_ name: String) -> [String] {
        headers.compactMap { field in
            guard let colon = field.firstIndex(of: ":"), field[..<colon].lowercased() == name.lowercased() else { return nil }
            return String(field[field.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
    }

    /// The messages the instance's queue manager has put in the deferred queue (where an
    /// instance with `defer_transports` keeps them), waiting up to `seconds` for at least
    /// `count` of them and for none to be on its way there.
    package static func all(in postfix: ThrowawayPostfix, atLeast count: Int = 1, seconds: Double = 20) -> [QueuedMail] {
        let deadline = Date().addingTimeInterval(seconds)
        var entries: [[String: Any]] = []
        repeat {
            entries = Shell.run("postqueue", ["-c", postfix.configDirectory, "-j"]).output.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            if entries.count >= count, entries.allSatisfy({ $0["queue_name"] as? String == "deferred" }) { break }
            usleep(200_000)
        } while Date() < deadline
        return entries.compactMap { entry in
            guard let id = entry["queue_id"] as? String else { return nil }
            let recipients = (entry["recipients"] as? [[String: Any]] ?? []).compactMap { $0["address"] as? String }
            let header = Shell.run("postcat", ["-c", postfix.configDirectory, "-h", "-q", id]).output
            // The body as postcat shows it starts with the empty line that ends the header.
            let body = Shell.run("postcat", ["-c", postfix.configDirectory, "-b", "-q", id]).output.trimmingPrefix("\n")
            return QueuedMail(id: id, recipients: recipients, headers: fields(header), body: String(body))
        }
    }

    /// Header lines joined into fields: a line that starts with white space continues the one before.
    package static func fields(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).reduce(into: [String]()) { fields, line in
            if line.isEmpty { return }
            if let first = line.first, first == " " || first == "\t", !fields.isEmpty {
                fields[fields.count - 1] += "\n" + line
            } else {
                fields.append(String(line))
            }
        }
    }

    /// Files sendmail left in the maildrop directory, not yet picked up.
    package static func maildrop(of postfix: ThrowawayPostfix) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: postfix.root + "/queue/maildrop")) ?? []
    }
}
