import Foundation

/// Prometheus text exposition read back for tests, independently of the writer: each sample's
/// name, labels (unescaped) and value, the HELP and TYPE lines, and `promtool check metrics`.
package struct PrometheusText {
    /// One sample line.
    package struct Sample: Equatable {
        package let name: String
        package let labels: [String: String]
        package let value: Double
    }

    package let samples: [Sample]
    /// The family named by each `# HELP` and `# TYPE` line, in order.
    package let helps: [String]
    package let types: [String]

    /// Parses `text`; throws on a line the format does not allow.
    package init(_ text: String) throws {
        var samples: [Sample] = []
        var helps: [String] = []
        var types: [String] = []
        // By scalar: a carriage return before a line feed does not hide the line end.
        for scalars in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            var line = ""
            line.unicodeScalars.append(contentsOf: scalars)
            if line.hasPrefix("# HELP ") { helps.append(String(line.dropFirst(7).prefix { $0 != " " })); continue }
            if line.hasPrefix("# TYPE ") { types.append(String(line.dropFirst(7).prefix { $0 != " " })); continue }
            samples.append(try Self.sample(Array(scalars)))
        }
        guard text.hasSuffix("\n") || text.isEmpty else { throw Shell.Failure(description: "no newline at the end") }
        (self.samples, self.helps, self.types) = (samples, helps, types)
    }

    /// The samples of `name` whose labels include `labels`.
    package func values(_ name: String, _ labels: [String: String] = [:]) -> [Double] {
        samples.filter { sample in sample.name == name && labels.allSatisfy { key, value in sample.labels[key] == value } }.map(\.value)
    }

    private static func sample(_ scalars: [Unicode.Scalar]) throws -> Sample {
        var index = 0
        var name = ""
        while index < scalars.count, scalars[index] != "{", scalars[index] != " " { name.unicodeScalars.append(scalars[index]); index += 1 }
        var labels: [String: String] = [:]
        if index < scalars.count, scalars[index] == "{" {
            index += 1
            while index < scalars.count, scalars[index] != "}" {
                var label = ""
                while index < scalars.count, scalars[index] != "=" { label.unicodeScalars.append(scalars[index]); index += 1 }
                guard index + 1 < scalars.count, scalars[index + 1] == "\"" else { throw Shell.Failure(description: "no quote after \(label)=") }
                index += 2
                var value = ""
                while index < scalars.count, scalars[index] != "\"" {
                    if scalars[index] == "\\", index + 1 < scalars.count {
                        index += 1
                        switch scalars[index] {
                        case "n": value += "\n"
                        case "\\", "\"": value.unicodeScalars.append(scalars[index])
                        default: throw Shell.Failure(description: "invalid escape \\\(scalars[index])")
                        }
                    } else {
                        value.unicodeScalars.append(scalars[index])
                    }
                    index += 1
                }
                guard labels.updateValue(value, forKey: label) == nil else { throw Shell.Failure(description: "label \(label) twice") }
                index += 1
                if index < scalars.count, scalars[index] == "," { index += 1 }
            }
            index += 1
        }
        guard index < scalars.count, scalars[index] == " " else { throw Shell.Failure(description: "no value for \(name)") }
        var text = ""
        for scalar in scalars[(index + 1)...] { text.unicodeScalars.append(scalar) }
        guard let value = Double(text.replacingOccurrences(of: "+Inf", with: "inf")) else { throw Shell.Failure(description: "value \(text)") }
        return Sample(name: name, labels: labels, value: value)
    }

    /// `promtool check metrics` on `text`: its status and what it said; nil when promtool is
    /// not installed (Debian's prometheus package has it; Scripts/test installs it).
    package static func promtool(_ text: String) -> Shell.Result? {
        guard ["/usr/bin/promtool", "/usr/local/bin/promtool"].contains(where: FileManager.default.isExecutableFile(atPath:)) else { return nil }
        return Shell.run("promtool", ["check", "metrics"], input: text)
    }
}
